"""Compiling the own-data definitions to SQL, and keeping what was compiled.

The SQL of a set of definitions depends only on which tables and families are present (and which
ids were asked for), never on the rows, so it is compiled once per process and kept in the user's
cache folder, keyed by the content of the code that writes it. A run whose SQL is cached executes it
on plain DuckDB without importing Ibis at all. Each plan holds the SQL ("" when no definition
applies), every definition id in catalogue order and each id's family, so a cached run needs neither
Ibis nor the definitions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from lineofsight.errors import UserError
from lineofsight.indicators.define import Context, Definition

if TYPE_CHECKING:
    import duckdb
    import ibis
    import ibis.expr.types as ir
    from ibis.backends.sql import SQLBackend
else:

    class _LazyModule:
        """A module imported on first use: compiling needs Ibis, and a run with cached SQL should
        not pay a second to import it."""

        def __init__(self, name: str) -> None:
            self._name = name

        def __getattr__(self, attr: str) -> Any:
            import importlib

            return getattr(importlib.import_module(self._name), attr)

    ibis = _LazyModule("ibis")

PlanKey = tuple[tuple[str, ...] | None, frozenset[str], frozenset[str]]
Plan = dict[str, Any]
_PLANS: dict[PlanKey, Plan] = {}
# The code whose text decides the SQL: the definitions, their language and tables, and this module.
SOURCES = ("plan.py", "define.py", "tables.py")


def plan_key(present: set[str], families: set[str], ids: Sequence[str] | None) -> PlanKey:
    return (
        None if ids is None else tuple(sorted(set(ids))),
        frozenset(families),
        frozenset(present),
    )


def plan_for(con: duckdb.DuckDBPyConnection, key: PlanKey) -> Plan:
    """The plan for ``key``: from this process, else the user's cache, else compiled on ``con``."""
    if key not in _PLANS:
        _PLANS[key] = _cached_plan(key, lambda: _plan(con, key))
    return _PLANS[key]


def known_families() -> dict[str, str]:
    """Each definition id's family, from the plans this process holds (no Ibis needed)."""
    found: dict[str, str] = {}
    for plan in _PLANS.values():
        found.update(plan.get("families") or {})
    return found


def _plan(con: duckdb.DuckDBPyConnection, key: PlanKey) -> Plan:
    """Compile the definitions that apply to ``key`` with Ibis (the only place Ibis is needed)."""
    from lineofsight.indicators.own.registry import DEFINITIONS

    wanted, families, present = key
    todo = [d for d in DEFINITIONS if (wanted is None or d.id in wanted) and d.family in families]
    sql = _compile(ibis.duckdb.from_connection(con), set(present), todo) if todo else ""
    family_of = {d.id: d.family for d in DEFINITIONS}
    return {"order": [d.id for d in DEFINITIONS], "sql": sql, "families": family_of}


def _compile(con: SQLBackend, present: set[str], todo: Sequence[Definition]) -> str:
    union = union_of(Context(con=con, present=present), todo)
    return str(ibis.to_sql(union, dialect="duckdb"))


def union_of(ctx: Context, todo: Sequence[Definition]) -> ir.Table:
    """Every definition in ``todo`` evaluated for every period, as one table."""
    return ibis.union(*[_evaluate(ctx, d) for d in todo], distinct=False)


def check_ids(ids: Sequence[str] | None) -> None:
    """Refuse ids no definition has, naming them."""
    if ids is not None:
        from lineofsight.indicators.own.registry import DEFINITIONS

        unknown = sorted(set(ids) - {d.id for d in DEFINITIONS})
        if unknown:
            raise UserError(f"Unknown own-data indicator id(s): {', '.join(unknown)}.")


def _cached_plan(key: PlanKey, build: Callable[[], Plan]) -> Plan:
    """The compiled plan from the user's cache, keyed by the definitions' source and Ibis version.

    Compiling is most of a one-off run's time; the SQL holds table names and code lists only,
    never data. A cache that cannot be read or written is simply skipped.
    """
    import hashlib
    import json
    import os
    from importlib.metadata import version
    from pathlib import Path

    here = Path(__file__).parent
    wanted, families, present = key
    digest = hashlib.sha256(
        repr((wanted, sorted(families), sorted(present), version("ibis-framework"))).encode()
    )
    for src in sorted([*(here / name for name in SOURCES), *(here / "own").glob("*.py")]):
        digest.update(src.read_bytes())
    root = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "lineofsight"
    path = root / f"own-plan-{digest.hexdigest()[:32]}.json"
    try:
        cached: Plan = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(cached.get("sql"), str) and isinstance(cached.get("order"), list):
            return cached
    except (OSError, ValueError):
        pass
    plan = build()
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(plan), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass
    return plan


KEYS = ["LA", "period_start", "period_end"]


def _evaluate(ctx: Context, d: Definition) -> ir.Table:
    """One definition as ``indicator_id, LA, period_start, period_end, value, state, num, den``."""
    p = ctx.periods(d.family)
    available = all(n in ctx.present for n in d.needs)
    if available:
        agg = ctx.once(d.build, lambda: d.build(ctx))
        j = p.left_join(agg, KEYS)
        num = j.numerator.cast("float64").fill_null(0.0)
        den = j.denominator.cast("float64")
        if d.kind in ("pct", "ratio"):
            den = den.fill_null(0.0)
        t = j.select(p.LA, p.period_start, p.period_end, p.pop_year, numerator=num, denominator=den)
    else:
        null = ibis.null().cast("float64")
        t = p.select(
            "LA", "period_start", "period_end", "pop_year", numerator=null, denominator=null
        )
    if d.kind == "rate":
        pop = ctx.table("population")
        t = t.left_join(pop, ["LA", "pop_year"]).select(
            "LA", "period_start", "period_end", "numerator", denominator=pop.population
        )
    usable = t.numerator.notnull()
    if d.kind == "count":
        value = t.numerator
        ok = usable
    else:
        ok = usable & t.denominator.notnull() & (t.denominator > 0)
        scale = {"pct": 100.0, "rate": 10_000.0, "ratio": 1.0}[d.kind]
        value = ibis.ifelse(ok, t.numerator * scale / t.denominator, ibis.null().cast("float64"))
    return t.select(
        indicator_id=ibis.literal(d.id),
        LA=t.LA,
        period_start=t.period_start.cast("date"),
        period_end=t.period_end.cast("date"),
        value=value.cast("float64"),
        state=ibis.ifelse(ok, ibis.literal("value"), ibis.literal("x")),
        numerator=t.numerator,
        denominator=t.denominator.cast("float64") if d.kind != "count" else t.denominator,
    )
