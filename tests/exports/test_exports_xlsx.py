"""The Excel writer: numbers stay numbers with a format for their unit, a figure without a
number holds its published state code (explained on the Key sheet), sources and demo labels are
in the workbook, and no text runs as a formula."""

from __future__ import annotations

import csv
import io

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from lineofsight.exports.xlsx import Export, Source, number_format, workbook_bytes
from lineofsight.safecells import safe_rows
from xlsx_support import compare_with_csv

RECORDS = [
    {"la_name": "Leeds", "unit": "percent", "value": 21.7, "state": "value", "england": 22.6,
     "england_state": "value"},
    {"la_name": "Halton", "unit": "percent", "value": None, "state": "c", "england": 22.6,
     "england_state": "value"},
    {"la_name": "=HYPERLINK(\"x\")", "unit": "gbp", "value": 85548553.0, "state": "value",
     "england": None, "england_state": "u"},
]  # fmt: skip


def _book(export: Export) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes(export)))


def _csv(records: list[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(safe_rows(records))
    return out.getvalue()


def test_numbers_states_key_and_sources() -> None:
    fmt = {"value": lambda r: number_format(str(r["unit"]), 1)}
    book = _book(
        Export(
            "Test table",
            RECORDS,
            sources=[Source("Children in need, 2025", "Department for Education", "2025-10-30")],
            formats=fmt,
        )
    )
    assert book.sheetnames == ["Data", "About", "Key", "Sources"]
    data = book["Data"]
    assert [c.value for c in data[1]] == list(RECORDS[0])
    assert data["C2"].value == 21.7 and data["C2"].number_format == '#,##0.0"%"'
    assert data["C3"].value == "c"  # suppressed: the code, not a blank
    assert data["C4"].value == 85548553.0 and data["C4"].number_format.startswith('"£"')
    assert data["E4"].value == "u"
    assert data["A4"].value == '\'=HYPERLINK("x")' and data["A4"].data_type == "s"
    key = {r[0]: r[1:] for r in book["Key"].iter_rows(values_only=True)}
    assert key["c"] == (
        "Suppressed: withheld to protect individuals (a small number).",
        "suppressed (small number)",
    )
    assert set(key) == {"Code", "c", "x", "z", "low", "k", "u", "missing"}
    sources = list(book["Sources"].iter_rows(values_only=True))
    assert sources[1] == (
        "Children in need, 2025",
        "Department for Education",
        "30 October 2025",
        "Open Government Licence v3.0",
        None,
    )
    about = [r[0] for r in book["About"].iter_rows(values_only=True)]
    assert about[0] == "Test table" and not any("DEMO" in str(a) for a in about)


def test_demo_content_is_labelled() -> None:
    book = _book(Export("Budget monitoring", RECORDS, demo="made up by the demo, not real"))
    assert book.sheetnames[0] == "Demo data"
    about = [r[0] for r in book["About"].iter_rows(values_only=True)]
    assert about[1] == "DEMO: made up by the demo, not real"
    assert "DEMO" in book["Demo data"].oddHeader.center.text


def test_workbook_matches_the_csv() -> None:
    problems, numbers, codes = compare_with_csv(_csv(RECORDS), workbook_bytes(Export("T", RECORDS)))
    assert problems == [] and numbers == 4 and codes == 2


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "name": st.text(max_size=20),
                "value": st.none() | st.floats(allow_nan=False, allow_infinity=False, width=32),
                "state": st.sampled_from(["value", "c", "x", "z", "u", "low", "k", "missing"]),
                "n": st.integers(-(10**12), 10**12),
            }
        ),
        min_size=1,
        max_size=5,
    )
)
def test_any_table_round_trips_as_its_csv(records: list[dict[str, object]]) -> None:
    """Whatever the text (formula starts, control characters), the workbook opens and holds
    the CSV's numbers and states; text matches once characters an .xlsx cannot hold are gone."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cleaned = [{**r, "name": ILLEGAL_CHARACTERS_RE.sub("", str(r["name"]))} for r in records]
    problems, _, _ = compare_with_csv(_csv(cleaned), workbook_bytes(Export("T", records)))
    assert problems == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(max_size=12), st.text(max_size=12)),
        min_size=0,
        max_size=6,
    )
)
def test_records_from_csv_reads_any_csv(rows: list[tuple[str, str]]) -> None:
    """Any CSV (quotes, commas, line ends, odd numbers) reads back: a numeric column's cell is a
    finite number equal to its text, or the text itself (a blank is None); other cells are text."""
    import math

    from lineofsight.exports.xlsx import records_from_csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["n", "t"])
    writer.writerows([n.replace("\r", ""), t.replace("\r", "")] for n, t in rows)
    records = records_from_csv(out.getvalue(), ["n"])
    assert len(records) == len(rows)
    for record, (n, t) in zip(records, rows, strict=True):
        n = n.replace("\r", "")
        assert record["t"] == t.replace("\r", "")
        value = record["n"]
        if value is None:
            assert not n.strip()
        elif isinstance(value, str):
            assert value == n
        else:
            assert math.isfinite(value) and value == float(n.replace(",", ""))
