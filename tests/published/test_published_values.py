"""The bundled dataset must equal what DfE, Ofsted and ONS published, state for state.

These tests read the raw files in ../shared/data directly (not our own output) and compare.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from lineofsight.benchmark.engine import ENGLAND, get_benchmark
from lineofsight.published.store import load_store
from lineofsight.reference.las import registry, resolve
from lineofsight.values import State

SPREAD = [
    "Stoke-on-Trent",
    "Leeds",
    "Cornwall",
    "Westminster",
    "Rutland",
    "Cumberland",
    "Kent",
    "Barnet",
]


def ees_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_england_children_looked_after_2025(shared_data: Path) -> None:
    """The headline figure every leader knows: 81,770 children looked after, 67 per 10,000."""
    bench = get_benchmark()
    panel = bench.panel("cla_count")
    assert panel.cell(ENGLAND, "2025").number == 81_770
    assert bench.panel("cla_rate_per_10k").cell(ENGLAND, "2025").number == 67
    rows = [
        r
        for r in ees_rows(shared_data / "cla/cla_number_and_rate_per_10k_children.csv")
        if r["geographic_level"] == "National"
        and r["time_period"] == "2025"
        and r["population_type"].startswith("Children looked after on 31 March")
    ]
    assert rows[0]["children_count"] == "81770"


@pytest.mark.parametrize("la_name", SPREAD)
def test_cla_value_region_england_equal_the_dfe_file(shared_data: Path, la_name: str) -> None:
    """For a spread of LAs, our value, region and England figures are the DfE file's, year by year."""
    la = resolve(la_name)
    rows = ees_rows(shared_data / "cla/cla_number_and_rate_per_10k_children.csv")
    rows = [r for r in rows if r["population_type"].startswith("Children looked after on 31 March")]
    bench = get_benchmark()
    for year in ["2021", "2023", "2025"]:
        e = bench.entry(la, "cla_rate_per_10k", year)
        assert e is not None
        mine = [r for r in rows if r["time_period"] == year and r["new_la_code"] == la.code]
        if not mine:  # e.g. Cumberland before it existed
            assert e.value.state is not State.VALUE
            continue
        raw = mine[0]["rate_per_10000"]
        if raw.replace(".", "").isdigit():
            assert e.value.number == float(raw)
        else:
            assert e.value.state.value == raw
        region = [
            r
            for r in rows
            if r["time_period"] == year
            and r["geographic_level"] == "Regional"
            and r["region_code"] == la.region_code
        ]
        assert e.region.number == float(region[0]["rate_per_10000"])
        nat = [r for r in rows if r["time_period"] == year and r["geographic_level"] == "National"]
        assert e.england.number == float(nat[0]["rate_per_10000"])


WORKFORCE = {
    "sw_agency_rate_pct": "agency_rate_fte",
    "sw_vacancy_rate_pct": "vacancy_rate_fte",
    "sw_turnover_rate_pct": "turnover_rate_fte",
    "sw_caseload_avg": "caseload_fte",
}


@pytest.mark.parametrize("indicator,column", sorted(WORKFORCE.items()))
def test_workforce_2025_equals_the_dfe_file(shared_data: Path, indicator: str, column: str) -> None:
    """Workforce figures at 30 September 2025 equal DfE's, including England."""
    rows = ees_rows(shared_data / "workforce/csww_indicators_2017_to_2025.csv")
    rows = [r for r in rows if r["time_period"] == "2025"]
    bench = get_benchmark()
    panel = bench.panel(indicator)
    nat = next(r for r in rows if r["geographic_level"] == "National")
    assert panel.cell(ENGLAND, "2025").number == pytest.approx(float(nat[column]))
    for name in ["Stoke-on-Trent", "Leeds", "Devon", "Hackney"]:
        la = resolve(name)
        row = next(r for r in rows if r["new_la_code"] == la.code)
        assert panel.cell(la.code, "2025").number == pytest.approx(float(row[column]))


def test_joint_workforce_return_serves_both_councils(shared_data: Path) -> None:
    """Kingston and Richmond make one workforce return: both show it, and say it is joint."""
    bench = get_benchmark()
    k = bench.entry(resolve("Kingston upon Thames"), "sw_agency_rate_pct", "2025")
    r = bench.entry(resolve("Richmond upon Thames"), "sw_agency_rate_pct", "2025")
    assert k is not None and r is not None
    assert k.value.number == r.value.number == 14.9
    assert "joint return" in k.note


def test_every_la_has_the_2025_model_neighbours(shared_data: Path) -> None:
    """Each LA's ten neighbours are exactly those of DfE's 2025 model, in order."""
    rows = ees_rows(shared_data / "reference/sn_model_2025_wide.csv")
    assert len(rows) == 153
    bench = get_benchmark("2025")
    reg = registry()
    for r in rows:
        la = reg.resolve(r["old_la_code"].strip())
        expected = [reg.resolve(r[f"SN_{i}"].strip()).code for i in range(1, 11)]
        assert bench.neighbours[la.code] == expected


def test_2021_model_is_selectable(shared_data: Path) -> None:
    """The 2021 model gives different neighbours for some LAs and is used when asked for."""
    b21, b25 = get_benchmark("2021"), get_benchmark("2025")
    la = resolve("Stoke-on-Trent")
    assert len(b21.neighbours[la.code]) == 10
    differing = [
        c
        for c in b25.neighbours
        if b21.neighbours.get(c) and b21.neighbours[c] != b25.neighbours[c]
    ]
    assert differing


def test_regional_totals_recomputed_from_la_counts_match(shared_data: Path) -> None:
    """Summing LA counts by region reproduces DfE's regional figures (rounded to the nearest 10)."""
    store = load_store()
    v = store.values
    v = v[(v.indicator_id == "cla_count") & (v.year == "2025")]
    reg = registry()
    totals: dict[str, float] = defaultdict(float)
    for area, state, value in zip(v.area_code, v.state, v.value, strict=True):
        la = reg.by_code.get(area)
        if la is not None and la.current and state == "value":
            totals[la.region_code] += value
    published = {a: x for a, x in zip(v.area_code, v.value, strict=True) if a.startswith("E12")}
    assert len(published) == 9
    for region, total in totals.items():
        assert abs(total - published[region]) <= 10, region


def test_suppressed_and_not_applicable_cells_stay_so(shared_data: Path) -> None:
    """A 'z' or 'c' in the DfE file is a state in ours, never a zero or a blank."""
    rows = ees_rows(shared_data / "cla/cla_number_and_rate_per_10k_children.csv")
    scilly = next(
        r
        for r in rows
        if r["la_name"] == "Isles of Scilly"
        and r["time_period"] == "2025"
        and r["population_type"].startswith("Children looked after on 31 March")
    )
    assert scilly["children_count"] == "z"
    e = get_benchmark().entry(resolve("Isles of Scilly"), "cla_count", "2025")
    assert e is not None and e.value.state is State.NOT_APPLICABLE and e.value.number is None
    v = load_store().values
    coded = v[v.state != "value"]
    assert coded.value.isna().all()
    assert {"c", "z", "x"} <= set(coded.state)


def test_every_value_has_provenance() -> None:
    """Each bundled value names its publication, file, release and licence."""
    store = load_store()
    sources = store.sources.set_index("source_id")
    assert set(store.values.source_id.unique()) <= set(sources.index)
    assert (sources.licence == "Open Government Licence v3.0").all()
    assert sources.publication.str.len().min() > 5
    assert sources.release.str.match(r"\d{4}-\d{2}-\d{2}").all()


def test_all_lait_measures_are_reachable() -> None:
    """Every LAIT measure stays reachable by id as lait:<code>."""
    store = load_store()
    ids = set(store.values.indicator_id.unique())
    assert len(store.lait_measures) >= 430
    missing = [m for m in store.lait_measures.id if m not in ids]
    assert not missing


def test_provenance_names_the_measure_each_value_came_from() -> None:
    """A value taken from LAIT names its own LAIT measure, not another released the same day."""
    store = load_store()
    v, src = store.values, store.sources.set_index("source_id")
    for indicator, measure in [
        ("cla_rate_per_10k", "LAC"),
        ("assessments_45wd_pct", "Continue_Assess_Comp"),
    ]:
        pubs = set(src.loc[v[v.indicator_id == indicator].source_id.unique(), "publication"])
        lait = {p for p in pubs if "LAIT" in p}
        assert lait == {f"Local Authority Interactive Tool (LAIT), measure {measure}"}, pubs
