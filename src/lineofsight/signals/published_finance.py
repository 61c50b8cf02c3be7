"""Finance signals from the published figures: placement unit costs growing fast, and a cumulative
DSG deficit, as ordinary :class:`~lineofsight.signals.model.Signal` records. They sit here, not in
``finance``, because the signals engine gathers them and ``finance`` (the council's monitoring)
builds on signals, not the other way round. Thresholds are documented in docs/finance.md.
"""

from __future__ import annotations

from lineofsight.benchmark.engine import ENGLAND, Benchmark
from lineofsight.reference.las import LA
from lineofsight.signals.model import Severity, Signal
from lineofsight.wording import money

UNIT_COST_GROWTH_PCT = 10.0  # a year's growth in a published weekly unit cost
DSG_MEDIUM_PCT = -2.0  # cumulative DSG balance as a % of income
DSG_HIGH_PCT = -5.0

UNIT_COSTS = (
    ("residential_weekly_unit_cost", "residential care"),
    ("fostering_weekly_unit_cost", "foster care"),
    ("cla_weekly_unit_cost", "a child looked after"),
)


def published_finance_signals(b: Benchmark, la: LA) -> list[Signal]:
    """Fast-growing placement unit costs and a cumulative DSG deficit, from published figures."""
    out: list[Signal] = []
    for indicator, what in UNIT_COSTS:
        e = b.entry(la, indicator)
        if e is None or not (e.value.ok and e.previous.ok) or e.previous_year is None:
            continue
        now, before = float(e.value.number or 0), float(e.previous.number or 0)
        if before <= 0:
            continue
        growth = 100.0 * (now - before) / before
        eng = _growth(b, indicator, e.previous_year, e.year)
        if growth >= UNIT_COST_GROWTH_PCT and (eng is None or growth >= eng + 5):
            versus = f", against {eng:.0f}% for England" if eng is not None else ""
            out.append(
                Signal(
                    indicator_id=indicator,
                    la=la.code,
                    kind="placement_cost_growth",
                    severity=Severity.MEDIUM
                    if growth >= 2 * UNIT_COST_GROWTH_PCT
                    else Severity.LOW,
                    sentence=(
                        f"The weekly cost of {what} rose {growth:.0f}% in a year, from "
                        f"{money(before)} in {e.previous_year} to {money(now)} in {e.year}"
                        f"{versus}."
                    ),
                    rule=f"a published weekly unit cost up {UNIT_COST_GROWTH_PCT:.0f}% or more "
                    "on the year before, and 5 points or more faster than England's",
                    period=e.year,
                    evidence={"value": now, "from_value": before, "from_period": e.previous_year},
                )
            )
    e = b.entry(la, "dsg_cumulative_balance_pct")
    if e is not None and e.value.ok and e.value.number is not None:
        pct = e.value.number
        if pct <= DSG_MEDIUM_PCT:
            pounds = b.panel("dsg_cumulative_balance_gbp").cell(la.code, e.year)
            size = f" (about {money(-pounds.number)})" if pounds.ok and pounds.number else ""
            out.append(
                Signal(
                    indicator_id="dsg_cumulative_balance_pct",
                    la=la.code,
                    kind="dsg_deficit",
                    severity=Severity.HIGH if pct <= DSG_HIGH_PCT else Severity.MEDIUM,
                    sentence=(
                        f"The cumulative Dedicated Schools Grant deficit was {-pct:.2f}% of DSG "
                        f"income at the end of {e.year}{size}, the latest council figure published."
                    ),
                    rule=f"a cumulative DSG deficit of {-DSG_MEDIUM_PCT:.0f}% of income or more "
                    f"(high at {-DSG_HIGH_PCT:.0f}%)",
                    period=e.year,
                    evidence={"value": pct, "england": e.england.number or 0.0},
                )
            )
    return out


def _growth(b: Benchmark, indicator: str, before: str, now: str) -> float | None:
    p = b.panel(indicator)
    a, z = p.cell(ENGLAND, before), p.cell(ENGLAND, now)
    if a.ok and z.ok and a.number and z.number is not None:
        return 100.0 * (z.number - a.number) / a.number
    return None
