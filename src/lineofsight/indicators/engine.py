"""One engine for indicators computed from the council's own child-level returns.

Definitions (in :mod:`lineofsight.indicators.own`) are Ibis expressions, written once and run here on
embedded DuckDB or, with ``engine="spark"``, on Apache Spark (:mod:`lineofsight.indicators.spark`).
The reader tables are registered once per run, every definition is evaluated for every period by
joining a small periods table (so an indicator for ten years and 153 councils is one expression),
and all indicators are unioned and executed in a single round trip.

Ibis is needed only to compile the definitions to SQL. The SQL depends on which tables and families
are present, never on the rows, so it is cached (in the process and in the user's cache folder) and
a run whose SQL is cached executes it on plain DuckDB without importing Ibis at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from lineofsight.errors import UserError
from lineofsight.indicators.define import Context as Context  # re-exported for indicators.spark
from lineofsight.indicators.define import Definition, Family
from lineofsight.indicators.own.periods import (
    march_year,
    rolling_12_months,
    september_year,
    year_ending_march,
    year_ending_september,
)
from lineofsight.indicators.own.workdays import FIRST, LAST, calendar_frame

if TYPE_CHECKING:
    import duckdb
    import ibis
    import ibis.expr.types as ir
    from ibis.backends.sql import SQLBackend
else:

    class _LazyModule:
        """A module imported on first use: the definitions' helpers below need Ibis only when
        compiling, and a run with cached SQL should not pay a second to import it."""

        def __init__(self, name: str) -> None:
            self._name = name

        def __getattr__(self, attr: str) -> Any:
            import importlib

            return getattr(importlib.import_module(self._name), attr)

    ibis = _LazyModule("ibis")

Engine = Literal["duckdb", "spark"]
ENGINES: tuple[Engine, ...] = ("duckdb", "spark")
PopulationSource = Mapping[tuple[str, int], float | None] | Callable[[str, int], float | None]

OUTPUT_COLUMNS = [
    "indicator_id",
    "la",
    "period_start",
    "period_end",
    "value",
    "state",
    "numerator",
    "denominator",
]
# added to compute()'s result after the SQL runs: the returns each figure rests on, any note
HISTORY_COLUMNS = ["returns", "note"]

# The columns each definition reads, by table, and how the engine types them. Other reader columns
# (``_file``, ``_row``, the rest of the specification) are not needed for indicators and stay out.
DATE, TEXT, NUM = "date", "text", "num"
TABLES: dict[str, dict[str, str]] = {
    "header": {"CHILD": TEXT, "DOB": DATE},
    "episodes": {
        "CHILD": TEXT,
        "DECOM": DATE,
        "RNE": TEXT,
        "LS": TEXT,
        "PLACE": TEXT,
        "DEC": DATE,
        "REC": TEXT,
    },
    "oc3": {"CHILD": TEXT, "DOB": DATE, "IN_TOUCH": TEXT, "ACTIV": TEXT, "ACCOM": TEXT},
    "missing": {"CHILD": TEXT, "MISSING": TEXT, "MIS_START": DATE},
    "uasc": {"CHILD": TEXT, "DUC": DATE},
    "sw_episodes": {"CHILD": TEXT, "SW_ID": TEXT, "SW_DECOM": DATE, "SW_DEC": DATE},
    "cin_details": {
        "LAchildID": TEXT,
        "CINreferralDate": DATE,
        "CINclosureDate": DATE,
        "ReferralNFA": TEXT,
        "ReasonForClosure": TEXT,
        "CENSUS_END": DATE,  # the census's ReferenceDate when it is an in-year extract
    },
    "assessments": {
        "LAchildID": TEXT,
        "AssessmentActualStartDate": DATE,
        "AssessmentAuthorisationDate": DATE,
    },
    "section47": {
        "LAchildID": TEXT,
        "S47ActualStartDate": DATE,
        "DateOfInitialCPC": DATE,
        "ICPCnotRequired": TEXT,
    },
    "cp_plans": {
        "LAchildID": TEXT,
        "CPPstartDate": DATE,
        "CPPendDate": DATE,
        "NumberOfPreviousCPP": NUM,
    },
    "workers": {
        "AgencyWorker": TEXT,
        "FTE": NUM,
        "FTE30": NUM,
        "Cases30": NUM,
        "WorkingDaysLost": NUM,
        "RoleEndDate": DATE,
    },
    "la_level": {"NumberOfVacancies": NUM},
}
# The table that must be present for a family's periods to exist, and the date that dates a
# single-year file when the readers give no ``YEAR``.
ANCHORS: dict[Family, tuple[str, str]] = {
    "ssda903": ("episodes", "DECOM"),
    "cin": ("cin_details", "CINreferralDate"),
    "workforce": ("workers", "RoleEndDate"),
}
CALENDAR_DATES = {
    "assessments": ("AssessmentActualStartDate", "AssessmentAuthorisationDate"),
    "section47": ("S47ActualStartDate", "DateOfInitialCPC"),
}
FAMILY_TABLES: dict[Family, tuple[str, ...]] = {
    "ssda903": ("header", "episodes", "oc3", "missing", "uasc", "sw_episodes"),
    "cin": ("cin_details", "assessments", "section47", "cp_plans"),
    "workforce": ("workers", "la_level"),
}


# The SQL of a set of definitions depends only on which tables and families are present (and which
# ids were asked for), not on their rows, so a process that computes repeatedly (the web service, a
# national run) compiles it once. Each plan is the compiled SQL ("" when no definition applies) and
# every definition id in catalogue order, so a cached run needs neither Ibis nor the definitions.
PlanKey = tuple[tuple[str, ...] | None, frozenset[str], frozenset[str]]
_SQL: dict[PlanKey, dict[str, Any]] = {}


# -- public API -------------------------------------------------------------------------------


def compute(
    tables: Mapping[str, pd.DataFrame],
    *,
    la: str | None = None,
    period_end: dt.date | None = None,
    population: PopulationSource | None = None,
    ids: Sequence[str] | None = None,
    today: dt.date | None = None,
    engine: Engine = "duckdb",
) -> pd.DataFrame:
    """Every own-data indicator for every period in the data, in one DuckDB round trip.

    ``tables`` are the reader DataFrames by table name (see docs/architecture.md); an ``LA``
    column is added from ``la`` where absent (national sets carry their own). Periods are each
    year in the data (31 March; 30 September for workforce) plus, with ``period_end``, the 12
    months ending that day for the SSDA903 and CIN indicators. ``population(la, year)`` gives the
    0-17 population for the year label of a period end (default: the bundled ONS estimates).
    An in-year extract covers the 12 months to the day it runs to (see :func:`periods_frame`).
    ``engine="spark"`` runs the same definitions on a Spark session (docs/spark.md).
    """
    check_ids(ids)
    prepared = {name: prepare_table(name, df, la) for name, df in tables.items() if name in TABLES}
    periods = periods_frame(prepared, period_end, today)
    if periods.empty:
        return pd.DataFrame(columns=OUTPUT_COLUMNS + HISTORY_COLUMNS)
    if engine == "spark":
        from lineofsight.indicators import spark

        return spark.compute_prepared(prepared, periods, population, ids)
    import duckdb

    con = duckdb.connect()
    # A table with no rows is treated as not supplied: the readers return every table, empty when
    # its file was not given, and a figure over an absent file is "not available", not zero.
    present = {name for name, df in prepared.items() if len(df)}
    families = set(periods.family)
    for name in {t for f in families for t in FAMILY_TABLES[f]}:
        frame = prepared.get(name)
        _register(con, name, frame if frame is not None else _empty(name))
    from lineofsight.indicators.own.history import loaded_years

    years = loaded_years(prepared, {f: a for f, (a, _) in ANCHORS.items()})
    del prepared  # the Arrow copies registered above are what DuckDB reads
    _register(con, "periods", periods)
    if "cin" in families:  # only the CIN timeliness indicators count working days
        _register(con, "calendar", calendar_frame(*calendar_span(con, present)))
    _register(con, "population", population_frame(periods, population))
    return _with_history(run_registered(con, present, families, ids), years)


def check_ids(ids: Sequence[str] | None) -> None:
    """Refuse ids no definition has, naming them."""
    if ids is not None:
        from lineofsight.indicators.own.registry import DEFINITIONS

        unknown = sorted(set(ids) - {d.id for d in DEFINITIONS})
        if unknown:
            raise UserError(f"Unknown own-data indicator id(s): {', '.join(unknown)}.")


def _with_history(
    result: pd.DataFrame,
    years: Mapping[tuple[str, str], Sequence[int]],
    families: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Each figure with the returns it rests on and any history note (see ``own.history``).

    The indicators' families come from a compiled plan, so a cached run still needs no Ibis.
    """
    from lineofsight.indicators.own.history import annotate

    if families is None:
        found: dict[str, str] = {}
        for plan in _SQL.values():
            found.update(plan.get("families") or {})
        families = found
    return annotate(result, years, families)


def compute_parquet(
    tables: Mapping[str, str | Sequence[str]],
    *,
    period_end: dt.date | None = None,
    population: PopulationSource | None = None,
    ids: Sequence[str] | None = None,
    memory_limit: str | None = None,
    materialise: bool = False,
    today: dt.date | None = None,
    engine: Engine = "duckdb",
) -> pd.DataFrame:
    """:func:`compute` over Parquet files read by DuckDB itself: the national-scale path.

    ``tables`` maps a table name to Parquet paths or globs holding typed reader output (dates as
    timestamps) with an ``LA`` column. No table passes through pandas: each is a typed view over
    the files, so DuckDB streams them and every council and year is computed at once by the same
    compiled definitions as :func:`compute`. ``memory_limit`` (e.g. ``"3GB"``) caps DuckDB's own
    memory; past it, joins and sorts spill to a temporary folder. ``materialise`` decodes the files
    once into DuckDB's own storage first rather than reading them through views for each
    definition. ``engine="spark"`` has Spark read the files instead (``memory_limit`` and
    ``materialise`` are DuckDB's; Spark's memory is set in its configuration, docs/spark.md).
    """
    import os
    import tempfile

    if engine == "spark":
        from lineofsight.indicators import spark

        return spark.compute_parquet(tables, period_end, population, ids, today)

    import duckdb

    with tempfile.TemporaryDirectory(prefix="lineofsight-") as tmp:
        # An on-disk working database, so that (materialised) tables and large joins can page
        # out under ``memory_limit`` instead of growing the process. Views were as fast as
        # materialised tables on the national set (CPU time within noise), so they are the default.
        con = duckdb.connect(os.path.join(tmp, "work.duckdb"))
        try:
            con.execute(f"SET temp_directory = '{os.path.join(tmp, 'spill')}'")
            if memory_limit:
                con.execute(f"SET memory_limit = '{memory_limit}'")
            return _compute_in(con, tables, period_end, population, ids, materialise, today)
        finally:
            con.close()


def _compute_in(
    con: duckdb.DuckDBPyConnection,
    tables: Mapping[str, str | Sequence[str]],
    period_end: dt.date | None,
    population: PopulationSource | None,
    ids: Sequence[str] | None,
    materialise: bool,
    today: dt.date | None,
) -> pd.DataFrame:
    present: set[str] = set()
    kind = "TABLE" if materialise else "VIEW"
    for name, spec in TABLES.items():
        files = [tables[name]] if isinstance(tables.get(name), str) else list(tables.get(name, []))
        if not files:
            _register(con, name, _empty(name))
            continue
        listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        source = f"read_parquet([{listed}], union_by_name = true)"
        sql = f"DESCRIBE SELECT * FROM {source}"  # noqa: S608 - paths quoted as SQL strings
        have = {r[0] for r in con.execute(sql).fetchall()}
        con.execute(f'CREATE {kind} "{name}" AS SELECT {_typed(spec, have)} FROM {source}')  # noqa: S608 - names from TABLES, paths quoted
        one = f'SELECT count(*) FROM (SELECT 1 FROM "{name}" LIMIT 1)'  # noqa: S608 - a TABLES name
        if con.execute(one).fetchall()[0][0]:
            present.add(name)
    summary = {}
    for anchor, date_col in ANCHORS.values():
        if anchor in present:
            cols = [date_col, *(["CENSUS_END"] if "CENSUS_END" in TABLES[anchor] else [])]
            maxes = ", ".join(f'max("{c}") AS "{c}"' for c in cols)
            q = f'SELECT "LA", "YEAR", {maxes} FROM "{anchor}" GROUP BY 1, 2'  # noqa: S608 - our columns
            summary[anchor] = con.sql(q).df()
    periods = periods_frame(summary, period_end, today)
    if periods.empty:
        return pd.DataFrame(columns=OUTPUT_COLUMNS + HISTORY_COLUMNS)
    families = set(periods.family)
    _register(con, "periods", periods)
    if "cin" in families:
        _register(con, "calendar", calendar_frame(*calendar_span(con, present)))
    _register(con, "population", population_frame(periods, population))
    # One query per family of returns rather than one for all: a query holds every shared
    # intermediate it builds until it ends, so three smaller ones need far less memory at once.
    parts = [run_registered(con, present, {f}, ids) for f in sorted(families)]
    result = pd.concat([p for p in parts if len(p)] or parts[:1], ignore_index=True)
    result = _in_order(result, _SQL[_plan_key(present, {next(iter(families))}, ids)]["order"])
    from lineofsight.indicators.own.history import loaded_years

    return _with_history(result, loaded_years(summary, {f: a for f, (a, _) in ANCHORS.items()}))


def _typed(spec: Mapping[str, str], have: set[str]) -> str:
    """The select list typing Parquet columns as :func:`prepare_table` types DataFrames."""
    cols = ['CAST("LA" AS VARCHAR) AS "LA"']
    for col, kind in spec.items():
        ref = f'"{col}"' if col in have else "NULL"
        if kind == DATE:
            cols.append(f'TRY_CAST({ref} AS TIMESTAMP) AS "{col}"')
        elif kind == NUM:
            cols.append(f'TRY_CAST({ref} AS DOUBLE) AS "{col}"')
        else:
            cols.append(f"NULLIF(TRIM(CAST({ref} AS VARCHAR)), '') AS \"{col}\"")
    year = '"YEAR"' if "YEAR" in have else "NULL"
    cols.append(f'COALESCE(TRY_CAST({year} AS BIGINT), 0) AS "YEAR"')
    return ", ".join(cols)


def run_registered(
    con: duckdb.DuckDBPyConnection,
    present: set[str],
    families: set[str],
    ids: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Run every definition of ``families`` on tables already registered in ``con``.

    The tables are those :func:`compute` registers (each of :data:`TABLES` typed as
    :func:`prepare_table` gives, plus ``periods``, ``population`` and, for CIN, ``calendar``), as
    views or tables; a national run registers Parquet files straight from disk. ``present`` names
    the tables with rows. The result is :data:`OUTPUT_COLUMNS`, one row per indicator, council
    and period.
    """
    con.execute("SET preserve_insertion_order = false")  # lets DuckDB stream large joins
    key = _plan_key(present, families, ids)
    if key not in _SQL:
        _SQL[key] = _cached_plan(key, lambda: _plan(con, key))
    plan = _SQL[key]
    if not plan["sql"]:
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    # execute, not sql: a relation would bind the 160 KB query once more before running it.
    return tidy(con.execute(plan["sql"]).df(), plan["order"])


def tidy(raw: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """An engine's rows as :data:`OUTPUT_COLUMNS`, typed alike whichever engine ran them."""
    result = raw.rename(columns={"LA": "la"})[OUTPUT_COLUMNS]
    for col in ("period_start", "period_end"):
        result[col] = pd.to_datetime(result[col]).dt.date
    for col in ("value", "numerator", "denominator"):
        result[col] = result[col].astype("float64")
    return _in_order(result, order)


def _plan_key(present: set[str], families: set[str], ids: Sequence[str] | None) -> PlanKey:
    return (
        None if ids is None else tuple(sorted(set(ids))),
        frozenset(families),
        frozenset(present),
    )


def _in_order(result: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Rows in catalogue order of indicator, then by council and period."""
    order = {id_: i for i, id_ in enumerate(ids)}
    result = result.assign(_order=result.indicator_id.map(order))
    result = result.sort_values(["_order", "la", "period_end", "period_start"])
    return result.drop(columns="_order").reset_index(drop=True)


def _register(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """Expose a table to DuckDB as a view over Arrow memory.

    Converted once to Arrow: DuckDB scans Arrow columns in parallel without copying, whereas
    Python-object string columns are converted row by row on every scan.
    """
    import pyarrow as pa

    con.register(name, pa.Table.from_pandas(frame, preserve_index=False))


def _plan(con: duckdb.DuckDBPyConnection, key: PlanKey) -> dict[str, Any]:
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


def _cached_plan(key: PlanKey, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
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
    for src in sorted([here / "engine.py", here / "define.py", *(here / "own").glob("*.py")]):
        digest.update(src.read_bytes())
    root = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "lineofsight"
    path = root / f"own-plan-{digest.hexdigest()[:32]}.json"
    try:
        cached: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
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


# -- preparation ------------------------------------------------------------------------------


def prepare_table(name: str, df: pd.DataFrame, la: str | None) -> pd.DataFrame:
    """The columns a table's definitions read, typed, with ``LA`` and an integer ``YEAR``."""
    spec = TABLES[name]
    out = pd.DataFrame(index=df.index)
    if "LA" in df.columns:
        out["LA"] = df["LA"].astype("string")
    elif la is not None:
        out["LA"] = pd.Series(la, index=df.index, dtype="string")
    else:
        raise UserError(f"Table '{name}' has no LA column; say which council it is with --la.")
    for col, kind in spec.items():
        raw = df[col] if col in df.columns else pd.Series(pd.NA, index=df.index, dtype="object")
        if kind == DATE:
            out[col] = pd.to_datetime(raw, errors="coerce", dayfirst=True).astype("datetime64[us]")
        elif kind == NUM:
            out[col] = pd.to_numeric(raw, errors="coerce").astype("float64")
        else:
            text = raw.astype("string").str.strip()
            out[col] = text.mask(text == "")
    year = df["YEAR"] if "YEAR" in df.columns else pd.Series(0, index=df.index)
    out["YEAR"] = pd.to_numeric(year, errors="coerce").fillna(0).astype("int64")
    return out.reset_index(drop=True)


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


def _empty(name: str) -> pd.DataFrame:
    return prepare_table(name, pd.DataFrame({"LA": pd.Series([], dtype="string")}), None)


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


# -- evaluation -------------------------------------------------------------------------------

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
