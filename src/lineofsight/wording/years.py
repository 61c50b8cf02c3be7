"""DfE year conventions in words: '2024-25' ends in 2025; 'at 31 March 2025', '2024-25 financial year'.

Every figure on a page states its year convention, taken from the indicator's metadata. A signal's
sentence says where a figure sits in time the same way ('in the year to March 2024', 'in the 12
months to 30 September 2024' for own-data rolling periods), so a leader can read it aloud.
"""

from __future__ import annotations

import re
from datetime import date

from lineofsight.values import is_digits
from lineofsight.wording.dates import day_month_year


def end_year(year: str) -> str:
    """'2024-25' -> '2025'; '2025' stays."""
    if len(year) == 7 and year[4] == "-" and is_digits(year[:4]) and is_digits(year[5:]):
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


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _iso_label(label: str) -> date | None:
    m = _ISO.match(label)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def period_phrase(year_label: str, label: str) -> str:
    """Where a single figure sits in time, e.g. ``at 30 September 2024`` or ``in 2023-24``.

    Labels that are ISO dates (own-data rolling periods) read as 'in the 12 months to <date>'.
    """
    d = _iso_label(label)
    if d is not None:
        return f"in the 12 months to {day_month_year(d)}"
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
        return f"between the 12 months to {day_month_year(d0)} and the 12 months to {day_month_year(d1)}"
    consecutive = (
        is_digits(before[:4]) and is_digits(after[:4]) and int(after[:4]) - int(before[:4]) == 1
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
