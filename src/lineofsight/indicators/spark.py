"""The own-data indicator definitions run on Apache Spark, for a region or a national platform.

The definitions are the same Ibis expressions the DuckDB engine runs (:mod:`.engine`); here Ibis
compiles them to Spark SQL and Spark executes them, locally (``local[*]``) or on a cluster under
``spark-submit``. Only the driver runs Python: the compiled SQL runs in Spark's JVM, so executors
need no Python packages. One file, ``spark.toml`` (docs/spark.md), is what a platform team edits.

Spark is an optional extra (``lineofsight[spark]``) and needs Java 17 or later.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from lineofsight.errors import UserError
from lineofsight.indicators.define import Context
from lineofsight.indicators.frames import (
    PopulationSource,
    periods_frame,
    population_frame,
    span_of,
)
from lineofsight.indicators.own.workdays import calendar_frame
from lineofsight.indicators.plan import check_ids, union_of
from lineofsight.indicators.results import HISTORY_COLUMNS, OUTPUT_COLUMNS, tidy, with_history
from lineofsight.indicators.tables import (
    ANCHORS,
    CALENDAR_DATES,
    DATE,
    FAMILY_TABLES,
    NUM,
    TABLES,
    empty_table,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

CONFIG_ENV = "LINEOFSIGHT_SPARK_CONF"
# A local session's defaults, for one machine: no UI, shuffle partitions as many as the cores,
# and the JVM's quick compiler only (a run is too short for the optimising one to pay back).
# Under spark-submit none of these apply: the cluster's own configuration and spark.toml's [conf]
# do.
LOCAL_DEFAULTS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": str(max(2, os.cpu_count() or 2)),
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
}
# For a council's or a region's rows in memory on a local session: Spark spends far longer
# compiling generated Java than running it on so few rows (a Parquet run keeps code generation).
SMALL = {
    "spark.sql.codegen.wholeStage": "false",
    "spark.sql.codegen.factoryMode": "NO_CODEGEN",
}
# What the definitions need whatever the configuration says: columns such as FTE and a derived
# fte are different names, and dates are calendar dates, never shifted by a local time zone.
REQUIRED = {
    "spark.sql.caseSensitive": "true",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    # pandas writes nanosecond timestamps, which Spark reads only as numbers (typed below)
    "spark.sql.legacy.parquet.nanosAsLong": "true",
}


# -- the session -------------------------------------------------------------------------------


def config_path() -> Path | None:
    """The spark.toml in force: ``$LINEOFSIGHT_SPARK_CONF``, else none (local defaults)."""
    raw = os.environ.get(CONFIG_ENV, "").strip()
    if not raw:
        return None
    path = Path(raw).expanduser()
    if not path.is_file():
        raise UserError(f"{CONFIG_ENV} names {path}, which is not a file.")
    return path


def read_config(path: Path | None) -> dict[str, Any]:
    """``{"master", "app_name", "conf"}`` from spark.toml (every key optional)."""
    if path is None:
        return {"conf": {}}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"{path} is not a readable TOML file: {exc}.") from None
    session = data.get("session", {})
    conf = data.get("conf", {})
    if not isinstance(session, dict) or not isinstance(conf, dict):
        raise UserError(f"{path}: [session] and [conf] must be tables of settings.")
    return {
        "master": session.get("master"),
        "app_name": session.get("app_name"),
        "conf": {str(k): _conf_value(v) for k, v in conf.items()},
    }


def _conf_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def under_spark_submit() -> bool:
    """True when spark-submit (or pyspark's shell) started this process and owns the JVM."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def java_problem() -> str | None:
    """Why a local Spark session cannot start here, or None when Java is available."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return None
    if shutil.which("java"):
        return None
    return "Spark needs Java 17 or later and no java is on PATH (Debian: openjdk-17-jre-headless)"


def session(extra: Mapping[str, str] | None = None) -> SparkSession:
    """The active Spark session, else one built from spark.toml (locally: ``local[*]``).

    ``extra`` settings apply to a new local session, before spark.toml's own."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise UserError(
            "Spark is an optional extra: install it with `pip install 'lineofsight[spark]'` "
            "(or `uv sync --extra spark`); see docs/spark.md."
        ) from None
    active = SparkSession.getActiveSession()
    if active is None:
        conf = read_config(config_path())
        builder = SparkSession.builder.appName(conf.get("app_name") or "lineofsight-indicators")
        if not under_spark_submit():
            problem = java_problem()
            if problem:
                raise UserError(problem + ".")
            builder = builder.master(conf.get("master") or "local[*]")
            for key, value in {**LOCAL_DEFAULTS, **(extra or {})}.items():
                builder = builder.config(key, value)
        for key, value in {**conf["conf"], **REQUIRED}.items():
            builder = builder.config(key, value)
        active = builder.getOrCreate()
        active.sparkContext.setLogLevel("ERROR")
    for key, value in REQUIRED.items():  # a session made elsewhere gets them too
        active.conf.set(key, value)
    return active


# -- computing ---------------------------------------------------------------------------------


def compute_prepared(
    prepared: Mapping[str, pd.DataFrame],
    periods: pd.DataFrame,
    population: PopulationSource | None,
    ids: Sequence[str] | None,
) -> pd.DataFrame:
    """:func:`.engine.compute` after preparation: the typed reader frames, run on Spark."""

    spark = session()
    local = str(spark.sparkContext.master).startswith("local")
    before = {key: spark.conf.get(key, None) for key in SMALL}
    if local:
        for key, value in SMALL.items():
            spark.conf.set(key, value)
    try:
        return _compute_prepared(spark, prepared, periods, population, ids)
    finally:
        for key, old in before.items():
            if old is None:
                spark.conf.unset(key)
            else:
                spark.conf.set(key, old)


def _compute_prepared(
    spark: SparkSession,
    prepared: Mapping[str, pd.DataFrame],
    periods: pd.DataFrame,
    population: PopulationSource | None,
    ids: Sequence[str] | None,
) -> pd.DataFrame:
    import pyarrow as pa

    from lineofsight.indicators.own.history import loaded_years

    present = {name for name, df in prepared.items() if len(df)}
    families = set(periods.family)
    for name in {t for f in families for t in FAMILY_TABLES[f]}:
        frame = prepared.get(name)
        if frame is None:
            frame = empty_table(name)
        _view(spark.createDataFrame(pa.Table.from_pandas(frame, preserve_index=False)), name)
    years = loaded_years(prepared, {f: a for f, (a, _) in ANCHORS.items()})
    result, family_of = _run(spark, present, periods, population, ids)
    return with_history(result, years, family_of)


def compute_parquet(
    tables: Mapping[str, str | Sequence[str]],
    period_end: dt.date | None,
    population: PopulationSource | None,
    ids: Sequence[str] | None,
    today: dt.date | None,
) -> pd.DataFrame:
    """:func:`.engine.compute_parquet` on Spark: Spark reads the Parquet files (paths or globs,
    local or on the cluster's storage) and types them as the DuckDB path does."""
    from pyspark.sql import functions as F

    from lineofsight.indicators.own.history import loaded_years

    check_ids(ids)
    spark = session()
    present: set[str] = set()
    for name, spec in TABLES.items():
        given = tables.get(name)
        files = [given] if isinstance(given, str) else list(given or [])
        raw = _read_parquet(spark, files) if files else None
        df = _typed(spark, raw, spec)
        _view(df, name)
        if raw is not None and df.limit(1).count():
            present.add(name)
    summary: dict[str, pd.DataFrame] = {}
    for anchor, date_col in ANCHORS.values():
        if anchor in present:
            cols = [date_col, *(["CENSUS_END"] if "CENSUS_END" in TABLES[anchor] else [])]
            t = spark.table(anchor)
            agg = t.groupBy("LA", "YEAR").agg(*[F.max(c).alias(c) for c in cols])
            summary[anchor] = agg.toPandas()
    periods = periods_frame(summary, period_end, today)
    if periods.empty:
        return pd.DataFrame(columns=OUTPUT_COLUMNS + HISTORY_COLUMNS)
    result, family_of = _run(spark, present, periods, population, ids)
    years = loaded_years(summary, {f: a for f, (a, _) in ANCHORS.items()})
    return with_history(result, years, family_of)


def _read_parquet(spark: SparkSession, files: Sequence[str]) -> DataFrame | None:
    """The files as one DataFrame (columns merged by name), or None where no file matches."""
    from pyspark.errors import AnalysisException

    try:
        return spark.read.option("mergeSchema", "true").parquet(*map(str, files))
    except AnalysisException as exc:
        if "PATH_NOT_FOUND" in str(exc):
            return None
        raise


def _typed(spark: SparkSession, raw: DataFrame | None, spec: Mapping[str, str]) -> DataFrame:
    """The columns the definitions read, typed as :func:`.tables.prepare_table` types them."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    if raw is None:
        schema = T.StructType([T.StructField("LA", T.StringType())])
        raw = spark.createDataFrame([], schema)
    have = set(raw.columns)
    nanos = {f.name for f in raw.schema.fields if isinstance(f.dataType, T.LongType)}

    def col(name: str) -> Any:
        return F.col(f"`{name}`") if name in have else F.lit(None)

    out = [col("LA").cast("string").alias("LA")]
    for name, kind in spec.items():
        if kind == DATE and name in nanos:  # nanoseconds since 1970, from pandas
            micros = F.floor(col(name) / 1000).cast("bigint")
            out.append(F.timestamp_micros(micros).alias(name))
        elif kind == DATE:
            out.append(col(name).cast("timestamp").alias(name))
        elif kind == NUM:
            out.append(col(name).cast("double").alias(name))
        else:
            text = F.trim(col(name).cast("string"))
            out.append(F.when(text == "", None).otherwise(text).alias(name))
    out.append(F.coalesce(col("YEAR").cast("bigint"), F.lit(0).cast("bigint")).alias("YEAR"))
    return raw.select(*out)


def _view(df: DataFrame, name: str) -> None:
    df.createOrReplaceTempView(name)


def _run(
    spark: SparkSession,
    present: set[str],
    periods: pd.DataFrame,
    population: PopulationSource | None,
    ids: Sequence[str] | None,
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Every definition for ``periods`` over the registered views; one Spark query per family."""
    import ibis
    import pyarrow as pa

    from lineofsight.indicators.own.registry import DEFINITIONS

    families = set(periods.family)
    frames = {"periods": periods, "population": population_frame(periods, population)}
    if "cin" in families:
        frames["calendar"] = calendar_frame(*_calendar_span(spark, present))
    for name, frame in frames.items():
        _view(spark.createDataFrame(pa.Table.from_pandas(frame, preserve_index=False)), name)
    con = ibis.pyspark.connect(spark)
    for key, value in REQUIRED.items():  # connecting resets the time zone to UTC; keep them all
        spark.conf.set(key, value)
    cached: list[Any] = []

    def share(t: Any) -> Any:
        c = t.cache()
        cached.append(c)
        return c

    order = [d.id for d in DEFINITIONS]
    parts = []
    try:
        for family in sorted(families):
            todo = [d for d in DEFINITIONS if d.family == family and (ids is None or d.id in ids)]
            if not todo:
                continue
            ctx = Context(con=con, present=present, share=share)
            sql = con.compile(union_of(ctx, todo))
            parts.append(tidy(spark.sql(sql).toPandas(), order))
    finally:
        for c in cached:
            c.release()
    if not parts:
        return pd.DataFrame(columns=OUTPUT_COLUMNS), {}
    result = tidy(pd.concat(parts, ignore_index=True), order)
    return result, {d.id: d.family for d in DEFINITIONS}


def _calendar_span(spark: SparkSession, present: set[str]) -> tuple[dt.date, dt.date]:
    from pyspark.sql import functions as F

    lows: list[pd.Timestamp] = []
    highs: list[pd.Timestamp] = []
    for name, cols in CALENDAR_DATES.items():
        if name not in present:
            continue
        t = spark.table(name)
        row = t.agg(*[f(c) for c in cols for f in (F.min, F.max)]).collect()[0]
        lows += [pd.Timestamp(x) for x in row[0::2] if x is not None]
        highs += [pd.Timestamp(x) for x in row[1::2] if x is not None]
    return span_of(lows, highs)
