"""Volatility: statistical process control on one series (XmR / individuals chart).

Rules, chosen for short annual series and documented in docs/early-warning.md:

- **Beyond the limits.** Natural process limits are mean ± 2.66 × mean moving range, computed from
  the history *before* the latest point (at least ``MIN_BASELINE`` points, as NHS England's *Making
  Data Count* tools ask before limits are more than trial limits), so that the point under test
  cannot widen its own limits, and clipped to what the measure can take (0 to 100% for a
  percentage, never below 0). The latest point outside them fires.
- **Large change.** The latest moving range (change on the previous period) above 3.267 × the mean
  moving range of the history: the upper range limit of an mR chart (D4 for subgroups of two).
- **Run.** The latest ``RUN_LENGTH`` points all on one side of the centre line (the mean of every
  usable point). Seven follows NHS England's *Making Data Count*; shorter runs are common by chance.

A point that is suppressed, missing or unavailable is skipped: it never fires, and a change is only
measured between two adjacent periods that both have a number.
"""

from __future__ import annotations

from itertools import pairwise
from statistics import fmean

from lineofsight.indicators.meta import IndicatorMeta
from lineofsight.signals.model import Series, Severity, Signal, usable, worse
from lineofsight.wording import (
    change_phrase,
    direction,
    fmt_change,
    fmt_range,
    period_phrase,
    say_number,
)

E2 = 2.66  # 3 / d2 for moving ranges of two points
D4 = 3.267  # upper limit factor for a moving range of two points
RUN_LENGTH = 7
MIN_BASELINE = 12  # points of history needed before the latest (NHS-R "plot the dots": 12)


def clip_limits(meta: IndicatorMeta, lower: float, upper: float) -> tuple[float, float]:
    """Limits within what the measure can take: never below 0, a percentage never above 100."""
    top = 100.0 if meta.unit == "percent" else float("inf")
    return max(0.0, lower), min(top, upper)


def moving_ranges(series: Series) -> list[float]:
    """Absolute changes between adjacent periods where both have a number."""
    out = []
    for (_, a), (_, b) in pairwise(series):
        if a.ok and b.ok and a.number is not None and b.number is not None:
            out.append(abs(b.number - a.number))
    return out


def xmr_limits(series: Series) -> tuple[float, float, float] | None:
    """(lower, centre, upper) from the usable points, or None with fewer than two moving ranges."""
    points = [x for _, x in usable(series)]
    ranges = moving_ranges(series)
    if len(points) < 3 or len(ranges) < 2:
        return None
    centre = fmean(points)
    spread = E2 * fmean(ranges)
    return centre - spread, centre, centre + spread


def _latest(series: Series) -> tuple[str, float] | None:
    if not series:
        return None
    label, v = series[-1]
    return (label, v.number) if v.ok and v.number is not None else None


def _severity(polarity: str, delta: float, if_worse: Severity, if_neither: Severity) -> Severity:
    w = worse(polarity, delta)
    return if_worse if w else if_neither if w is None else Severity.LOW


def beyond_limits(meta: IndicatorMeta, la: str, series: Series) -> list[Signal]:
    """The latest point outside the natural process limits of the history before it."""
    latest = _latest(series)
    history = series[:-1]
    if latest is None or len(usable(history)) < MIN_BASELINE:
        return []
    limits = xmr_limits(history)
    if limits is None:
        return []
    lower, centre, upper = limits
    lower, upper = clip_limits(meta, lower, upper)
    label, x = latest
    if lower <= x <= upper:
        return []
    delta = x - centre
    first = usable(history)[0][0]
    side = "above" if x > upper else "below"
    d = meta.decimals  # one more decimal where rounding would hide the breach
    while d < 3 and round(x, d) in (round(lower, d), round(upper, d)):
        d += 1

    def fmt(n: float) -> str:
        return say_number(n, d, meta.unit)

    sentence = (
        f"{meta.title} was {fmt(x)} {period_phrase(meta.year_label, label)}, {side} the range "
        f"of {fmt_range(lower, upper, d, meta.unit)} that its own history since {first} makes likely."
    )
    return [
        Signal(
            indicator_id=meta.id,
            la=la,
            kind="xmr_beyond_limits",
            severity=_severity(meta.polarity, delta, Severity.HIGH, Severity.MEDIUM),
            sentence=sentence,
            rule="latest point outside mean ± 2.66 × mean moving range of the earlier points",
            period=label,
            evidence={
                "value": x,
                "lower_limit": round(lower, 6),
                "centre": round(centre, 6),
                "upper_limit": round(upper, 6),
                "baseline_from": first,
                "baseline_points": len(usable(history)),
            },
        )
    ]


def large_change(meta: IndicatorMeta, la: str, series: Series) -> list[Signal]:
    """A change on the previous period bigger than the upper moving-range limit of the history."""
    if len(series) < 2:
        return []
    (before, a), (after, b) = series[-2], series[-1]
    if not (a.ok and b.ok and a.number is not None and b.number is not None):
        return []
    history = moving_ranges(series[:-1])
    if len(history) < MIN_BASELINE - 1:
        return []
    mean_mr = fmean(history)
    delta = b.number - a.number
    limit = D4 * mean_mr
    if abs(delta) <= limit or delta == 0:
        return []

    def fmt(n: float) -> str:
        return say_number(n, meta.decimals, meta.unit)

    sentence = (
        f"{meta.title} {direction(delta)} from {fmt(a.number)} to {fmt(b.number)} "
        f"{change_phrase(meta.year_label, before, after)}, a bigger change than its history "
        f"makes likely (changes have averaged {fmt_change(mean_mr, meta.decimals, meta.unit)})."
    )
    return [
        Signal(
            indicator_id=meta.id,
            la=la,
            kind="large_change",
            severity=_severity(meta.polarity, delta, Severity.MEDIUM, Severity.LOW),
            sentence=sentence,
            rule="change on the previous period above 3.267 × mean moving range of the history",
            period=after,
            evidence={
                "from_period": before,
                "from_value": a.number,
                "value": b.number,
                "change": round(delta, 6),
                "mean_moving_range": round(mean_mr, 6),
                "limit": round(limit, 6),
            },
        )
    ]


def run_on_one_side(meta: IndicatorMeta, la: str, series: Series) -> list[Signal]:
    """The latest ``RUN_LENGTH`` points with a number, all on one side of the series mean."""
    latest = _latest(series)
    points = usable(series)
    if latest is None or len(points) < RUN_LENGTH + 1:
        return []
    centre = fmean(x for _, x in points)
    tail = points[-RUN_LENGTH:]
    above = all(x > centre for _, x in tail)
    below = all(x < centre for _, x in tail)
    if not (above or below):
        return []
    delta = 1.0 if above else -1.0

    def fmt(n: float) -> str:
        return say_number(n, meta.decimals, meta.unit)

    sentence = (
        f"{meta.title} has been {'above' if above else 'below'} its average of {fmt(centre)} "
        f"for {RUN_LENGTH} periods in a row, from {tail[0][0]} to {tail[-1][0]}: a sustained shift."
    )
    return [
        Signal(
            indicator_id=meta.id,
            la=la,
            kind="run",
            severity=_severity(meta.polarity, delta, Severity.MEDIUM, Severity.LOW),
            sentence=sentence,
            rule=f"{RUN_LENGTH} consecutive points with a number on one side of the mean",
            period=latest[0],
            evidence={
                "centre": round(centre, 6),
                "run_length": RUN_LENGTH,
                "side": "above" if above else "below",
                "run_from": tail[0][0],
            },
        )
    ]


def volatility_signals(meta: IndicatorMeta, la: str, series: Series) -> list[Signal]:
    return (
        beyond_limits(meta, la, series)
        + large_change(meta, la, series)
        + run_on_one_side(meta, la, series)
    )
