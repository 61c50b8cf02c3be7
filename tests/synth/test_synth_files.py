"""The generator's files are the ones a council sends DfE: right names, DfE columns, valid XML.

Catches drift between the generator and the specifications: a renamed column, an element out of
schema order, a year-specific change (CIN plan dates from 2022, Sex from 2025) applied wrongly.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from lxml import etree
from tests_synth_helpers import FIRST, LAST

from lineofsight.returns import schema
from lineofsight.synth.ssda903 import COLUMNS, tables_for

SHARED = Path(
    os.environ.get("LINEOFSIGHT_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared")
)


def _shared(sub: str) -> Path:
    path = SHARED / "data" / sub
    if not path.exists():
        pytest.skip(f"{path} is not available (set LINEOFSIGHT_SHARED to the shared folder)")
    return path


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return next(csv.reader(fh))


def test_every_year_has_the_dfe_903_file_set(clean: tuple[Path, object]) -> None:
    root, _ = clean
    for year in range(FIRST, LAST + 1):
        names = sorted(p.name for p in (root / "ssda903" / str(year)).glob("*.csv"))
        want = sorted(f"{t}.csv" for t in tables_for(year))
        assert names == want, year
        assert ("sw_episodes.csv" in names) == (year >= 2024)


def test_903_columns_match_the_bundled_specification(clean: tuple[Path, object]) -> None:
    root, _ = clean
    spec = schema.load("ssda903")
    for year in range(FIRST, LAST + 1):
        for table in tables_for(year):
            got = _header(root / "ssda903" / str(year) / f"{table}.csv")
            assert set(got) == {c.name for c in spec.table(table)}, (year, table)


def test_903_column_order_matches_the_dfe_sample() -> None:
    sample = _shared("synthetic/ssda903_csc_validator_be_903")
    for table, cols in COLUMNS.items():
        assert _header(sample / f"{table}.csv") == cols, table


def test_903_dates_are_dd_mm_yyyy(clean: tuple[Path, object]) -> None:
    root, _ = clean
    with (root / "ssda903" / str(LAST) / "episodes.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for r in rows[:200]:
        day, month, year = r["DECOM"].split("/")
        assert len(day) == 2 and len(month) == 2 and len(year) == 4 and 1 <= int(month) <= 12


def test_cin_census_validates_against_each_years_xsd(clean: tuple[Path, object]) -> None:
    specs = _shared("specs/cin_census")
    root, _ = clean
    for year in range(FIRST, LAST + 1):
        xsd = etree.XMLSchema(etree.parse(str(specs / f"CIN_schema_{year}.xsd")))
        doc = etree.parse(str(root / "cin" / f"cin_census_{year}.xml"))
        assert xsd.validate(doc), (year, xsd.error_log.last_error)
        children = doc.findall(".//Child")
        assert len(children) > 500
        gender = doc.find(".//ChildIdentifiers/GenderCurrent")
        sex = doc.find(".//ChildIdentifiers/Sex")
        assert (gender is not None) == (year <= 2024) and (sex is not None) == (year >= 2025)
        plans = doc.find(".//CINPlanDates")
        assert (plans is not None) == (year >= 2022)


def test_workforce_census_validates_against_the_xsd(clean: tuple[Path, object]) -> None:
    xsd_path = _shared("specs/csww/social_work_workforce_2022.xsd")
    xsd = etree.XMLSchema(etree.parse(str(xsd_path)))
    root, _ = clean
    for year in range(FIRST, LAST + 1):
        doc = etree.parse(str(root / "workforce" / f"csww_{year}.xml"))
        assert xsd.validate(doc), (year, xsd.error_log.last_error)
        assert len(doc.findall("CSWWWorker")) > 50
