"""The 0-17 population behind every rate: read from a slice of the bundled values, it must be the
ONS estimates in full, and DfE's year convention (31 March Y uses mid-year Y - 1) must hold."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lineofsight.errors import UserError
from lineofsight.published.store import load_store
from lineofsight.reference import population


def test_every_estimate_in_the_store_is_read() -> None:
    v = load_store().values
    pop = v[(v.indicator_id == "population_0_17") & (v.state == "value")]
    rows = zip(pop.area_code, pop.year, pop.value, strict=True)
    expected = {(str(a), int(y)): float(x) for a, y, x in rows}
    assert len(expected) > 153 * 10
    assert population._table() == expected


def test_matches_the_ons_file_and_the_march_convention(shared_data: Path) -> None:
    path = shared_data / "reference/ons_mid-year_population_estimates_2012_to_2024.csv"
    with path.open(encoding="utf-8-sig") as fh:
        rows = [
            r
            for r in csv.DictReader(fh)
            if r["geographic_level"] == "Local authority" and r["new_la_code"] == "E06000021"
        ]
    assert rows
    for r in rows:
        year, value = int(r["time_period"]), float(r["population_estimate"])
        assert population.population_0_17("E06000021", year) == value
        assert population.population_for_march_year("E06000021", year + 1) == value
    latest = max(int(r["time_period"]) for r in rows)
    assert population.population_0_17("E06000021", latest + 3) == population.population_0_17(
        "E06000021", latest
    )
    assert population.population_0_17("E99999999", latest) is None


def test_missing_bundled_data_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the bundled values, rates and the store both say what is missing and how to fix it."""
    monkeypatch.setattr(population, "active_dir", lambda: tmp_path)
    population._table.cache_clear()
    try:
        with pytest.raises(UserError, match=r"bundled published data is missing .*make data"):
            population.population_0_17("E06000021", 2020)
    finally:
        population._table.cache_clear()
    with pytest.raises(UserError, match=r"bundled published data is missing .*make data"):
        load_store(tmp_path)
