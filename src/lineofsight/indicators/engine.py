"""One engine for indicators computed from the council's own child-level returns.

Definitions (in :mod:`lineofsight.indicators.own`) are Ibis expressions, written once and run here on
embedded DuckDB or, with ``engine="spark"``, on Apache Spark (:mod:`lineofsight.indicators.spark`).
The reader tables (:mod:`.tables`) are registered once per run, every definition is evaluated for
every period in the data by joining a small periods table (:mod:`.frames`), so an indicator for ten
years and 153 councils is one expression, and all indicators are unioned and executed in a single
round trip, from SQL compiled once and cached (:mod:`.plan`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal

import pandas as pd

from lineofsight.indicators.frames import (
    PopulationSource,
    calendar_span,
    periods_frame,
    population_frame,
)
from lineofsight.indicators.own.history import loaded_years
from lineofsight.indicators.own.workdays import calendar_frame
from lineofsight.indicators.plan import check_ids, plan_for, plan_key
from lineofsight.indicators.results import (
    HISTORY_COLUMNS,
    OUTPUT_COLUMNS,
    in_order,
    tidy,
    with_history,
)
from lineofsight.indicators.tables import (
    ANCHORS,
    FAMILY_TABLES,
    TABLES,
    empty_table,
    prepare_table,
    typed_select,
)

if TYPE_CHECKING:
    import duckdb

Engine = Literal["duckdb", "spark"]
ENGINES: tuple[Engine, ...] = ("duckdb", "spark")


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
        _register(con, name, frame if frame is not None else empty_table(name))
    years = loaded_years(prepared, {f: a for f, (a, _) in ANCHORS.items()})
    del prepared  # the Arrow copies registered above are what DuckDB reads
    _register(con, "periods", periods)
    if "cin" in families:  # only the CIN timeliness indicators count working days
        _register(con, "calendar", calendar_frame(*calendar_span(con, present)))
    _register(con, "population", population_frame(periods, population))
    return with_history(run_registered(con, present, families, ids), years)


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
            _register(con, name, empty_table(name))
            continue
        listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        source = f"read_parquet([{listed}], union_by_name = true)"
        sql = f"DESCRIBE SELECT * FROM {source}"  # noqa: S608 - paths quoted as SQL strings
        have = {r[0] for r in con.execute(sql).fetchall()}
        con.execute(f'CREATE {kind} "{name}" AS SELECT {typed_select(spec, have)} FROM {source}')  # noqa: S608 - names from TABLES, paths quoted
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
    result = in_order(
        result, plan_for(con, plan_key(present, {next(iter(families))}, ids))["order"]
    )
    return with_history(result, loaded_years(summary, {f: a for f, (a, _) in ANCHORS.items()}))


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
    plan = plan_for(con, plan_key(present, families, ids))
    if not plan["sql"]:
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    # execute, not sql: a relation would bind the 160 KB query once more before running it.
    return tidy(con.execute(plan["sql"]).df(), plan["order"])


def _register(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """Expose a table to DuckDB as a view over Arrow memory.

    Converted once to Arrow: DuckDB scans Arrow columns in parallel without copying, whereas
    Python-object string columns are converted row by row on every scan.
    """
    import pyarrow as pa

    con.register(name, pa.Table.from_pandas(frame, preserve_index=False))
