"""A figure in words beside its meaning: judgements, quartile bands, polarity and missing values.

A quartile band is explained in words, not left as a bare letter; an Ofsted grade is its word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lineofsight.values import LABELS, State, Value
from lineofsight.wording.numbers import fmt_value, unit_parts

if TYPE_CHECKING:  # metadata types only: wording sits below indicators and imports nothing of it
    from lineofsight.indicators.meta import IndicatorMeta

JUDGEMENTS = {1: "Outstanding", 2: "Good", 3: "Requires improvement to be good", 4: "Inadequate"}


def show(value: Value, indicator: IndicatorMeta) -> str:
    """A value as text: the number with its unit, a judgement word, or why there is no number."""
    if indicator.unit == "judgement" and value.ok and value.number is not None:
        return judgement_word(value.number)
    return fmt_value(value, indicator.decimals, indicator.unit)


def judgement_word(grade: float) -> str:
    """An Ofsted grade in words; a figure that is not a whole grade (an average) is no judgement."""
    if float(grade).is_integer() and int(grade) in JUDGEMENTS:
        return JUDGEMENTS[int(grade)]
    return "no single judgement"


NOT_BANDED = {
    "count": "Not ranked or banded: a count is context, as much the size of the council as its "
    "performance (see the rate beside it)",
    "money": "Not ranked or banded: a money total is context, as much the size of the council as "
    "its performance (see the figure per child beside it)",
    "judgement": "Not ranked or banded: an Ofsted judgement is a grade, not a number to average",
}


def rate_text(e: object) -> str:
    """A count or money total's rate beside it: '170.0 per 10,000 children'; '' for a measure."""
    rate, unit = getattr(e, "rate", None), getattr(e, "rate_unit", "")
    if not unit or rate is None or not rate.ok:
        return ""
    phrase = unit_parts(unit)[1]
    return f"{fmt_value(rate, getattr(e, 'rate_decimals', 0), unit)} {phrase}".strip()


def band_words(band: str | None, polarity: str, kind: str = "measure") -> str:
    """What a quartile band means for this indicator, in a sentence fragment."""
    if kind in NOT_BANDED:
        return NOT_BANDED[kind]
    if not band:
        return "No band (fewer than four councils have a figure, or this council has none)"
    if polarity == "neither" or band.startswith("Q"):
        place = {
            "Q1": "lowest quarter",
            "Q2": "second-lowest quarter",
            "Q3": "second-highest quarter",
            "Q4": "highest quarter",
        }.get(band, "")
        if not place:  # an A-D band where neither direction is better (older callers)
            older = {"A": "lowest", "B": "second-lowest", "C": "second-highest", "D": "highest"}
            place = older.get(band, band) + " quarter"
        return f"In the {place} of councils ({band}; neither higher nor lower is better in itself)"
    place = {
        "A": "best quarter",
        "B": "second-best quarter",
        "C": "second-worst quarter",
        "D": "worst quarter",
    }[band]
    better = "higher" if polarity == "high_good" else "lower"
    return f"Band {band}: in the {place} of councils ({better} is better)"


def polarity_words(polarity: str) -> str:
    return {
        "high_good": "Higher is better.",
        "low_good": "Lower is better.",
    }.get(polarity, "Neither higher nor lower is better in itself.")


def state_words(value: Value) -> str:
    return LABELS[value.state] or LABELS[State.MISSING]
