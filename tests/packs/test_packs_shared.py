"""The pack's figures against the raw published file in ../shared/data (skipped without it).

Why: the bundled data is built from these files; a pack that printed a figure the publisher did
not publish would mislead a leader, so one chain is checked end to end: CSV cell to PDF text.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from packs_support import STOKE, pdf_of, pdf_text

pytestmark = pytest.mark.shared


def _published(data: Path, year: str, la: str, column: str) -> str:
    path = data / "cla" / "cla_number_and_rate_per_10k_children.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if (
                row["time_period"] == year
                and row["new_la_code"] == la
                and row["population_type"] == "Children looked after on 31 March each year"
            ):
                return row[column]
    raise AssertionError(f"no {year} row for {la} in {path}")


def test_children_in_care_figures_match_the_dfe_file(shared_data: Path) -> None:
    text = pdf_text(pdf_of("quartet", STOKE))
    rate = _published(shared_data, "2025", STOKE, "rate_per_10000")
    count = int(_published(shared_data, "2025", STOKE, "children_count"))
    assert f"Children looked after per 10,000 children (at 31 March 2025) {rate}" in text
    assert f"children looked after {count:,} (at 31 March 2025" in text
