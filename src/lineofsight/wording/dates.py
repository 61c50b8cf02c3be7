"""Dates as GOV.UK writes them: '29 January 2024', no leading zero, no weekday.

Every page, pack, draft and CLI report writes a day through `day_month_year`, so there is one
spelling instead of a strftime pattern copied into each module ('%d' and '%-d' disagreed).
"""

from __future__ import annotations

import datetime as dt


def day_month_year(d: dt.date) -> str:
    """'29 January 2024' (a datetime gives its date)."""
    return f"{d.day} {d:%B %Y}"


def month_year(d: dt.date) -> str:
    """'January 2024'."""
    return f"{d:%B %Y}"


def date_text(iso: object) -> str:
    """'2024-01-29' -> '29 January 2024'; blank stays blank, unreadable text is shown as it is."""
    if isinstance(iso, dt.date):
        return day_month_year(iso)
    if not iso:
        return ""
    try:
        d = dt.date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    return day_month_year(d)
