"""Divergence: the council moving away from its statistical neighbours, or into the worst quarter.

- **Neighbour distance.** A robust z-score against the ten statistical neighbours: (value − median)
  / (1.4826 × median absolute deviation). With ten neighbours a mean and standard deviation are
  pulled about by one outlier; the median and MAD are not. It fires at ``K`` = 2.5 (medium) and
  ``K_HIGH`` = 4 (high) in the worse direction by polarity; where polarity is "neither" it fires at
  ``K`` as low, to prompt a question rather than a judgement. At least ``MIN_NEIGHBOURS`` neighbours
  must have a number, and a MAD of zero (identical neighbours) gives no signal.
- **Worst quartile.** The council's quartile band among all English LAs (A best … D worst, from the
  benchmark engine) is D this period and was A-C the period before.
"""

from __future__ import annotations

from statistics import median

from lineofsight.indicators.meta import IndicatorMeta
from lineofsight.signals.model import Severity, Signal, worse
from lineofsight.values import Value
from lineofsight.wording import period_phrase, say_number

K = 2.5
K_HIGH = 4.0
MAD_SCALE = 1.4826  # makes the MAD estimate a standard deviation for normal data
MIN_NEIGHBOURS = 5


def robust_z(value: float, others: list[float]) -> float | None:
    """Distance from the median of ``others`` in scaled MADs; None if too few or no spread."""
    if len(others) < MIN_NEIGHBOURS:
        return None
    centre = median(others)
    mad = median(abs(x - centre) for x in others)
    if mad == 0:
        return None
    return (value - centre) / (MAD_SCALE * mad)


def neighbour_clause(value: float, neighbours: list[Value]) -> str:
    """E.g. '9 of your 10 statistical neighbours are lower' (neighbours with a number only)."""
    nums = [n.number for n in neighbours if n.ok and n.number is not None]
    if not nums:
        return ""
    lower = sum(1 for n in nums if n < value)
    higher = sum(1 for n in nums if n > value)
    word, count = ("lower", lower) if lower >= higher else ("higher", higher)
    return f"{count} of your {len(nums)} statistical neighbours are {word}"


def neighbour_divergence(
    meta: IndicatorMeta, la: str, period: str, value: Value, neighbours: list[Value]
) -> list[Signal]:
    """The council's value far from its neighbours' median, judged by polarity."""
    if not value.ok or value.number is None:
        return []
    x = value.number
    nums = [n.number for n in neighbours if n.ok and n.number is not None]
    z = robust_z(x, nums)
    if z is None or abs(z) <= K:
        return []
    w = worse(meta.polarity, z)
    if w is False:
        return []
    severity = Severity.LOW if w is None else Severity.HIGH if abs(z) > K_HIGH else Severity.MEDIUM
    centre = median(nums)

    def fmt(n: float) -> str:
        return say_number(n, meta.decimals, meta.unit)

    sentence = (
        f"{meta.title} was {fmt(x)} {period_phrase(meta.year_label, period)}, well "
        f"{'above' if z > 0 else 'below'} your statistical neighbours (median {fmt(centre)}); "
        f"{neighbour_clause(x, neighbours)}."
    )
    return [
        Signal(
            indicator_id=meta.id,
            la=la,
            kind="neighbour_divergence",
            severity=severity,
            sentence=sentence,
            rule=f"more than {K:g} scaled median absolute deviations from the neighbour median",
            period=period,
            evidence={
                "value": x,
                "neighbour_median": centre,
                "robust_z": round(z, 3),
                "neighbours_with_value": len(nums),
                "k": K,
            },
        )
    ]


def worst_quartile_entry(
    meta: IndicatorMeta,
    la: str,
    period: str,
    band: str | None,
    previous_period: str | None,
    previous_band: str | None,
) -> list[Signal]:
    """Band D (the worst quarter of English LAs) now, and a better band the period before."""
    if meta.polarity == "neither" or band != "D" or previous_band not in {"A", "B", "C"}:
        return []
    sentence = (
        f"{meta.title} moved into the worst quarter of councils in England "
        f"{period_phrase(meta.year_label, period)} (quartile band {previous_band} "
        f"in {previous_period})."
    )
    return [
        Signal(
            indicator_id=meta.id,
            la=la,
            kind="worst_quartile",
            severity=Severity.MEDIUM,
            sentence=sentence,
            rule="quartile band D among English LAs this period, A to C the period before",
            period=period,
            evidence={
                "band": band,
                "previous_band": previous_band,
                "previous_period": previous_period,
            },
        )
    ]
