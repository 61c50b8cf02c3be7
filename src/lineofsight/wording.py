"""Plain-English wording for figures: the year convention, quartile bands, judgements and dates.

Shared by everything that shows a figure to a person: the web pages, the packs and the drafts.

Every figure on a page states its year convention ("at 31 March 2025", "2024-25 financial year"),
and a quartile band is explained in words, not left as a bare letter.
"""

from __future__ import annotations

import datetime as dt

from lineofsight.charts import fmt_value
from lineofsight.indicators.meta import IndicatorMeta
from lineofsight.values import LABELS, State, Value

JUDGEMENTS = {1: "Outstanding", 2: "Good", 3: "Requires improvement to be good", 4: "Inadequate"}


def end_year(year: str) -> str:
    """'2024-25' -> '2025'; '2025' stays."""
    if len(year) == 7 and year[4] == "-" and year[:4].isdigit() and year[5:].isdigit():
        return year[:2] + year[5:]
    return year


def year_phrase(year_label: str, year: str) -> str:
    """The year as the figure's convention says it: 'at 31 March 2025', '2024-25 financial year'."""
    label = year_label.strip()
    low = label.lower()
    if low.startswith(("at 3", "year to 3")) or low == "mid-year (30 june)":
        if low.startswith("mid-year"):
            return f"at 30 June {end_year(year)}"
        return f"{label} {end_year(year)}"
    if low in {"in january", "annual - january"}:
        return f"January {end_year(year)}"
    if low == "annual (end of sept)":
        return f"at 30 September {end_year(year)}"
    if low == "financial year":
        return f"{year} financial year" if "-" in year else f"financial year {year}"
    if low == "calendar year":
        return f"calendar years {year}" if "-" in year else f"calendar year {year}"
    if low == "academic year":
        return f"{year} academic year" if "-" in year else f"academic year {year}"
    if low == "annual":
        return f"year {year}"
    return f"{year} ({label})" if label else year


def show(value: Value, indicator: IndicatorMeta) -> str:
    """A value as text: the number with its unit, a judgement word, or why there is no number."""
    if indicator.unit == "judgement" and value.ok and value.number is not None:
        return JUDGEMENTS.get(int(value.number), fmt_value(value, 0))
    return fmt_value(value, indicator.decimals, indicator.unit)


def band_words(band: str | None, polarity: str) -> str:
    """What a quartile band means for this indicator, in a sentence fragment."""
    if not band:
        return "No band (fewer than four councils have a figure, or this council has none)"
    if polarity == "neither":
        place = {
            "A": "lowest quarter",
            "B": "second-lowest quarter",
            "C": "second-highest quarter",
            "D": "highest quarter",
        }[band]
        return f"Band {band}: in the {place} of councils (neither higher nor lower is better)"
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


def date_text(iso: str) -> str:
    """'2024-01-29' -> '29 January 2024'; blank stays blank, unreadable text is shown as it is."""
    if not iso:
        return ""
    try:
        d = dt.date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    return f"{d.day} {d:%B %Y}"
