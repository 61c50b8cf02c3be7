"""Data-quality signals: the council's own figure far from the published one, or a noisy return.

Both take plain inputs (figures, counts) so they do not depend on how the returns were read:

- **Own data against published.** Fires when the own-data figure differs from the last published
  figure by more than ``PERCENT_POINTS`` percentage points (percent indicators) or ``RELATIVE`` of
  the published figure (everything else); twice that is high. When both are for the same period the
  sentence says the figures should reconcile; otherwise it reports the gap and the periods.
- **Validation errors.** Fires when a return has at least ``ERRORS_MEDIUM`` errors or errors on at
  least ``RATE_MEDIUM`` of its rows (medium), or ``ERRORS_HIGH`` / ``RATE_HIGH`` (high).
"""

from __future__ import annotations

from lineofsight.indicators.meta import IndicatorMeta
from lineofsight.signals.model import Severity, Signal
from lineofsight.values import Value
from lineofsight.wording import fmt_change, period_phrase, say_number

PERCENT_POINTS = 5.0
RELATIVE = 0.10
ERRORS_MEDIUM, ERRORS_HIGH = 20, 100
RATE_MEDIUM, RATE_HIGH = 0.01, 0.05


def own_vs_published(
    meta: IndicatorMeta,
    la: str,
    own_period: str,
    own: Value,
    published_period: str,
    published: Value,
) -> list[Signal]:
    """An own-data figure far from the last published figure for the same council."""
    if not (own.ok and published.ok) or own.number is None or published.number is None:
        return []
    gap = own.number - published.number
    if meta.unit == "percent":
        allowed = PERCENT_POINTS
    else:
        if published.number == 0:
            return []
        allowed = RELATIVE * abs(published.number)
    if abs(gap) <= allowed:
        return []
    severity = Severity.HIGH if abs(gap) > 2 * allowed else Severity.MEDIUM

    def fmt(n: float) -> str:
        return say_number(n, meta.decimals, meta.unit)

    same = own_period == published_period
    tail = (
        "; the two should agree, so check the return and the definition."
        if same
        else f" (published {period_phrase(meta.year_label, published_period)}); "
        "check whether this is a real change or a data problem."
    )
    sentence = (
        f"Your own data give {meta.title[0].lower() + meta.title[1:]} of {fmt(own.number)} "
        f"{period_phrase(meta.year_label, own_period)}, {fmt_change(gap, meta.decimals, meta.unit)} "
        f"{'above' if gap > 0 else 'below'} the published {fmt(published.number)}{tail}"
    )
    return [
        Signal(
            indicator_id=meta.id,
            la=la,
            kind="own_vs_published",
            severity=severity,
            sentence=sentence,
            rule=(
                f"own figure more than {PERCENT_POINTS:g} percentage points from the published one"
                if meta.unit == "percent"
                else f"own figure more than {RELATIVE:.0%} from the published one"
            ),
            period=own_period,
            evidence={
                "own": own.number,
                "own_period": own_period,
                "published": published.number,
                "published_period": published_period,
                "gap": round(gap, 6),
                "allowed": round(allowed, 6),
            },
        )
    ]


def validation_errors(
    la: str, return_name: str, period: str, errors: int, rows: int | None = None
) -> list[Signal]:
    """A return with many validation errors: its indicators may not be trusted yet."""
    if errors < 0 or (rows is not None and rows < 0):
        raise ValueError("error and row counts cannot be negative")
    rate = errors / rows if rows else None
    if errors >= ERRORS_HIGH or (rate is not None and rate >= RATE_HIGH):
        severity = Severity.HIGH
    elif errors >= ERRORS_MEDIUM or (rate is not None and rate >= RATE_MEDIUM):
        severity = Severity.MEDIUM
    else:
        return []
    share = f" ({rate:.1%} of {rows:,} rows)" if rate is not None and rows else ""
    sentence = (
        f"The {return_name} return for {period} has {errors:,} validation errors{share}; "
        "figures built from it may be wrong until they are fixed."
    )
    return [
        Signal(
            indicator_id=f"return:{return_name}",
            la=la,
            kind="validation_errors",
            severity=severity,
            sentence=sentence,
            rule=(
                f"at least {ERRORS_MEDIUM} errors or {RATE_MEDIUM:.0%} of rows (medium); "
                f"{ERRORS_HIGH} or {RATE_HIGH:.0%} (high)"
            ),
            period=period,
            evidence={"errors": errors, "rows": rows, "error_rate": rate},
        )
    ]
