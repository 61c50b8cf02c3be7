"""The build step is reproducible, and the bundled data is what it makes from today's catalogue.

If someone edits the catalogue without rebuilding (`make data`), this test says so.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from lineofsight.databuild.build import build, year_label
from lineofsight.errors import UserError
from lineofsight.published.store import DATA

TABLES = [
    "values",
    "las",
    "aliases",
    "neighbours",
    "sources",
    "ofsted_ilacs",
    "ofsted_send",
    "lait_measures",
]


@pytest.fixture(scope="module")
def rebuilt(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("bundled")
    lines: list[str] = []
    build(shared_data.parent, out, echo=lines.append)
    return out, lines


# One worker builds once for every table (under xdist each worker would otherwise rebuild).
@pytest.mark.xdist_group("rebuild")
@pytest.mark.parametrize("table", TABLES)
def test_rebuild_equals_the_bundled_data(rebuilt: tuple[Path, list[str]], table: str) -> None:
    out, _ = rebuilt
    fresh, bundled = (pq.read_table(d / f"{table}.parquet") for d in (out, DATA))
    if fresh.equals(bundled):  # Arrow's equality is exact and fast on the 1.5M-row values table
        return
    # Not identical as Arrow: say where, as pandas sees it (categories may be ordered differently).
    pd.testing.assert_frame_equal(fresh.to_pandas(), bundled.to_pandas(), check_categorical=False)


def test_build_reports_disagreements_between_releases(rebuilt: tuple[Path, list[str]]) -> None:
    out, lines = rebuilt
    report = pd.read_csv(out / "disagreements.csv")
    assert {
        "indicator_id",
        "area_code",
        "year",
        "kind",
        "kept_source_id",
        "other_source_id",
    } <= set(report.columns)
    assert any("values differ between releases" in line for line in lines)
    # revised population estimates change published CLA rates between the 2022 and 2025 releases
    assert (report[report.indicator_id == "cla_rate_per_10k"].kind == "number").any()


def test_a_missing_shared_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        build(tmp_path / "nowhere", tmp_path / "out")


@pytest.mark.parametrize(
    "raw,label",
    [
        ("202425", "2024-25"),
        ("2024/25", "2024-25"),
        ("2025 (Rev)", "2025"),
        ("2016-17 (OT)", "2016-17"),
        ("2025 (prov)", "2025"),
        ("2014-16", "2014-16"),
        ("2023", "2023"),
    ],
)
def test_period_labels(raw: str, label: str) -> None:
    assert year_label(raw) == label
