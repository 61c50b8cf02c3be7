"""Reporting periods for own-data indicators: DfE years and rolling 12 months.

DfE labels a children-looked-after or CIN year by the 31 March it ends on, and a workforce year by
the 30 September census date. In-year monitoring needs the same definitions over any 12 months,
so a period is just ``(period_start, period_end)`` with both days included.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd


def march_year(day: dt.date) -> int:
    """The DfE year label (year ending 31 March) that contains ``day``."""
    return day.year if (day.month, day.day) <= (3, 31) else day.year + 1


def september_year(day: dt.date) -> int:
    """The workforce census year (year ending 30 September) that contains ``day``."""
    return day.year if (day.month, day.day) <= (9, 30) else day.year + 1


def year_ending_march(year: int) -> tuple[dt.date, dt.date]:
    """1 April ``year - 1`` to 31 March ``year``."""
    return dt.date(year - 1, 4, 1), dt.date(year, 3, 31)


def year_ending_september(year: int) -> tuple[dt.date, dt.date]:
    """1 October ``year - 1`` to 30 September ``year`` (the workforce census year)."""
    return dt.date(year - 1, 10, 1), dt.date(year, 9, 30)


def rolling_12_months(end: dt.date) -> tuple[dt.date, dt.date]:
    """The 12 months ending on ``end``: from the day after the same date a year earlier.

    A 29 February end starts on 1 March of the previous year.
    """
    start = (pd.Timestamp(end) - pd.DateOffset(years=1) + pd.Timedelta(days=1)).date()
    return start, end
