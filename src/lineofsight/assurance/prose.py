"""Figures and years as a sentence says them: "At 31 March 2025", "£123.1 million", "21.0%".

Tables show figures with codes and units in columns; a self-evaluation is read aloud, so the year
convention leads the sentence and large sums of money are rounded to millions.
"""

from __future__ import annotations

from lineofsight.wording import JUDGEMENTS, end_year


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
    """A number with its unit for prose; money of a million pounds or more in millions."""
    if unit == "judgement":
        return JUDGEMENTS.get(round(number), f"grade {number:g}")
    if unit.startswith("gbp"):
        if abs(number) >= 1_000_000_000:
            return f"£{number / 1_000_000_000:,.1f} billion"
        if abs(number) >= 1_000_000:
            return f"£{number / 1_000_000:,.1f} million"
        return f"£{number:,.{decimals}f}"
    text = f"{number:,.{decimals}f}"
    return text + "%" if unit == "percent" else text


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
