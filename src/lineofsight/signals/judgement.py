"""One judgement per indicator: where the council stands, where it is heading, and whether the
latest change is beyond the series' usual variation, combined into one severity with its reasons.

The separate rules (``volatility``, ``divergence``, ``thresholds``) each look at one thing, so one
indicator could fire three times and a council far from everyone on a measure where neither
direction is better never fired above Low. Here the three parts are scored together (the method,
with its numbers, is in docs/early-warning.md):

- **Standing** (0 to 3): the share of English councils with a figure at least as far out in the
  worse direction (either direction where neither is better), and the distance from the ten
  statistical neighbours (robust z beyond 2.5, or beyond every neighbour).
- **Heading** (0 or 1): the latest changes all in the worse direction for ``PERSIST`` periods (or,
  where neither is better, moving further out from the middle of England).
- **Variation** (0 to 2), after NHS England's *Making Data Count*: XmR process limits only from at
  least ``MIN_LIMIT_POINTS`` earlier points, clipped to what the measure can take (0 to 100% for a
  percentage, never below 0); with fewer points no limits are drawn, the judgement says so, and the
  latest change is compared instead with the changes of every council in England that year.

Severity: High where the standing is extreme, or serious and getting worse or unusual, or where
special-cause variation meets a poor standing; Medium where the standing is serious or two parts
agree; Low where one part alone speaks; none otherwise. A one-year wobble in a short noisy history
can therefore reach Low (an unusual change) but never High.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from statistics import fmean, median
from typing import Any

from lineofsight.indicators.meta import IndicatorMeta
from lineofsight.signals.divergence import K, robust_z
from lineofsight.signals.model import Series, Severity, usable
from lineofsight.signals.volatility import E2, clip_limits
from lineofsight.signals.volatility import MIN_BASELINE as MIN_LIMIT_POINTS
from lineofsight.wording import fmt_change, fmt_range, period_phrase, say_number

SHIFT = 7  # Making Data Count: seven points in a row on one side of the centre line
PERSIST = 3  # changes in a row in the same direction that make a heading
UNUSUAL_CHANGE = 0.05  # the most extreme 5% of councils' changes that year
EXTREME, SERIOUS, NOTABLE = 0.025, 0.10, 0.25  # shares of councils for the standing
VARIATION_WORDS = {
    "concern": "Special cause: concerning",
    "improvement": "Special cause: improving",
    "neutral": "Special cause: neither better nor worse in itself",
    "common": "Common cause: within its usual variation",
    "unusual": "No process limits: an unusual change against other councils",
    "usual": "No process limits: a change like other councils'",
    "none": "No process limits: too few points",
}


@dataclass(frozen=True)
class Judgement:
    """The one judgement on an indicator, with everything a leader needs to act on it."""

    indicator_id: str
    title: str
    la: str
    period: str
    severity: Severity | None  # None: nothing here to ask about
    reasons: tuple[str, ...]
    standing: int
    heading: int
    variation: int
    variation_kind: str  # a key of VARIATION_WORDS
    question_id: str = ""
    question: str = ""
    limits: tuple[float, float, float] | None = None  # lower, centre, upper (clipped)
    evidence: dict[str, Any] = field(default_factory=dict)
    link: str = ""  # where to read more, when not an indicator page (the Finance page, say)

    @property
    def severity_label(self) -> str:
        return self.severity.label if self.severity is not None else "none"

    @property
    def variation_words(self) -> str:
        return VARIATION_WORDS[self.variation_kind]

    @property
    def page(self) -> str:
        return self.link or f"/indicators/{self.indicator_id}/"

    @property
    def question_page(self) -> str:
        return f"/key-questions/{self.question_id}/" if self.question_id else ""

    @property
    def sentence(self) -> str:
        """The first reason: the one sentence an attention list shows."""
        return self.reasons[0] if self.reasons else ""

    def sort_key(self) -> tuple[int, int, str]:
        rank = int(self.severity) if self.severity is not None else 3
        return (rank, -(self.standing + self.heading + self.variation), self.indicator_id)

    def record(self) -> dict[str, Any]:
        return {
            "indicator_id": self.indicator_id,
            "title": self.title,
            "la": self.la,
            "period": self.period,
            "severity": self.severity_label,
            "reasons": list(self.reasons),
            "standing": self.standing,
            "heading": self.heading,
            "variation": self.variation,
            "variation_words": self.variation_words,
            "limits": list(self.limits) if self.limits else None,
            "question_id": self.question_id,
            "question": self.question,
            "question_page": self.question_page,
            "page": self.page,
            "evidence": self.evidence,
        }


def worse_sign(polarity: str) -> int:
    """+1 where higher is worse, -1 where lower is worse, 0 where neither is."""
    return {"low_good": 1, "high_good": -1}.get(polarity, 0)


def judge(
    meta: IndicatorMeta,
    la: str,
    series: Series,
    neighbours: list[float],
    national: list[float],
    national_changes: list[float],
) -> Judgement | None:
    """Judge the latest point of ``series`` (None when it has no number).

    ``neighbours`` and ``national`` are the same period's figures (national includes the council),
    ``national_changes`` every council's change from the previous period to this one.
    """
    points = usable(series)
    if not series or not points or points[-1][0] != series[-1][0]:
        return None
    period, x = points[-1]
    sign = worse_sign(meta.polarity)

    def fmt(n: float) -> str:
        return say_number(n, meta.decimals, meta.unit)

    when = period_phrase(meta.year_label, period)
    reasons: list[str] = []
    evidence: dict[str, Any] = {"value": x}

    standing, where = _standing(x, sign, neighbours, national, evidence, fmt)
    reasons.append(f"{meta.title} was {fmt(x)} {when}" + (f": {where}." if where else "."))
    heading, trend = _heading(points, sign, national, evidence)
    if trend:
        reasons.append(trend)
    variation, kind, limits, why = _variation(meta, points, sign, national_changes, evidence, fmt)
    reasons.append(why)
    severity = _severity(standing, heading, variation)
    return Judgement(
        indicator_id=meta.id,
        title=meta.title,
        la=la,
        period=period,
        severity=severity,
        reasons=tuple(reasons),
        standing=standing,
        heading=heading,
        variation=variation,
        variation_kind=kind,
        limits=limits,
        evidence=evidence,
    )


def _tail(x: float, sign: int, national: list[float]) -> tuple[float, str]:
    """The share of councils at least as far out as ``x`` in the worse (or its own) direction."""
    if not national:
        return 1.0, ""
    side = sign or (1 if x >= median(national) else -1)
    beyond = sum(1 for v in national if (v - x) * side >= 0)
    return beyond / len(national), "higher" if side > 0 else "lower"


def _standing(
    x: float,
    sign: int,
    neighbours: list[float],
    national: list[float],
    evidence: dict[str, Any],
    fmt: Any,
) -> tuple[int, str]:
    tail, side = _tail(x, sign, national)
    z = robust_z(x, neighbours)
    away = sign or (1 if side == "higher" else -1)
    far = z is not None and z * away > K
    beyond_all = len(neighbours) >= 5 and all((x - v) * away > 0 for v in neighbours)
    evidence.update(
        {"national_share_as_far": round(tail, 4), "robust_z": None if z is None else round(z, 3)}
    )
    apart = far or beyond_all
    level = (
        3
        if tail <= EXTREME and apart
        else 2
        if tail <= SERIOUS and apart
        else 1
        if tail <= NOTABLE or far
        else 0
    )
    if level == 0:
        return 0, ""
    n = len(national)
    count = max(1, round(tail * n))
    if sign:
        place = f"among the worst {count} of {n} councils with a figure"
    else:
        end = "highest" if side == "higher" else "lowest"
        place = f"among the {count} {end} of {n} councils with a figure"
    parts = [place]
    if neighbours:
        mid = median(neighbours)
        word = "higher" if x > mid else "lower"
        outside = sum(1 for v in neighbours if (v - x) * (1 if word == "lower" else -1) > 0)
        parts.append(
            f"{word} than {outside} of its {len(neighbours)} statistical neighbours "
            f"(their median {fmt(mid)})"
        )
    if not sign:
        parts.append("neither higher nor lower is better in itself, so ask why")
    return level, "; ".join(parts)


def _heading(
    points: list[tuple[str, float]], sign: int, national: list[float], evidence: dict[str, Any]
) -> tuple[int, str]:
    recent = [v for _, v in points[-(PERSIST + 1) :]]
    if len(recent) < PERSIST + 1:
        return 0, ""
    changes = [b - a for a, b in pairwise(recent)]
    up, down = all(c > 0 for c in changes), all(c < 0 for c in changes)
    if not (up or down):
        return 0, ""
    direction = 1 if up else -1
    if sign:
        worse = direction == sign
    else:  # neither: moving further from the middle of England is the concern
        mid = median(national) if national else recent[0]
        worse = (recent[-1] - mid) * direction > 0
    evidence["heading"] = "rising" if up else "falling"
    words = f"It has {'risen' if up else 'fallen'} {PERSIST} periods in a row, since {points[-PERSIST - 1][0]}"
    if not worse:
        return 0, words + (" (the better direction)." if sign else ", towards the middle.")
    return 1, words + (" (the worse direction)." if sign else ", further from the middle.")


def _variation(
    meta: IndicatorMeta,
    points: list[tuple[str, float]],
    sign: int,
    national_changes: list[float],
    evidence: dict[str, Any],
    fmt: Any,
) -> tuple[int, str, tuple[float, float, float] | None, str]:
    history = [v for _, v in points[:-1]]
    x = points[-1][1]
    if len(history) >= MIN_LIMIT_POINTS:
        centre = fmean(history)
        ranges = [abs(b - a) for a, b in pairwise(history)]
        spread = E2 * fmean(ranges)
        lower, upper = clip_limits(meta, centre - spread, centre + spread)
        tail = [v for _, v in points[-SHIFT:]]
        shift = len(points) >= SHIFT and (
            all(v > centre for v in tail) or all(v < centre for v in tail)
        )
        outside = x < lower or x > upper
        evidence.update(
            {
                "lower_limit": round(lower, 6),
                "centre": round(centre, 6),
                "upper_limit": round(upper, 6),
            }
        )
        limits = (lower, centre, upper)
        span = f"{fmt_range(lower, upper, meta.decimals, meta.unit)} (from {len(history)} earlier points)"
        if not (outside or shift):
            return 0, "common", limits, f"Within its usual variation of {span}."
        direction = 1 if x > centre else -1
        rule = (
            "outside its process limits of"
            if outside
            else f"{SHIFT} points in a row on one side of its average; limits"
        )
        if not sign:
            return 1, "neutral", limits, f"Special cause: {rule} {span}."
        if direction == sign:
            return 2, "concern", limits, f"Special cause, concerning: {rule} {span}."
        return 0, "improvement", limits, f"Special cause, improving: {rule} {span}."
    if len(points) < 2:
        return 0, "none", None, "Only one point: no process limits and no change to test."
    before, change = points[-2][1], x - points[-2][1]
    need = (
        f"Only {len(history)} earlier point{'s' if len(history) != 1 else ''}: process limits need "
        f"{MIN_LIMIT_POINTS}, so none are drawn; its {'rise' if change > 0 else 'fall'} of "
        f"{fmt_change(change, meta.decimals, meta.unit)} from {fmt(before)} was compared with "
        "every council's change that year instead"
    )
    if not national_changes or change == 0:
        return 0, "none", None, need + "."
    side = sign or (1 if change > 0 else -1)
    share = sum(1 for c in national_changes if (c - change) * side >= 0) / len(national_changes)
    evidence["national_share_changed_as_much"] = round(share, 4)
    against = (change > 0) != (side > 0)
    if share <= UNUSUAL_CHANGE and not against:
        return (1, "unusual", None, need + f": only {share:.0%} of councils moved as far that way.")
    return 0, "usual", None, need + ": a change many councils saw."


def _severity(standing: int, heading: int, variation: int) -> Severity | None:
    score = standing + heading + variation
    if (
        standing >= 3
        or (standing >= 2 and heading + variation >= 1)
        or (variation >= 2 and standing >= 1)
    ):
        return Severity.HIGH
    if standing >= 2 or score >= 2:
        return Severity.MEDIUM
    if score >= 1:
        return Severity.LOW
    return None


# Where key_questions.yaml links no question to an indicator, the question its catalogue theme
# bears on most (the guide's questions are about services, not single figures).
THEME_QUESTIONS = {
    "front_door": "kq_lead_member_05",
    "help_and_protection": "kq_ofsted_02",
    "children_in_care": "kq_corporate_parenting_01",
    "care_leavers": "kq_corporate_parenting_02",
    "workforce": "kq_ofsted_02",
    "send": "kq_ofsted_03",
    "finance": "kq_finance_01",
    "youth_justice": "kq_governance_02",
    "education": "kq_lead_member_04",
    "ofsted": "kq_governance_01",
}


@cache
def question_for(indicator_id: str) -> tuple[str, str]:
    """The leader's key question an indicator bears on most directly: (id, text), or blanks."""
    from lineofsight.assurance.content import key_questions
    from lineofsight.errors import UserError
    from lineofsight.indicators.meta import lookup_indicator

    kq = key_questions()
    for q in kq.questions:
        if indicator_id in q.evidence.indicators:
            return q.id, q.text
    try:
        fallback = THEME_QUESTIONS.get(lookup_indicator(indicator_id).theme, "")
        found = kq.question(fallback) if fallback else None
    except UserError:
        found = None
    return (found.id, found.text) if found is not None else ("", "")
