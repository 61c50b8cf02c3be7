"""Finance signals from the council's own budget monitoring, as
:class:`~lineofsight.signals.model.Signal` records like every other rule's: a forecast overspend
beyond a threshold, a forecast that keeps rising, and a line whose spend per child is far from the
neighbours'. Each names a catalogue indicator, so the pages that link a signal to its indicator work
unchanged. The published-figure finance signals (fast-growing unit costs, a DSG deficit) are in
:mod:`lineofsight.signals.published_finance`, which the signals engine gathers.
"""

from __future__ import annotations

from itertools import pairwise
from statistics import median

from lineofsight.benchmark.engine import Benchmark
from lineofsight.finance.monitoring import (
    CLA_LINES,
    LINES,
    LineVariance,
    Monitoring,
    month_text,
    total,
)
from lineofsight.finance.monitoring import variances as line_variances
from lineofsight.indicators.meta import lookup_indicator
from lineofsight.reference.las import LA
from lineofsight.signals.model import Severity, Signal
from lineofsight.wording import money

# Thresholds (documented in docs/finance.md)
OVERSPEND_MEDIUM_PCT = 2.0  # forecast over budget, all lines together
OVERSPEND_HIGH_PCT = 5.0
LINE_OVERSPEND_PCT = 10.0  # one line over its budget by this much ...
LINE_OVERSPEND_MIN = 250_000.0  # ... and by at least this many pounds
RISING_MONTHS = 3  # the forecast rose this many months running ...
RISING_MIN = 100_000.0  # ... by at least this much in all ...
RISING_MIN_PCT = 1.0  # ... and by at least this share of the line's budget
PER_CHILD_FACTOR = 1.5  # spend per child this many times the neighbours' median (or 1/this)

# What the monitoring lines are compared with: the catalogue indicator each signal names.
LINE_INDICATOR = {code: (line.published or "cla_spend_gross") for code, line in LINES.items()}
TOTAL_INDICATOR = "cs_spend_gross"


def monitoring_signals(m: Monitoring, la: LA, b: Benchmark) -> list[Signal]:
    """Signals on the council's own budget monitoring at its latest month."""
    lines = line_variances(m)
    out = _overspend(m, la, lines) + _rising(m, la, lines) + _per_child(m, la, lines, b)
    return out


def _signal(
    indicator: str, la: LA, kind: str, severity: Severity, sentence: str, rule: str, period: str
) -> Signal:
    return Signal(indicator, la.code, kind, severity, sentence, rule, period, {})


def _overspend(m: Monitoring, la: LA, lines: list[LineVariance]) -> list[Signal]:
    out = []
    all_lines = total(lines)
    pct = all_lines.variance_pct
    if pct is not None and pct >= OVERSPEND_MEDIUM_PCT:
        out.append(
            _signal(
                TOTAL_INDICATOR,
                la,
                "forecast_overspend",
                Severity.HIGH if pct >= OVERSPEND_HIGH_PCT else Severity.MEDIUM,
                f"At the end of {month_text(m.latest)} the forecast outturn for {m.financial_year} is "
                f"{money(all_lines.forecast)} against a budget of {money(all_lines.budget)}: "
                f"{money(all_lines.variance)} ({pct:.1f}%) over.",
                f"a forecast overspend of {OVERSPEND_MEDIUM_PCT:.0f}% of budget or more "
                f"(high at {OVERSPEND_HIGH_PCT:.0f}%)",
                m.latest,
            )
        )
    for v in lines:
        p = v.variance_pct
        if p is not None and p >= LINE_OVERSPEND_PCT and v.variance >= LINE_OVERSPEND_MIN:
            out.append(
                _signal(
                    LINE_INDICATOR[v.code],
                    la,
                    "forecast_overspend",
                    Severity.MEDIUM,
                    f"{v.label}: forecast {money(v.forecast)} against a budget of "
                    f"{money(v.budget)}, {money(v.variance)} ({p:.0f}%) over at the end of "
                    f"{month_text(m.latest)}.",
                    f"one line {LINE_OVERSPEND_PCT:.0f}% and {money(LINE_OVERSPEND_MIN)} or more "
                    "over its budget",
                    m.latest,
                )
            )
    return out


def _rising(m: Monitoring, la: LA, lines: list[LineVariance]) -> list[Signal]:
    out = []
    for v in [*lines, total(lines)]:
        series = [f for _, f in v.forecasts][-(RISING_MONTHS + 1) :]
        rise = series[-1] - series[0] if series else 0.0
        material = rise >= max(RISING_MIN, RISING_MIN_PCT / 100 * abs(v.budget))
        rising = all(b > a for a, b in pairwise(series))
        if len(series) == RISING_MONTHS + 1 and rising and material:
            what = "The total forecast" if v.code == "total" else f"The forecast for {v.label}"
            out.append(
                _signal(
                    TOTAL_INDICATOR if v.code == "total" else LINE_INDICATOR[v.code],
                    la,
                    "forecast_rising",
                    Severity.MEDIUM,
                    f"{what} has risen {RISING_MONTHS} months running, from "
                    f"{money(series[0])} to {money(series[-1])}.",
                    f"the forecast outturn higher in each of the last {RISING_MONTHS} months, by "
                    f"{money(RISING_MIN)} and {RISING_MIN_PCT:.0f}% of budget or more in all",
                    m.latest,
                )
            )
    return out


def _per_child(m: Monitoring, la: LA, lines: list[LineVariance], b: Benchmark) -> list[Signal]:
    """A line's forecast per child against the neighbours' published spend per child."""
    groups: dict[str, list[LineVariance]] = {}
    for v in lines:
        groups.setdefault(LINE_INDICATOR[v.code], []).append(v)
    out = []
    for indicator, members in groups.items():
        if indicator == "cla_spend_gross" and {v.code for v in members} != set(CLA_LINES):
            continue  # the published figure covers all three children looked after lines
        year = b.pick_year(indicator, None)
        own_pop = b.population(la.code, m.financial_year, "financial year")
        if year is None or not own_pop:
            continue
        mine = sum(v.forecast for v in members) / own_pop
        theirs = []
        for code in b.neighbours.get(la.code, []):
            cell = b.panel(indicator).cell(code, year)
            pop = b.population(code, year, "financial year")
            if cell.ok and cell.number and pop:
                theirs.append(cell.number / pop)
        if len(theirs) < 5:
            continue
        mid = median(theirs)
        ratio = mine / mid if mid else 0.0
        if ratio >= PER_CHILD_FACTOR or (0 < ratio <= 1 / PER_CHILD_FACTOR):
            title = lookup_indicator(indicator).title
            side = "above" if ratio > 1 else "below"
            out.append(
                _signal(
                    indicator,
                    la,
                    "spend_per_child_divergence",
                    Severity.LOW,
                    f"{title}: the forecast for {m.financial_year} is {money(mine)} per child, "
                    f"{ratio:.1f} times the neighbours' median of {money(mid)} in {year} "
                    f"({side} them).",
                    f"spend per child {PER_CHILD_FACTOR} times the neighbours' median or more "
                    "(or that far below)",
                    m.latest,
                )
            )
    return out
