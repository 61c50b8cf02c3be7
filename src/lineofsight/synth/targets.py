"""What a council's synthetic returns should add up to: its published figures, year by year.

The generator is calibrated to these so a demo council's own data looks like its published profile.
Where the council's figure is suppressed, England's figure stands in (scaled by the 0-17 population
for counts); for a year before or after the published series, the nearest published year is used.
"""

from __future__ import annotations

import math
from functools import cache

from lineofsight.published.store import load_store
from lineofsight.reference.population import population_for_march_year

ENGLAND = "E92000001"
COUNTS = ("cla_count", "cla_starts_count", "cla_ceased_count", "cin_count", "cpp_count", "sw_fte")
SHARES = (
    "cla_3plus_placements_pct",
    "cla_long_term_stability_pct",
    "rereferrals_12m_pct",
    "assessments_45wd_pct",
    "icpc_15wd_pct",
    "cpp_repeat_pct",
    "cpp_2yrs_plus_pct",
    "care_leavers_eet_19_21_pct",
    "sw_agency_rate_pct",
    "sw_vacancy_rate_pct",
    "sw_turnover_rate_pct",
    "sw_caseload_avg",
    "sw_absence_rate_pct",
    "cla_ceased_adopted_pct",
    "cla_ceased_sgo_pct",
    "cla_ceased_returned_home_pct",
    "referrals_nfa_pct",
    "referrals_not_in_need_pct",
)
RATES = ("cla_rate_per_10k", "referrals_rate_per_10k", "s47_rate_per_10k")
INDICATORS = COUNTS + SHARES + RATES


@cache
def _series() -> dict[tuple[str, str], dict[int, float]]:
    """Published values by (indicator, area), then year."""
    v = load_store().values
    v = v[v.indicator_id.isin(INDICATORS) & (v.state == "value")]
    out: dict[tuple[str, str], dict[int, float]] = {}
    for i, a, y, x in zip(v.indicator_id, v.area_code, v.year, v.value, strict=True):
        if not math.isnan(float(x)):
            out.setdefault((str(i), str(a)), {})[int(y)] = float(x)
    return out


def _lookup(indicator: str, area: str, year: int) -> float | None:
    """The published value, or for a year outside the published span the nearest year's value;
    None for a year inside the span that was suppressed."""
    series = _series().get((indicator, area))
    if not series:
        return None
    if year in series:
        return series[year]
    if min(series) <= year <= max(series):
        return None
    return series[min(series, key=lambda y: (abs(y - year), -y))]


def population(la_code: str, year: int) -> float:
    """0-17 population for the year ending 31 March ``year`` (England's share if unknown)."""
    for y in (year, *range(year + 1, year + 15)):
        pop = population_for_march_year(la_code, y)
        if pop is not None and not math.isnan(pop):
            return float(pop)
    return 50_000.0


def targets(la_code: str, year: int) -> dict[str, float]:
    """Every indicator the generator aims at, for one council and year (31 March / 30 September).

    Counts fall back to England's count scaled by the council's share of England's children;
    percentages and rates fall back to England's value.
    """
    pop = population(la_code, year)
    eng_pop = population(ENGLAND, year)
    out: dict[str, float] = {}
    for ind in INDICATORS:
        own = _lookup(ind, la_code, year)
        if own is None:
            eng = _lookup(ind, ENGLAND, year)
            if eng is None:
                continue
            own = eng * pop / eng_pop if ind in COUNTS else eng
        out[ind] = own
    # A council's own count beats its rate; fill whichever is missing from the other.
    if "cla_count" not in out and "cla_rate_per_10k" in out:
        out["cla_count"] = out["cla_rate_per_10k"] * pop / 10_000
    out["population"] = pop
    out["referrals_count"] = out.get("referrals_rate_per_10k", 520.0) * pop / 10_000
    out["s47_count"] = out.get("s47_rate_per_10k", 180.0) * pop / 10_000
    return out
