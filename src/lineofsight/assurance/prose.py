"""Figures and years as a sentence says them: "At 31 March 2025", "£123.1m", "21.0%".

Tables show figures with codes and units in columns; a self-evaluation is read aloud, so the year
convention leads the sentence; numbers and money are written by `lineofsight.wording`.
"""

from __future__ import annotations

from lineofsight.wording import JUDGEMENTS, end_year, fmt_number


def when(year_label: str, year: str) -> str:
    """The year as the figure's convention says it, to open a sentence: 'In the year to 31 March 2025'."""
    original = year_label.strip()
    label = original.lower()
    if label.startswith("at "):
        return f"At {original[3:]} {end_year(year)}"
    if label.startswith("year to "):
        return f"In the year to {original[8:]} {end_year(year)}"
    if label == "in january":
        return f"In January {end_year(year)}"
    if label == "financial year":
        return f"In the {year} financial year" if "-" in year else f"In financial year {year}"
    if label == "calendar year":
        return f"In calendar year {year}"
    if label == "academic year":
        return f"In the {year} academic year" if "-" in year else f"In academic year {year}"
    return f"In {year} ({year_label.strip()})" if label else f"In {year}"


def figure(number: float, unit: str, decimals: int) -> str:
    """A number with its unit for prose: a judgement word, '£123.1m', '21.0%'."""
    if unit == "judgement":
        return JUDGEMENTS.get(round(number), f"grade {number:g}")
    if unit.startswith("gbp"):
        return fmt_number(number, decimals, unit)
    return fmt_number(number, decimals, "percent" if unit == "percent" else "")


def join_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or a name (Ofsted, EHC)."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and (first.isupper() or first in {"Ofsted"}):
        return text
    return text[:1].lower() + text[1:]
