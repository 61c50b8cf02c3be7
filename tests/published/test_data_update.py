"""``lineofsight data update`` as a council runs it: a newer Ofsted workbook in the official layout
(made here) changes a council's latest judgement, the risk estimate uses it, the package's own data
is untouched, and a file in the wrong layout gets one sentence and exit 2."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from lineofsight.databuild.build import OFSTED_COLUMNS
from lineofsight.databuild.update import HISTORY_HEADERS, _table, check_history
from lineofsight.errors import UserError
from lineofsight.published.store import DATA, load_store

CLI = str(Path(sys.executable).with_name("lineofsight"))
STOKE = "E06000021"
HEADER = [
    "Web link",
    "Local authority area code",
    "Local authority name",
    "Local authority status",
    "Ofsted region",
    "Inspection date",
    "Publication date",
    "Inspection type",
    *OFSTED_COLUMNS.values(),
]


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"LINEOFSIGHT_HOME": str(home)}
    return subprocess.run([CLI, *args], capture_output=True, text=True, check=False, env=env)


def _date(text: str) -> datetime:
    return datetime.fromisoformat(text)


def workbook(path: Path, extra: list[dict[str, Any]], drop: str | None = None) -> Path:
    """Ofsted's outcomes workbook layout: a Cover with 'Published on', notes above each table."""
    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Cover"
    cover.append(["Local authority inspection outcomes as at 30 September 2025"])
    cover.append(["Section", "Detail"])
    cover.append(["Published on:", _date("2025-11-20")])
    history = book.create_sheet("ILACS_inspection_history")
    history.append(["ILACS inspection history from 2018-2025"])
    history.append(["This worksheet contains one table with notes above it."])
    header = [h for h in HEADER if h != drop]
    history.append(header)
    bundled = load_store(DATA).ofsted_ilacs
    names = dict(zip(load_store(DATA).las.code, load_store(DATA).las.name, strict=True))
    rows = [
        {
            "Web link": "Ofsted Local Authority Webpage",
            "Local authority area code": r.la_code,
            "Local authority name": names.get(r.la_code, ""),
            "Local authority status": "Current",
            "Ofsted region": "",
            "Inspection date": _date(r.inspection_date),
            "Publication date": _date(r.publication_date),
            "Inspection type": r.inspection_type,
            **{v: getattr(r, k) for k, v in OFSTED_COLUMNS.items()},
        }
        for r in bundled.itertuples()
    ]
    for row in [*rows, *extra]:
        history.append([row.get(h, "") for h in header])
    book.save(path)
    return path


STOKE_AGAIN = {
    "Web link": "Ofsted Local Authority Webpage",
    "Local authority area code": STOKE,
    "Local authority name": "Stoke-on-Trent",
    "Local authority status": "Current",
    "Ofsted region": "West Midlands",
    "Inspection date": _date("2025-06-02"),
    "Publication date": _date("2025-07-14"),
    "Inspection type": "ILACS Standard Inspection",
    **{v: "Good" for v in OFSTED_COLUMNS.values()},
}


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(folder.glob("*.parquet")):
        h.update(f.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def updated(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("update")
    before = _digest(DATA)
    book = workbook(folder / "LA_Inspection_Outcomes_as_at_30_September_2025.xlsx", [STOKE_AGAIN])
    home = folder / "home"
    result = run(home, "data", "update", str(book))
    assert _digest(DATA) == before, "the package's own data must never change"
    return home, result


def test_update_says_what_changed_and_writes_under_home(updated) -> None:  # type: ignore[no-untyped-def]
    home, r = updated
    assert r.returncode == 0, r.stderr
    assert (
        "Stoke-on-Trent: latest judgement Requires improvement to be good (2022-10-03)" in r.stdout
    )
    assert "-> Good (2025-06-02)" in r.stdout
    assert (home / "published" / "ofsted_ilacs.parquet").exists()
    sources = run(home, "data", "sources")
    assert "Ofsted judgements as at 2025-09-30." in sources.stdout
    assert "Ofsted local authority inspection outcomes: released 2025-11-20" in sources.stdout


def test_risk_estimate_uses_the_updated_judgement(updated) -> None:  # type: ignore[no-untyped-def]
    home, _ = updated
    r = run(home, "risk", "Stoke-on-Trent", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["ofsted_data_as_at"] == "2025-09-30"
    overall = data["estimates"][0]
    assert (overall["last_judgement"], overall["last_inspection"]) == ("Good", "2025-06-02")
    assert not overall["possibly_reinspected"] or data["as_of"] >= "2028-06-02"
    flags = {f["feature"]: f["value"] for f in overall["factors"]}
    assert flags.get("overall_prev_poor", 0.0) == 0.0


def test_wrong_layouts_get_one_sentence_and_exit_2(tmp_path: Path) -> None:
    cases = {
        "no column": workbook(tmp_path / "a.xlsx", [], drop="Inspection type"),
        "csv": tmp_path / "b.csv",
        "unknown council": workbook(
            tmp_path / "c.xlsx", [STOKE_AGAIN | {"Local authority area code": "E99999999"}]
        ),
    }
    cases["csv"].write_text("name,value\nStoke,1\n")
    said = {}
    for name, path in cases.items():
        r = run(tmp_path / "home", "data", "update", str(path))
        assert r.returncode == 2, (name, r.stdout, r.stderr)
        assert "Traceback" not in r.stderr
        said[name] = r.stderr
    assert "lacks the column(s) 'Inspection type'" in said["no column"]
    assert "is not a file 'data update' can take" in said["csv"]
    assert "'E99999999', which is not a council code" in said["unknown council"]
    assert not (tmp_path / "home" / "published").exists(), "nothing written after a failure"


CELL = st.one_of(st.text(max_size=12), st.integers(), st.none(), st.sampled_from(["Web link"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(CELL, max_size=14), max_size=8))
def test_table_and_layout_checks_fail_only_with_a_sentence(rows: list[list[Any]]) -> None:
    try:
        check_history(_table(rows, "Web link", "The sheet"), "The sheet")
    except UserError as exc:
        assert exc.message.endswith(".") and "\n" not in exc.message


def test_a_valid_row_passes_the_layout_check() -> None:
    row = dict.fromkeys(HISTORY_HEADERS, "")
    row |= {"Inspection date": "2025-06-02", "Publication date": "2025-07-14"}
    row |= {v: "Good" for v in OFSTED_COLUMNS.values()}
    check_history([row], "The sheet")


CLA_HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,la_name,new_la_code,population_type,population_estimate,"
    "children_count,rate_per_10000"
)
ON_31_MARCH = "Children looked after on 31 March each year"


def cla_csv(path: Path, header: str = CLA_HEADER) -> Path:
    """DfE's 'children looked after: number and rate per 10,000' table, in its EES layout."""
    rows = [
        f"2026,Reporting year,National,E92000001,England,,,,,,{ON_31_MARCH},12100000,80000,66",
        f"2026,Reporting year,Local authority,E92000001,England,E12000005,West Midlands,861,"
        f"Stoke-on-Trent,{STOKE},{ON_31_MARCH},60000,900,150",
        "2026,Reporting year,National,E92000001,England,,,,,,Children starting to be looked after"
        " each year,12100000,30000,25",
    ]
    path.write_text("\ufeff" + header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_newer_dfe_csv_adds_its_year_with_provenance(tmp_path: Path) -> None:
    import pandas as pd

    home = tmp_path / "home"
    csv_file = cla_csv(tmp_path / "cla_number_and_rate_per_10k_children.csv")
    r = run(home, "data", "update", str(csv_file), "--released", "2026-11-19")
    assert r.returncode == 0, r.stderr
    assert "cla_rate_per_10k: 2 new figures (years 2026), 0 revised." in r.stdout
    values = pd.read_parquet(home / "published" / "values.parquet")
    stoke = values[
        (values.indicator_id == "cla_rate_per_10k")
        & (values.area_code == STOKE)
        & (values.year == "2026")
    ]
    assert stoke.value.tolist() == [150.0]
    sources = pd.read_parquet(home / "published" / "sources.parquet")
    row = sources[sources.source_id == int(stoke.source_id.iloc[0])].iloc[0]
    assert row.release == "2026-11-19" and "sha256" in row.origin
    assert row.publication.endswith("2026")
    listed = run(home, "data", "sources").stdout
    assert "Children looked after in England: released 2026-11-19" in listed


def test_a_dfe_csv_in_the_wrong_layout_is_refused(tmp_path: Path) -> None:
    wrong = cla_csv(
        tmp_path / "cla_number_and_rate_per_10k_children.csv",
        CLA_HEADER.replace("rate_per_10000", "rate"),
    )
    other = cla_csv(tmp_path / "something_else_2026.csv")
    for path, sentence in (
        (wrong, "lacks the column(s) 'rate_per_10000'"),
        (other, "is not a newer release of any DfE or ONS table"),
    ):
        r = run(tmp_path / "home", "data", "update", str(path))
        assert r.returncode == 2 and sentence in r.stderr, r.stderr
        assert "Traceback" not in r.stderr


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghijklmnop_,0123456789 ", max_size=20), max_size=10))
def test_csv_header_checks_fail_only_with_a_sentence(tmp_path_factory, columns) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.databuild.update import ees_specs, kind_of

    path = tmp_path_factory.mktemp("fuzz") / "cla_number_and_rate_per_10k_children.csv"
    path.write_text(",".join(["time_period", "geographic_level", *columns]) + "\n")
    try:
        assert kind_of(path) == "ees"
        ees_specs(path)
    except UserError as exc:
        assert exc.message.endswith(".") and "\n" not in exc.message
