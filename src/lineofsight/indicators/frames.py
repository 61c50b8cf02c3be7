"""The small tables every run joins to the reader tables: periods, population and the calendar span.

Every definition is evaluated for every period at once by joining ``periods``; rates divide by the
0-17 ``population`` of each period's year; CIN timeliness counts working days over a calendar that
covers only the years in the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from lineofsight.indicators.own.periods import (
    march_year,
    rolling_12_months,
    september_year,
    year_ending_march,
    year_ending_september,
)
from lineofsight.indicators.own.workdays import FIRST, LAST
from lineofsight.indicators.tables import ANCHORS, CALENDAR_DATES

if TYPE_CHECKING:
    import duckdb

PopulationSource = Mapping[tuple[str, int], float | None] | Callable[[str, int], float | None]


def periods_frame(
    prepared: Mapping[str, pd.DataFrame],
    period_end: dt.date | None,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """The periods to compute for each family and council.

    Years come from ``YEAR`` where the readers set it; otherwise a single-year file is dated by
    its latest anchor date (episode start, referral date, or leaving date, else its census date).
    An in-year extract is computed for the 12 months to the day it runs to, so a November
    extract is never shown as the year to the coming 31 March: a CIN census runs to its
    ReferenceDate (``CENSUS_END``), and a 31 March year still to come by ``today`` (default: the
    real today) runs to its latest anchor date.
    """
    today = today or dt.date.today()
    rows: list[dict[str, object]] = []
    for family, (anchor, date_col) in ANCHORS.items():
        df = prepared.get(anchor)
        if df is None or df.empty:
            continue
        ending = year_ending_september if family == "workforce" else year_ending_march
        labeller = september_year if family == "workforce" else march_year
        for la_code, grp in df.groupby("LA", sort=True):
            years = sorted({int(y) for y in grp.YEAR if y > 0})
            if not years:
                last = grp[date_col].max()
                if pd.isna(last):
                    if period_end is None:
                        continue
                    years = [labeller(period_end)]
                else:
                    years = [labeller(pd.Timestamp(last).date())]
            ends: set[dt.date] = set()
            for year in years:
                start, end = ending(year)
                if family != "workforce":  # a workforce census is taken on its date
                    mine = grp.YEAR.eq(year)
                    stop = _runs_to(grp[mine] if mine.any() else grp, date_col, end, today)
                    if stop < end:
                        start, end = rolling_12_months(stop)
                ends.add(end)
                rows.append(_period(family, str(la_code), start, end, year))
            if period_end is not None and family != "workforce" and period_end not in ends:
                start, end = rolling_12_months(period_end)
                rows.append(_period(family, str(la_code), start, end, march_year(end)))
    frame = pd.DataFrame(
        rows, columns=["family", "LA", "period_start", "period_end", "label_year", "pop_year"]
    )
    for col in ("period_start", "period_end"):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[us]")
    return frame.astype({"label_year": "int64", "pop_year": "int64"})


def _runs_to(rows: pd.DataFrame, date_col: str, end: dt.date, today: dt.date) -> dt.date:
    """The last day a year's rows speak for: the year end, or an earlier census ReferenceDate,
    and for a year not over by ``today`` the latest anchor date up to today."""
    known = rows["CENSUS_END"].max() if "CENSUS_END" in rows else pd.NaT
    stop = end if pd.isna(known) else min(end, pd.Timestamp(known).date())
    if stop <= today:
        return stop
    dates = rows[date_col]
    last = dates[dates <= pd.Timestamp(today)].max()
    return today if pd.isna(last) else pd.Timestamp(last).date()


def _period(family: str, la: str, start: dt.date, end: dt.date, year: int) -> dict[str, object]:
    return {
        "family": family,
        "LA": la,
        "period_start": start,
        "period_end": end,
        "label_year": year,
        "pop_year": march_year(end),
    }


def population_frame(periods: pd.DataFrame, source: PopulationSource | None) -> pd.DataFrame:
    """``LA, pop_year, population`` for each council and year label a rate needs."""
    if source is None:
        from lineofsight.reference.population import population_for_march_year

        source = population_for_march_year
    keys = sorted({(str(a), int(y)) for a, y in zip(periods.LA, periods.pop_year, strict=True)})
    values: list[float | None] = []
    for key in keys:
        raw = source(*key) if callable(source) else source.get(key)
        values.append(None if raw is None or pd.isna(raw) else float(raw))
    return pd.DataFrame(
        {
            "LA": pd.Series([k[0] for k in keys], dtype="string"),
            "pop_year": pd.Series([k[1] for k in keys], dtype="int64"),
            "population": pd.Series(values, dtype="float64"),
        }
    )


def calendar_span(con: duckdb.DuckDBPyConnection, present: set[str]) -> tuple[dt.date, dt.date]:
    """Whole years covering the CIN dates that are counted in working days (within 1990-2040)."""
    lows, highs = [], []
    for name, cols in CALENDAR_DATES.items():
        if name not in present:
            continue
        parts = ", ".join(f'min("{c}"), max("{c}")' for c in cols)
        row = con.execute(f'SELECT {parts} FROM "{name}"').fetchall()[0]  # noqa: S608 - our columns
        lows += [pd.Timestamp(x) for x in row[0::2] if x is not None]
        highs += [pd.Timestamp(x) for x in row[1::2] if x is not None]
    return span_of(lows, highs)


def span_of(lows: Sequence[pd.Timestamp], highs: Sequence[pd.Timestamp]) -> tuple[dt.date, dt.date]:
    """Whole years from the earliest to the latest of the dates, within the calendar."""
    lo = min(lows, default=pd.Timestamp(FIRST))
    hi = max(highs, default=pd.Timestamp(FIRST))
    first = max(FIRST, dt.date(lo.year, 1, 1))
    last = min(LAST, max(first, dt.date(hi.year, 12, 31)))
    return first, last
