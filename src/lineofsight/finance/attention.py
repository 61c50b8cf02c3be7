"""Material finance judgements for the attention list that opens the overview and the quartet pack.

Why: the leader's guide names budget variances among the signatures of risk, and a leader's first
question of next year is whether the children the council will look after fit its budget. Two
judgements, each shaped like the indicators' (:class:`~lineofsight.signals.judgement.Judgement`) so
they sort into the same list:

- **a forecast overspend**: the council's budget monitoring forecasts an outturn over budget beyond
  the threshold (:data:`lineofsight.finance.signals.OVERSPEND_MEDIUM_PCT`, high at ``_HIGH_PCT``);
- **children in care above the budget**: the own-903 forecast's placement cost for the monitoring's
  financial year is above the children looked after budget lines by the same threshold (high when
  even the low end of its 80% interval is above the budget).
"""

from __future__ import annotations

from lineofsight.finance.monitoring import CLA_LINES, Monitoring, month_text, total, variances
from lineofsight.finance.signals import OVERSPEND_HIGH_PCT, OVERSPEND_MEDIUM_PCT
from lineofsight.reference.las import LA
from lineofsight.signals.judgement import Judgement, question_for
from lineofsight.signals.model import Severity
from lineofsight.wording import money

FINANCE_PAGE = "/finance/"
FORECAST_PAGE = "/forecast/"


DEMO_NOTE = "Demo: synthetic figures, not the council's."
KINDS = ("forecast_above_budget", "budget_overspend")  # their ids in the list


def sort_key(j: Judgement) -> tuple[int, int, tuple[int, int, str]]:
    """Most severe first; within a severity the council's own current finance figures lead."""
    rank = int(j.severity) if j.severity is not None else 3
    return (rank, 0 if j.indicator_id in KINDS else 1, j.sort_key())


def _judgement(
    kind: str, la: LA, period: str, severity: Severity, sentence: str, link: str, question: str
) -> Judgement:
    qid, text = question_for(question)
    return Judgement(
        indicator_id=kind,
        title="Budget monitoring" if kind == "budget_overspend" else "Children in care cost",
        la=la.code,
        period=period,
        severity=severity,
        reasons=(sentence,),
        standing=3,  # the council's own, current figures: first among equals
        heading=1,
        variation=0,
        variation_kind="none",
        question_id=qid,
        question=text,
        link=link,
    )


def overspend(m: Monitoring, la: LA, demo: bool = False) -> Judgement | None:
    """The monitoring's forecast outturn, all lines together, over budget beyond the threshold."""
    whole = total(variances(m))
    pct = whole.variance_pct
    if pct is None or pct < OVERSPEND_MEDIUM_PCT:
        return None
    return _judgement(
        "budget_overspend",
        la,
        m.latest,
        Severity.HIGH if pct >= OVERSPEND_HIGH_PCT else Severity.MEDIUM,
        f"The budget monitoring at the end of {month_text(m.latest)} forecasts "
        f"{money(whole.forecast)} against a budget of {money(whole.budget)} for "
        f"{m.financial_year}: {money(whole.variance)} ({pct:.1f}%) over."
        + (f" {DEMO_NOTE}" if demo else ""),
        FINANCE_PAGE,
        "cs_spend_gross",
    )


def cla_budget(m: Monitoring) -> float:
    """The children looked after budget lines of the monitoring's latest month, added up."""
    return sum(v.budget for v in variances(m) if v.code in CLA_LINES)


def above_budget(
    m: Monitoring,
    la: LA,
    cost: float,
    low80: float | None,
    high80: float | None,
    children: float,
    month_end: str,
    demo: bool = False,
) -> Judgement | None:
    """The forecast cost of children in care over ``m.financial_year`` (``cost``, with its 80%
    interval) against the monitoring's children looked after budget, beyond the threshold."""
    budget = cla_budget(m)
    if budget <= 0:
        return None
    pct = 100.0 * (cost - budget) / budget
    if pct < OVERSPEND_MEDIUM_PCT:
        return None
    high = low80 is not None and low80 > budget
    interval = (
        f" (80% interval {money(low80)} to {money(high80)})"
        if low80 is not None and high80 is not None
        else ""
    )
    return _judgement(
        "forecast_above_budget",
        la,
        m.financial_year,
        Severity.HIGH if high else Severity.MEDIUM,
        f"The forecast from the council's 903 puts the cost of children in care in "
        f"{m.financial_year} at {money(cost)}{interval}, {pct:.0f}% above the children looked "
        f"after budget of {money(budget)}, with about {children:,.0f} children in care at "
        f"{month_end}." + (f" {DEMO_NOTE}" if demo else ""),
        FORECAST_PAGE,
        "cla_spend_gross",
    )
