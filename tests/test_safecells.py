"""Exports a spreadsheet opens: text that starts like a formula is written as text.

Why: a findings report repeats child ids from the council's own files, and a spreadsheet runs a
cell such as ``=HYPERLINK(...)`` when the report is opened (CSV injection, OWASP).
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lineofsight.returns.findings import Finding, Severity
from lineofsight.returns.report import to_csv
from lineofsight.safecells import FORMULA_STARTS, safe_cell

HOSTILE = ['=HYPERLINK("http://x.invalid","y")', "+1+2", "-2+3", "@SUM(A1:A2)", "\tx", "\rx"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_gets_a_leading_quote(text: str) -> None:
    assert safe_cell(text) == "'" + text.replace("\r", "\n")


@pytest.mark.parametrize("value", ["A123", "", "'=already", 3, -3.5, None, "1-2"])
def test_other_values_are_unchanged(value: object) -> None:
    assert safe_cell(value) == value


def test_findings_csv_never_starts_a_cell_with_a_formula() -> None:
    shown = [*HOSTILE, "A1\r=HYPERLINK(1)"]  # a bare CR would end the row early
    findings = [
        Finding("R1", Severity.ERROR, text + ".csv", 2, text, "CHILD", text) for text in shown
    ]
    rows = list(csv.DictReader(io.StringIO(to_csv(findings))))
    assert len(rows) == len(shown)
    for row, text in zip(rows, shown, strict=True):
        assert row["child_id"] == safe_cell(text) and row["message"] == safe_cell(text)
        assert row["child_id"].startswith("'") or not text.startswith(FORMULA_STARTS)
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def _spilled(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """The findings CSV of the same findings written row by row and, spilled, by DuckDB."""
    from lineofsight.returns import findings as fmod
    from lineofsight.returns.findings import Findings, ReadResult
    from lineofsight.returns.report import write_csv

    items = [
        Finding("R1", Severity.ERROR, f"{t}.csv", i or None, t or None, "CHILD", t)
        for i, t in enumerate(texts)
    ]

    def written() -> str:
        out = io.StringIO(newline="")
        write_csv([ReadResult("ssda903", {}, Findings(items))], out)
        return out.getvalue()

    by_row = written()
    monkeypatch.setattr(fmod, "IN_MEMORY", 0)
    return by_row, written()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.text(max_size=12), min_size=1, max_size=20))
def test_a_spilled_list_is_written_exactly_as_row_by_row(
    monkeypatch: pytest.MonkeyPatch, texts: list[str]
) -> None:
    """The million-row path (DuckDB over the spill file) gives the same bytes as ``safe_cell``."""
    by_row, spilled = _spilled([*HOSTILE, "A1\r=HYPERLINK(1)", 'say "x", y\n', *texts], monkeypatch)
    assert spilled == by_row
