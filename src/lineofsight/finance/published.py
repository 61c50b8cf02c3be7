"""The published finance figures for one council, read from the bundled store.

Everything here is a view over the catalogue's finance indicators: the totals (context, never ranked)
and the per-child figures and unit costs (compared with neighbours like any other measure).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from lineofsight.benchmark.engine import ENGLAND, Entry, get_benchmark
from lineofsight.indicators.catalogue import load_catalogue
from lineofsight.published.store import DATA
from lineofsight.reference.las import LA

UNIT_COSTS = {
    "cla": "cla_weekly_unit_cost",
    "fostering": "fostering_weekly_unit_cost",
    "residential": "residential_weekly_unit_cost",
}
# The figures a Finance page leads with, in reading order.
HEADLINE = (
    "cs_spend_gross",
    "cs_spend_per_child",
    "cla_spend_gross",
    "cla_spend_per_child",
    "cla_spend_share_pct",
    "cla_weekly_unit_cost",
    "fostering_weekly_unit_cost",
    "residential_weekly_unit_cost",
    "ro3_residential_share_pct",
    "high_needs_per_child",
    "dsg_cumulative_balance_pct",
    "dsg_cumulative_balance_gbp",
)


def finance_ids() -> list[str]:
    """Every finance indicator in the catalogue, in catalogue order."""
    return [i.id for i in load_catalogue() if i.theme == "finance"]


def weekly_unit_costs(la_code: str) -> dict[str, dict[str, float]]:
    """The published section 251 weekly unit costs (£, nominal) for a council or England, by
    financial year: ``{"2024-25": {"cla": 2195.0, "fostering": 900.0, "residential": 6335.0}}``.

    For costing placements (the forecast, the cost of a placement mix). A year or type with no
    published number is left out rather than guessed.
    """
    bench = get_benchmark()
    out: dict[str, dict[str, float]] = {}
    for kind, indicator in UNIT_COSTS.items():
        panel = bench.panel(indicator)
        for year in panel.years:
            value = panel.cell(la_code, year)
            if value.ok and value.number is not None:
                out.setdefault(year, {})[kind] = value.number
    return dict(sorted(out.items()))


def latest_weekly_unit_cost(la_code: str, kind: str) -> tuple[str, float, str] | None:
    """The latest published weekly unit cost of one type: (year, £, whose), England's where the
    council has none (``whose`` says which was used)."""
    for code in (la_code, ENGLAND):
        costs = weekly_unit_costs(code)
        for year in sorted(costs, reverse=True):
            if kind in costs[year]:
                return year, costs[year][kind], "council" if code == la_code else "England"
    return None


def entries(la: LA, ids: tuple[str, ...] | list[str] = HEADLINE) -> list[Entry]:
    """Each finance figure for the council in its latest year, with neighbours, region, England."""
    bench = get_benchmark()
    return [e for e in (bench.entry(la, i) for i in ids) if e is not None]


@dataclass(frozen=True)
class SourceGap:
    """The same spending reported differently in two returns (section 251 and RO3)."""

    year: str
    s251: float
    ro3: float

    @property
    def gap_pct(self) -> float:
        return 100.0 * abs(self.s251 - self.ro3) / max(abs(self.s251), abs(self.ro3))


@cache
def _disagreements() -> pd.DataFrame:
    try:
        frame = pd.read_csv(DATA / "disagreements.csv", dtype={"year": str})
    except FileNotFoundError:
        return pd.DataFrame(columns=["kind", "area_code", "year", "kept_value", "other_value"])
    return frame[frame.kind == "ro3_vs_s251"]


def source_gaps(la_code: str) -> list[SourceGap]:
    """Years where the council's section 251 and RO3 children looked after spend differ by more
    than 10% (recorded when the store was built)."""
    rows = _disagreements()
    rows = rows[rows.area_code == la_code]
    return [
        SourceGap(str(y), float(a), float(b))
        for y, a, b in zip(rows.year, rows.kept_value, rows.other_value, strict=True)
    ]
