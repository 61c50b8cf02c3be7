"""What drives cost: children in care and placement days by placement type and provider, from the
council's own SSDA903, priced with weekly unit costs into an estimated annual cost by type.

Why: budgets are mostly placements, and a leader asks which kinds of placement the money goes on.
The placement types come from the one placement table (:mod:`lineofsight.reference.placements`);
fostering is split by PLACE_PROVIDER into in-house (the council's own or another public carer) and
agency (private or voluntary: an independent fostering agency). The cost of a type is its placement
days in the year times its weekly unit cost / 7: the council's own unit costs where it gives them,
otherwise the published section 251 ones (fostering, residential; the all-children-looked-after
weekly cost for everything else, an assumption said wherever it is shown). Aggregates only: the
child-level tables are read in memory and only these counts are kept; anything shown beyond
analysts goes through :func:`disclosed` (the project's disclosure control).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Final

import numpy as np
import pandas as pd

from lineofsight.errors import UserError
from lineofsight.reference.placements import in_house, placement_type

GROUPS: Final = ("fostering_in_house", "fostering_agency", "residential", "supported", "other")
GROUP_NAMES: Final = {
    "fostering_in_house": "In-house fostering",
    "fostering_agency": "Independent or agency fostering",
    "residential": "Residential (children's homes, secure, schools, health)",
    "supported": "Supported accommodation and independent living",
    "other": "Other (with parents, for adoption, temporary)",
}
# the published weekly unit cost (finance.published.UNIT_COSTS kind) each group is priced with
PUBLISHED_KIND: Final = {
    "fostering_in_house": "fostering",
    "fostering_agency": "fostering",
    "residential": "residential",
    "supported": "cla",
    "other": "cla",
}


def group_of(place: str | None, provider: str | None) -> str:
    """The cost group of a placement: its type from the placement table, fostering split by
    provider; adoption, placement with parents and temporary placements are 'other'."""
    kind = placement_type(place)
    if kind == "fostering":
        return "fostering_in_house" if in_house(provider) else "fostering_agency"
    if kind in ("residential", "supported"):
        return kind
    return "other"


@dataclass(frozen=True)
class GroupCost:
    """One placement group: children at the period end, days in the year and their cost.

    A ``None`` count is suppressed (``c``); ``weekly`` is None when no unit cost was found.
    """

    group: str
    children: int | None  # in care on the period end, in this group
    days: int | None  # placement days in the year
    children_in_year: int | None  # different children with any day in this group in the year
    weekly: float | None
    cost_source: str

    @property
    def name(self) -> str:
        return GROUP_NAMES[self.group]

    @property
    def cost(self) -> float | None:
        """Estimated cost of the year's days: days x weekly unit cost / 7."""
        if self.days is None or self.weekly is None:
            return None
        return self.days * self.weekly / 7


@dataclass(frozen=True)
class CostDrivers:
    """The placement mix of a year to ``period_end`` and its estimated cost."""

    period_start: dt.date
    period_end: dt.date
    groups: tuple[GroupCost, ...]
    children: int  # in care on the period end (all groups)
    days: int  # placement days in the year (all groups)
    cost: float = 0.0  # the whole estimated cost, every group's days included
    suppressed: bool = False  # whether disclosure control has been applied
    total_hidden: bool = False  # the whole rests on 1 to 5 children: totals are c too

    def highest(self, n: int = 2) -> list[GroupCost]:
        """The shown groups with the highest estimated cost, highest first (ties by table order)."""
        priced = [g for g in self.groups if g.cost is not None and g.cost > 0]
        return sorted(priced, key=lambda g: -(g.cost or 0.0))[:n]

    def record(self) -> dict[str, Any]:
        """Plain JSON for the service to keep (unsuppressed aggregates; no child is named)."""
        return {
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "children": self.children,
            "days": self.days,
            "groups": [
                {
                    "group": g.group,
                    "children": g.children,
                    "days": g.days,
                    "children_in_year": g.children_in_year,
                }
                for g in self.groups
            ],
        }


def from_record(data: Mapping[str, Any], costs: Mapping[str, tuple[float, str]]) -> CostDrivers:
    """Kept counts priced again with today's unit costs."""
    counts = {
        g["group"]: (int(g["children"]), int(g["days"]), int(g["children_in_year"]))
        for g in data["groups"]
    }
    return _priced(
        dt.date.fromisoformat(data["period_start"]),
        dt.date.fromisoformat(data["period_end"]),
        counts,
        costs,
    )


def _priced(
    start: dt.date,
    end: dt.date,
    counts: Mapping[str, tuple[int, int, int]],
    costs: Mapping[str, tuple[float, str]],
) -> CostDrivers:
    groups = []
    for g in GROUPS:
        children, days, cohort = counts.get(g, (0, 0, 0))
        weekly, source = costs.get(g, (None, "no unit cost found"))
        groups.append(GroupCost(g, children, days, cohort, weekly, source))
    total = sum(x.cost or 0.0 for x in groups)
    return CostDrivers(
        start,
        end,
        tuple(groups),
        sum(c[0] for c in counts.values()),
        sum(c[1] for c in counts.values()),
        cost=total,
    )


def latest_period_end(episodes: pd.DataFrame) -> dt.date:
    """31 March of the latest return (the YEAR column), else of the last date in the episodes."""
    if "YEAR" in episodes and episodes["YEAR"].notna().any():
        return dt.date(int(pd.to_numeric(episodes["YEAR"]).max()), 3, 31)
    last = max(episodes.DECOM.max(), episodes.DEC.max())
    if pd.isna(last):
        raise UserError("The 903 episodes hold no dates, so no year can be costed.")
    return dt.date(last.year + (last.month > 3), 3, 31)


def placement_counts(
    tables: Mapping[str, pd.DataFrame], period_end: dt.date | None = None
) -> tuple[dt.date, dt.date, dict[str, tuple[int, int, int]]]:
    """(period start, period end, {group: (children at the end, days in the year, children in the
    year)}) for the year to ``period_end`` (default: 31 March of the latest return).

    An episode runs from DECOM to the day before DEC (the child moves on DEC); an open episode runs
    to the period end inclusive. Where several returns hold the same episode the latest copy is
    used; where episodes of a child overlap, the later one wins from its start.
    """
    eps = tables.get("episodes")
    if eps is None or eps.empty:
        raise UserError("The returns hold no SSDA903 episodes; the placement mix needs them.")
    end = period_end or latest_period_end(eps)
    start = (pd.Timestamp(end) - pd.DateOffset(years=1) + pd.Timedelta(days=1)).date()
    cols = ["CHILD", "DECOM", "DEC", "PLACE", "PLACE_PROVIDER"]
    frame = eps[cols + (["YEAR"] if "YEAR" in eps else [])]
    if "YEAR" in frame:
        frame = frame.sort_values("YEAR", kind="stable")
    frame = frame.dropna(subset=["CHILD", "DECOM"]).drop_duplicates(["CHILD", "DECOM"], keep="last")
    frame = frame.sort_values(["CHILD", "DECOM"], kind="stable")
    y0, stop = pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)
    finish = pd.to_datetime(frame.DEC).fillna(stop)
    nxt = frame.groupby("CHILD").DECOM.shift(-1)
    finish = finish.where(nxt.isna() | (nxt >= finish), nxt)
    begin = pd.to_datetime(frame.DECOM)
    days = (finish.where(finish <= stop, stop) - begin.where(begin >= y0, y0)).dt.days.clip(lower=0)
    at_end = (begin <= pd.Timestamp(end)) & (finish > pd.Timestamp(end))
    group = [
        group_of(p, v)
        for p, v in zip(
            frame.PLACE.astype("string").fillna("").tolist(),
            frame.PLACE_PROVIDER.astype("string").fillna("").tolist(),
            strict=True,
        )
    ]
    work = pd.DataFrame(
        {
            "CHILD": frame.CHILD.astype(str).to_numpy(),
            "group": group,
            "days": days.to_numpy(),
            "at_end": at_end.to_numpy(),
        }
    )
    out: dict[str, tuple[int, int, int]] = {}
    for g in GROUPS:
        part = work[work.group == g]
        used = part[part.days > 0]
        out[g] = (
            int(part[part.at_end].CHILD.nunique()),
            int(np.asarray(used.days, dtype=np.int64).sum()),
            int(used.CHILD.nunique()),
        )
    return start, end, out


def cost_drivers(
    tables: Mapping[str, pd.DataFrame],
    costs: Mapping[str, tuple[float, str]],
    period_end: dt.date | None = None,
) -> CostDrivers:
    """The placement mix of the year and its estimated cost (exact: for analysts)."""
    start, end, counts = placement_counts(tables, period_end)
    return _priced(start, end, counts, costs)


def unit_costs(
    la_code: str, own: Mapping[str, float] | None = None
) -> dict[str, tuple[float, str]]:
    """Weekly £ and where it came from, per group: the council's own where given, otherwise the
    latest published section 251 weekly unit cost (England's where the council has none)."""
    from lineofsight.finance.published import latest_weekly_unit_cost

    given = dict(own or {})
    unknown = sorted(set(given) - set(GROUPS))
    if unknown:
        raise UserError(
            f"'{unknown[0]}' is not a placement cost group; use one of {', '.join(GROUPS)}."
        )
    out: dict[str, tuple[float, str]] = {}
    for g in GROUPS:
        if g in given:
            out[g] = (float(given[g]), "the council's own unit cost")
            continue
        kind = PUBLISHED_KIND[g]
        found = latest_weekly_unit_cost(la_code, kind)
        if found is None:
            continue
        year, pounds, whose = found
        what = {
            "fostering": "published fostering weekly unit cost (not split in-house/agency)",
            "residential": "published residential weekly unit cost",
            "cla": "assumed: the published all-children-looked-after weekly unit cost",
        }[kind]
        out[g] = (pounds, f"{what}, {year}" + ("" if whose == "council" else ", England's"))
    return out


def parse_unit_cost(text: str) -> tuple[str, float]:
    """'residential=6500' -> ('residential', 6500.0); anything else is one sentence."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or key not in GROUPS:
        raise UserError(
            f"A unit cost is written GROUP=POUNDS with GROUP one of {', '.join(GROUPS)}, "
            f"not '{text[:60]}'."
        )
    try:
        pounds = float(value.strip().removeprefix("£").replace(",", ""))
    except ValueError:
        pounds = float("nan")
    if not np.isfinite(pounds) or not 0 <= pounds <= 100_000:
        raise UserError(
            f"The weekly unit cost for {key} must be a number of pounds from 0 to 100,000, "
            f"not '{value.strip()[:40]}'."
        )
    return key, pounds


def disclosed(drivers: CostDrivers) -> CostDrivers:
    """The figures as shown beyond analysts: children at the period end, and days and cost,
    suppressed (None) where they rest on 1 to 5 children, with a second cell where one alone
    could be worked back from the total (:func:`lineofsight.indicators.own.disclosure.breakdown`)."""
    from lineofsight.indicators.own.disclosure import SMALLEST_SHOWN, breakdown

    hide_end = breakdown({g.group: g.children or 0 for g in drivers.groups})
    hide_year = breakdown({g.group: g.children_in_year or 0 for g in drivers.groups})
    groups = tuple(
        replace(
            g,
            children=None if g.group in hide_end else g.children,
            days=None if g.group in hide_year else g.days,
            children_in_year=None if g.group in hide_year else g.children_in_year,
        )
        for g in drivers.groups
    )
    cohort = sum(g.children_in_year or 0 for g in drivers.groups)
    small = 0 < drivers.children < SMALLEST_SHOWN or 0 < cohort < SMALLEST_SHOWN
    return replace(drivers, groups=groups, suppressed=True, total_hidden=small)


def period_text(d: CostDrivers) -> str:
    """'the year to 31 March 2024'."""
    from lineofsight.wording import date_text

    return f"the year to {date_text(d.period_end.isoformat())}"


def highest_sentence(d: CostDrivers) -> str:
    """The placement types that cost the most, named, with their share of the estimate."""
    from lineofsight.wording import money

    top = d.highest(2)
    if d.total_hidden:
        return f"Too few children in care in {period_text(d)} to show their placements by type."
    if not top or d.cost <= 0:
        return f"No placement type could be costed for {period_text(d)}."
    named = [f"{g.name.split(' (')[0].lower()} ({money(g.cost or 0.0)})" for g in top]
    share = sum(g.cost or 0.0 for g in top) / d.cost
    return (
        f"The highest-cost placement type{'s' if len(top) > 1 else ''} in {period_text(d)} "
        f"{'were' if len(top) > 1 else 'was'} {' and '.join(named)}: "
        f"{share:.0%} of the estimated {money(d.cost)} for children's placements."
    )


def table_rows(d: CostDrivers) -> list[tuple[str, str, str, str, str]]:
    """(type, children at the end, placement days, weekly unit cost, estimated cost) per group and
    a total row; a suppressed figure is 'c'."""
    from lineofsight.wording import money

    def count(n: int | None) -> str:
        return "c" if n is None else f"{n:,}"

    rows = [
        (
            g.name,
            count(g.children),
            count(g.days),
            "not found" if g.weekly is None else money(g.weekly),
            "c" if g.days is None else ("-" if g.cost is None else money(g.cost)),
        )
        for g in d.groups
    ]
    if d.total_hidden:
        rows.append(("All placements", "c", "c", "", "c"))
    else:
        rows.append(("All placements", f"{d.children:,}", f"{d.days:,}", "", money(d.cost)))
    return rows
