"""Plain-English wording for signals: numbers in the indicator's unit, periods in its year convention.

A leader should be able to read a signal's sentence aloud without knowing the rule behind it, so the
period ("at 30 September 2024", "in the year to March 2024", "in 2023-24") and the unit ("21.0%",
"512 per 10,000 children", "£1,234 a week") come from the indicator's own metadata.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def fmt_number(number: float, unit: str, decimals: int) -> str:
    """A number as a leader reads it: ``21.0%``, ``512.3 per 10,000 children``, ``£1,234``."""
    d = max(0, decimals)
    text = f"{number:,.{d}f}"
    match unit:
        case "percent":
            return f"{text}%"
        case "rate_per_10k":
            return f"{text} per 10,000 children"
        case "rate_per_100k":
            return f"{text} per 100,000 children"
        case "gbp":
            return f"£{number:,.0f}"
        case "gbp_per_week":
            return f"£{number:,.0f} a week"
        case "fte":
            return f"{text} FTE"
        case _:
            return text


_SUFFIXED = {"rate_per_10k", "rate_per_100k", "gbp_per_week", "percent", "fte"}


def fmt_range(low: float, high: float, unit: str, decimals: int) -> str:
    """'11 to 68 per 10,000 children': the unit said once, at the end."""
    if unit in _SUFFIXED:
        bare = "count" if unit != "gbp_per_week" else "gbp"
        end = fmt_number(high, unit, decimals)
        return f"{fmt_number(low, bare, decimals)} to {end}"
    return f"{fmt_number(low, unit, decimals)} to {fmt_number(high, unit, decimals)}"


def fmt_change(delta: float, unit: str, decimals: int) -> str:
    """The size of a change: percentages as percentage points, everything else in its unit."""
    size = abs(delta)
    if unit == "percent":
        return f"{size:,.{max(0, decimals)}f} percentage points"
    return fmt_number(size, unit, decimals)


def _iso_label(label: str) -> date | None:
    m = _ISO.match(label)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _day(d: date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def period_phrase(year_label: str, label: str) -> str:
    """Where a single figure sits in time, e.g. ``at 30 September 2024`` or ``in 2023-24``.

    Labels that are ISO dates (own-data rolling periods) read as 'in the 12 months to <date>'.
    """
    d = _iso_label(label)
    if d is not None:
        return f"in the 12 months to {_day(d)}"
    match year_label:
        case "at 31 March" | "at 30 September":
            return f"{year_label} {label}"
        case "year to 31 March":
            return f"in the year to March {label}"
        case "year to 30 September":
            return f"in the year to September {label}"
        case "in January":
            return f"in January {label}"
        case "academic year":
            return f"in the {label} academic year"
        case _:
            return f"in {label}"


def change_phrase(year_label: str, before: str, after: str) -> str:
    """The span of a change between two periods: one year apart reads 'in the year to …'."""
    d0, d1 = _iso_label(before), _iso_label(after)
    if d0 is not None and d1 is not None:
        return f"between the 12 months to {_day(d0)} and the 12 months to {_day(d1)}"
    consecutive = (
        before[:4].isdigit() and after[:4].isdigit() and int(after[:4]) - int(before[:4]) == 1
    )
    if consecutive:
        match year_label:
            case "at 31 March" | "year to 31 March":
                return f"in the year to March {after}"
            case "at 30 September" | "year to 30 September":
                return f"in the year to September {after}"
            case "financial year":
                return f"from {before} to {after}"
    return f"between {before} and {after}"


def direction(delta: float) -> str:
    return "rose" if delta > 0 else "fell" if delta < 0 else "was unchanged"
