"""England-and-Wales working days, as a calendar table the engine joins in DuckDB.

Timeliness indicators (assessments in 45 working days, conferences in 15) count working days.
Bank holidays come from the maintained ``holidays`` package: UK with ``subdiv="ENG"`` gives
the gov.uk England-and-Wales list, including substitute days and one-off holidays (the 2022 state
funeral, the 2023 coronation). The table carries a running count of working days so that the
working days between two dates is one subtraction after two joins, not a Python loop per row.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import pandas as pd

FIRST = dt.date(1990, 1, 1)
LAST = dt.date(2040, 12, 31)


def bank_holidays(first_year: int, last_year: int) -> list[dt.date]:
    """England-and-Wales bank holidays (gov.uk list) in the inclusive year range.

    The UK module is imported directly: ``holidays.country_holidays`` loads every country's
    module first (a fifth of a second), and only the timeliness indicators need this.
    """
    from holidays.countries.united_kingdom import UnitedKingdom

    cal = UnitedKingdom(subdiv="ENG", years=range(first_year, last_year + 1))  # type: ignore[no-untyped-call]
    return sorted(cal.keys())


@cache
def calendar_frame(first: dt.date = FIRST, last: dt.date = LAST) -> pd.DataFrame:
    """One row per day: ``day`` and ``is_workday`` (Monday to Friday, not a bank holiday).

    Cached per process: building it costs more than computing every indicator. Do not mutate.
    """
    days = pd.date_range(first, last, freq="D")
    hols = pd.DatetimeIndex(pd.to_datetime(bank_holidays(first.year, last.year)))
    workday = (days.day_of_week < 5) & ~days.isin(hols)
    return pd.DataFrame({"day": days.date, "is_workday": workday.astype("int64")})
