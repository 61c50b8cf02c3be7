"""Plain-English wording for figures: numbers, money, dates, year conventions, bands and judgements.

The one home for turning a figure into text, shared by the web pages, the packs, the drafts, the
charts, the signals and the CLI. It sits at the bottom of the layers: it imports only
`lineofsight.values` at runtime (metadata types under TYPE_CHECKING).
"""

from lineofsight.wording.dates import date_text, day_month_year, month_year
from lineofsight.wording.figures import (
    JUDGEMENTS,
    NOT_BANDED,
    band_words,
    judgement_word,
    polarity_words,
    rate_text,
    show,
    state_words,
)
from lineofsight.wording.numbers import (
    fmt_change,
    fmt_number,
    fmt_range,
    fmt_value,
    money,
    percent,
    say_number,
    signed_change,
    signed_money,
    unit_parts,
)
from lineofsight.wording.years import change_phrase, direction, end_year, period_phrase, year_phrase

__all__ = [
    "JUDGEMENTS",
    "NOT_BANDED",
    "band_words",
    "change_phrase",
    "date_text",
    "day_month_year",
    "direction",
    "end_year",
    "fmt_change",
    "fmt_number",
    "fmt_range",
    "fmt_value",
    "judgement_word",
    "money",
    "month_year",
    "percent",
    "period_phrase",
    "polarity_words",
    "rate_text",
    "say_number",
    "show",
    "signed_change",
    "signed_money",
    "state_words",
    "unit_parts",
    "year_phrase",
]
