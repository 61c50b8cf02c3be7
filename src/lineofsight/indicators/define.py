"""The definition language: what an own-data indicator is, and the helpers its Ibis expression uses.

The definitions in :mod:`lineofsight.indicators.own` import only this module, and the engine
(:mod:`lineofsight.indicators.engine`) imports them to run them, so there is no loop between the
two. Ibis is imported lazily: a run whose SQL is cached does not need it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import ibis
    import ibis.expr.types as ir
    from ibis.backends.sql import SQLBackend
else:

    class _LazyModule:
        """A module imported on first use: the helpers below need Ibis only when compiling, and
        a run with cached SQL should not pay a second to import it."""

        def __init__(self, name: str) -> None:
            self._name = name

        def __getattr__(self, attr: str) -> Any:
            import importlib

            return getattr(importlib.import_module(self._name), attr)

    ibis = _LazyModule("ibis")

Family = Literal["ssda903", "cin", "workforce"]
Kind = Literal["count", "pct", "rate", "ratio"]


@dataclass(frozen=True, slots=True)
class Definition:
    """One indicator: how to count it, over which return, and how to turn counts into a value.

    ``build`` returns a table with ``LA, period_start, period_end, numerator, denominator`` (one
    row per council and period that has any rows); the engine fills periods with no rows as zero.
    ``kind`` decides the value: a count is the numerator; ``pct`` is 100 x numerator / denominator;
    ``rate`` is 10,000 x numerator / population 0-17; ``ratio`` is numerator / denominator.
    """

    id: str
    family: Family
    kind: Kind
    needs: tuple[str, ...]
    build: Callable[[Context], ir.Table]
    doc: str = ""


@dataclass
class Context:
    """What definitions see: the registered tables, the periods and the working-day calendar.

    ``share`` (Spark) turns each named shared sub-expression into a cached table, so the plan
    the engine sends holds it once rather than inlined at every use.
    """

    con: SQLBackend
    present: set[str]
    share: Callable[[ir.Table], ir.Table] | None = None
    _cache: dict[str, ir.Table] = field(default_factory=dict)
    _memo: dict[object, ir.Table] = field(default_factory=dict)

    def once(self, key: object, build: Callable[[], ir.Table]) -> ir.Table:
        """Build a shared sub-expression once per run (fewer nodes for Ibis to compile)."""
        if key not in self._memo:
            built = build()
            if self.share is not None and isinstance(key, str):
                built = self.share(built)
            self._memo[key] = built
        return self._memo[key]

    def table(self, name: str) -> ir.Table:
        """A registered reader table (typed, with ``LA`` and ``YEAR``; ``YEAR`` 0 when unknown)."""
        if name not in self._cache:
            self._cache[name] = self.con.table(name)
        return self._cache[name]

    def periods(self, family: Family) -> ir.Table:
        """``LA, period_start, period_end, label_year, pop_year`` for one family of returns."""
        p = self.table("periods")
        return p.filter(p.family == family).drop("family")

    def with_periods(
        self,
        family: Family,
        t: ir.Table,
        start: ir.DateValue | None = None,
        end: ir.DateValue | None = None,
    ) -> ir.Table:
        """Rows of ``t`` paired with the periods of their council.

        With ``start`` (and ``end``, blank meaning still open), only the periods the row's span
        overlaps: a range join that keeps a national run from pairing every row with every year.
        """
        p = self.periods(family)
        if start is None:
            return t.join(p, "LA")
        preds = [t.LA == p.LA, start <= p.period_end]
        if end is not None:
            preds.append(end.isnull() | (end >= p.period_start))
        else:
            preds.append(start >= p.period_start)
        return t.join(p, preds).drop("LA_right")

    def working_days(self) -> ir.Table:
        """``day, wd_index``: the running count of England-and-Wales working days up to ``day``."""
        cal = self.table("calendar")
        return cal.select(
            "day",
            wd_index=cal.is_workday.sum().over(ibis.cumulative_window(order_by=cal.day)),
        )


# -- helpers shared by the definitions --------------------------------------------------------


def latest(t: ir.Table, keys: Sequence[str]) -> ir.Table:
    """Rows of each key from the latest collection year only.

    Several years' returns repeat an episode, referral or plan that spans them; the latest return
    holds its final dates. A max-per-key join rather than a window: a hash join is far cheaper
    than sorting a national table. (Exact duplicate rows are removed and reported by the readers.)
    """
    m = t.group_by(list(keys)).aggregate(_max_year=t.YEAR.max())
    preds = [t[k] == m[k] for k in keys] + [m._max_year == t.YEAR]
    return t.join(m, preds).select(*t.columns)


def birthday(dob: ir.DateValue, years: int) -> ir.DateValue:
    """The date a child born on ``dob`` reaches ``years``; 29 February birthdays fall on 1 March."""
    shifted = dob + ibis.interval(years=years)
    leapling = (dob.month() == 2) & (dob.day() == 29) & (shifted.day() != 29)
    return ibis.ifelse(leapling, shifted + ibis.interval(days=1), shifted)


def between(col: ir.DateValue, t: ir.Table) -> ir.BooleanValue:
    """``col`` falls in the row's period, both ends included."""
    return (col >= t.period_start) & (col <= t.period_end)


def open_at_end(start: ir.DateValue, end: ir.DateValue, t: ir.Table) -> ir.BooleanValue:
    """Started on or before the period end and not ended by it (an end on the last day is ended)."""
    return (start <= t.period_end) & (end.isnull() | (end > t.period_end))


def truthy(col: ir.Value) -> ir.BooleanValue:
    """A 0/1, true/false or yes/no flag as a boolean (blank is false)."""
    return col.cast("string").lower().strip().isin(["1", "true", "yes", "y"]).fill_null(False)


def working_days_between(
    ctx: Context, t: ir.Table, start: str, end: str, name: str = "wd"
) -> ir.Table:
    """``t`` with ``name`` = working days after ``start`` up to and including ``end``.

    Monday to a Monday a week later is 5. Dates outside the calendar (1990-2040) give null.
    """
    cal = ctx.working_days()
    a = cal.select(_d1="day", _i1="wd_index")
    b = cal.select(_d2="day", _i2="wd_index")
    j = t.left_join(a, t[start] == a._d1).left_join(b, t[end] == b._d2)
    return j.mutate(**{name: j._i2 - j._i1}).drop("_d1", "_i1", "_d2", "_i2")
