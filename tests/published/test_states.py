"""Figures that were wrong in the bundle, checked against the raw files (issue 17).

Why: LAIT's England row for first-time entrants is not the rate its regions and councils give
(1,258 in 2024 beside regions of 98 to 181), so England is remade from the regions' rates.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lineofsight.benchmark.engine import ENGLAND, get_benchmark
from lineofsight.reference.las import resolve

FTE = "yj_first_time_entrants_rate_per_100k"


def test_england_first_time_entrants_is_a_rate_like_its_regions(shared_data: Path) -> None:
    lait = pd.read_parquet(shared_data / "lait/bds_long_0.parquet")
    raw = lait[lait["Short Desc"] == "FirstYJS"]
    regions = raw[raw["LA Number"].between(980, 990) & ~raw["LA Number"].isin([987, 988])]
    bench = get_benchmark()
    panel = bench.panel(FTE)
    for year, grp in regions.groupby("Years"):
        rates = pd.to_numeric(grp.Values, errors="coerce").dropna()
        england = panel.cell(ENGLAND, str(year))
        assert england.ok and england.number is not None
        # a weighted mean of the regions lies between them
        assert rates.min() <= england.number <= rates.max(), (year, england, list(rates))
    assert 130 <= panel.cell(ENGLAND, "2024").number <= 150  # type: ignore[operator]
    entry = bench.entry(resolve("Leeds"), FTE, "2024")
    assert entry is not None and entry.england.number != 1258
    assert bench.panel("lait:FirstYJS").cell(ENGLAND, "2024").number == entry.england.number


def test_data_update_keeps_a_code_or_number_over_a_bare_not_available() -> None:
    """``data update`` merges a newer release by the build's rule: a newer ``x`` or blank never
    replaces a published number or a more specific code; a newer number or code does."""
    from lineofsight.databuild.update import _merge_values

    cols = ["indicator_id", "area_code", "year", "value", "state", "source_id", "note"]
    old = pd.DataFrame(
        [
            ("i", "A", "2024", 3.0, "value", 1, ""),
            ("i", "B", "2024", None, "c", 1, ""),
            ("i", "C", "2024", None, "x", 1, ""),
            ("i", "D", "2024", 5.0, "value", 1, ""),
        ],
        columns=cols,
    ).astype({"source_id": "int16"})
    new = pd.DataFrame(
        [
            ("i", "A", "2024", None, "x", 2, ""),
            ("i", "B", "2024", None, "missing", 2, ""),
            ("i", "C", "2024", None, "z", 2, ""),
            ("i", "D", "2024", None, "c", 2, ""),
            ("i", "E", "2024", 7.0, "value", 2, ""),
        ],
        columns=cols,
    ).astype({"source_id": "int16"})
    merged = _merge_values(old, new).astype({"area_code": str, "state": str})
    got = {r.area_code: (r.state, r.source_id) for r in merged.itertuples()}
    assert got == {
        "A": ("value", 1),
        "B": ("c", 1),
        "C": ("z", 2),
        "D": ("c", 2),
        "E": ("value", 2),
    }
