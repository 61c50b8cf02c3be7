"""Weekly unit costs for the own-data forecast: the scenario's, else the published ones, else assumed.

Published: the section 251 weekly unit costs the finance module reads
(:func:`lineofsight.finance.published.latest_weekly_unit_cost`: fostering, residential care and all
children looked after; England's where the council has none), and LAIT's adoption weekly unit cost.
Nothing published splits fostering between in-house and agency carers, nor gives supported
accommodation, placement with parents or other placements a cost: those take the council's
all-children-looked-after weekly unit cost (an assumption, said so wherever a cost is shown) until
the scenario sets them.
"""

from __future__ import annotations

from lineofsight.forecast.scenario import COST_KEYS, Scenario

ADOPTION = "lait:AdoptionFinance"


def _adoption(la_code: str) -> tuple[float, str] | None:
    """LAIT's adoption weekly unit cost, latest year; England's median where the council has none."""
    import pandas as pd

    from lineofsight.published.store import load_store

    v = load_store().values
    rows = v[(v.indicator_id == ADOPTION) & (v.state == "value")]
    if rows.empty:
        return None
    latest = max(rows.year.astype(str).unique())
    year = rows[rows.year.astype(str) == latest]
    own = year[year.area_code.astype(str) == la_code]
    if not own.empty:
        return float(own.value.iloc[0]), f"published {latest}"
    median = float(pd.to_numeric(year.value).median())
    return median, f"councils' median {latest} (none for the council)"


def _published(la_code: str, kind: str) -> tuple[float, str] | None:
    from lineofsight.finance.published import latest_weekly_unit_cost

    found = latest_weekly_unit_cost(la_code, kind)
    if found is None:
        return None
    year, pounds, whose = found
    return pounds, f"published {year}" + ("" if whose == "council" else " (England's)")


def unit_costs(la_code: str, scenario: Scenario) -> tuple[dict[str, float], dict[str, str]]:
    """Weekly pounds per cost key, and where each came from."""
    wanted = {k.removesuffix("_in_house").removesuffix("_agency") for k in COST_KEYS}
    needed = wanted - set(scenario.unit_costs)
    found = {
        "fostering": _published(la_code, "fostering") if "fostering" in needed else None,
        "residential": _published(la_code, "residential") if "residential" in needed else None,
        "adoption": _adoption(la_code) if "adoption" in needed else None,
    }
    everything = _published(la_code, "cla") or (1000.0, "assumed (no published figure)")
    costs: dict[str, float] = {}
    sources: dict[str, str] = {}
    for key in COST_KEYS:
        if key in scenario.unit_costs:
            costs[key], sources[key] = scenario.unit_costs[key], "scenario"
            continue
        base = key.removesuffix("_in_house").removesuffix("_agency")
        pub = found.get(base)
        if pub is not None:
            costs[key] = pub[0]
            sources[key] = pub[1] + (" (not split in-house/agency)" if base != key else "")
        else:
            costs[key] = everything[0]
            sources[key] = f"assumed: all-looked-after cost, {everything[1]}"
    return costs, sources
