"""Dates for the generator: days as ordinals (fast integer arithmetic) and working-day offsets.

Timeliness targets (assessments in 45 working days, conferences in 15) are hit by construction,
so the generator counts working days with the same England-and-Wales calendar the indicator
engine uses (:mod:`lineofsight.indicators.own.workdays`).
"""

from __future__ import annotations

import bisect
import datetime as dt
from functools import cache

from lineofsight.indicators.own.workdays import calendar_frame

FIRST = dt.date(1990, 1, 1)
LAST = dt.date(2040, 12, 31)


@cache
def _workdays() -> list[int]:
    cal = calendar_frame(FIRST, LAST)
    return [d.toordinal() for d, w in zip(cal.day, cal.is_workday, strict=True) if w]


def next_workday(day: int) -> int:
    """``day`` itself when it is a working day, else the next working day."""
    wd = _workdays()
    return wd[bisect.bisect_left(wd, day)]


def add_workdays(day: int, n: int) -> int:
    """The working day ``n`` working days after working day ``day``."""
    wd = _workdays()
    return wd[bisect.bisect_left(wd, day) + n]


def march31(year: int) -> int:
    return dt.date(year, 3, 31).toordinal()


def known_on(year: int, as_at: int | None) -> int:
    """The last day a return for the year ending 31 March ``year`` records: its 31 March, or the
    extract day ``as_at`` when that comes first (an in-year extract)."""
    end = march31(year)
    return end if as_at is None else min(end, as_at)


def sept30(year: int) -> int:
    return dt.date(year, 9, 30).toordinal()


def add_years(day: int, years: int) -> int:
    """The anniversary ``years`` on; 29 February anniversaries fall on 1 March."""
    d = dt.date.fromordinal(day)
    try:
        return d.replace(year=d.year + years).toordinal()
    except ValueError:
        return dt.date(d.year + years, 3, 1).toordinal()


@cache
def uk(day: int) -> str:
    """dd/mm/yyyy, as councils export 903 CSVs."""
    return dt.date.fromordinal(day).strftime("%d/%m/%Y")


@cache
def iso(day: int) -> str:
    return dt.date.fromordinal(day).isoformat()
