"""Regional benchmarking of own data: members' latest own figures side by side (docs/regions.md).

Pure: it takes each sharing member's own-data rows (the engine's output columns) and returns the
table the regional page, the CLI and the regional pack show. Every figure goes through disclosure
control here (``indicators/own/disclosure.suppress``), whoever reads it: a region is beyond the
council's analysts. The regional median is taken over the figures shown, never over a suppressed
one, and only when at least three members' figures go into it, so that a member who sees only
its own figure cannot work another's back from the median.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

import pandas as pd

from lineofsight.errors import UserError
from lineofsight.indicators.meta import IndicatorMeta, lookup_indicator
from lineofsight.indicators.own.disclosure import suppress
from lineofsight.values import State, Value

MIN_FOR_MEDIAN = 3


@dataclass(frozen=True)
class Member:
    """A sharing member's own figures: the engine's rows from its current publication."""

    la_code: str
    name: str
    rows: pd.DataFrame


@dataclass(frozen=True)
class Cell:
    """One member's latest own figure for an indicator, after disclosure control."""

    value: Value
    period_start: dt.date | None
    period_end: dt.date | None


@dataclass(frozen=True)
class Row:
    """One indicator across the region."""

    indicator: IndicatorMeta
    cells: dict[str, Cell]  # by member E-code
    median: float | None  # regional median of the members' figures shown (None under 3)
    published: dict[str, Value]  # each member's last published figure
    published_year: str | None


@dataclass(frozen=True)
class RegionalTable:
    members: list[tuple[str, str]]  # (E-code, name), in the order given
    runs_to: dict[str, dt.date | None]  # the latest period end in each member's figures
    rows: list[Row]


def _date(x: object) -> dt.date | None:
    if x is None or pd.isna(x):  # type: ignore[call-overload]
        return None
    return pd.Timestamp(x).date()  # type: ignore[arg-type]


def latest_cells(rows: pd.DataFrame) -> dict[str, Cell]:
    """Each indicator's latest period, suppressed (docs/disclosure.md)."""
    if rows.empty:
        return {}
    frame = rows.sort_values(["indicator_id", "period_end", "period_start"])
    latest = suppress(frame.groupby("indicator_id", sort=False).tail(1))
    out: dict[str, Cell] = {}
    for rec in latest.to_dict("records"):
        try:
            state = State(str(rec["state"]))
        except ValueError:
            state = State.NOT_AVAILABLE
        number = rec["value"]
        ok = state is State.VALUE and number is not None and not pd.isna(number)
        value = Value(float(number), State.VALUE) if ok else Value(None, _no_value(state))
        out[str(rec["indicator_id"])] = Cell(
            value, _date(rec["period_start"]), _date(rec["period_end"])
        )
    return out


def _no_value(state: State) -> State:
    return State.NOT_AVAILABLE if state is State.VALUE else state


def _published(la_code: str, indicator_id: str) -> tuple[Value, str | None]:
    from lineofsight.benchmark.engine import get_benchmark

    bench = get_benchmark()
    try:
        year = bench.pick_year(indicator_id, None)
        if year is None:
            return Value.missing(), None
        return bench.panel(indicator_id).cell(la_code, year), year
    except (KeyError, UserError):
        return Value.missing(), None


def regional_table(members: Sequence[Member], *, published: bool = True) -> RegionalTable:
    """The side-by-side table for these members (already only those whose figures may be shown)."""
    cells = {m.la_code: latest_cells(m.rows) for m in members}
    ids: list[str] = sorted({i for c in cells.values() for i in c})
    rows = []
    for indicator_id in ids:
        try:
            meta = lookup_indicator(indicator_id)
        except UserError:
            continue  # an own id with no published counterpart has no title to show
        by_member = {code: c[indicator_id] for code, c in cells.items() if indicator_id in c}
        shown = [
            c.value.number for c in by_member.values() if c.value.ok and c.value.number is not None
        ]
        pub: dict[str, Value] = {}
        year = None
        if published:
            for m in members:
                pub[m.la_code], y = _published(m.la_code, indicator_id)
                year = year or y
        rows.append(
            Row(
                indicator=meta,
                cells=by_member,
                median=float(median(shown)) if len(shown) >= MIN_FOR_MEDIAN else None,
                published=pub,
                published_year=year,
            )
        )
    runs_to = {
        code: max((c.period_end for c in cs.values() if c.period_end), default=None)
        for code, cs in cells.items()
    }
    return RegionalTable([(m.la_code, m.name) for m in members], runs_to, rows)
