"""CLI: ``lineofsight indicators national FOLDER``, and the reading helpers ``compute`` shares.

The council's own returns are read by :mod:`lineofsight.returns` and computed by the one engine
(:mod:`lineofsight.indicators.engine`). Setting them beside published figures is benchmarking, so
``indicators compute`` lives in :mod:`lineofsight.benchmark.own`, above this layer.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    import pandas as pd


class EngineName(StrEnum):
    duckdb = "duckdb"
    spark = "spark"


def register_national(indicators_app: typer.Typer) -> None:
    """Add ``national`` to the ``indicators`` command group (``compute``, which sets own figures
    beside published ones, is registered by :mod:`lineofsight.benchmark.own`)."""
    indicators_app.command("national")(national_command)


def national_command(
    folder: Annotated[
        str,
        typer.Argument(
            help="Folder (or, on Spark, a storage URI) holding one folder per table of Parquet "
            "files with an LA column, e.g. episodes/*.parquet."
        ),
    ],
    out: Annotated[
        str,
        typer.Option("--out", help="Write the figures here (.csv or .parquet; a URI on Spark)."),
    ],
    engine: Annotated[
        EngineName, typer.Option("--engine", help="Embedded DuckDB, or Spark (docs/spark.md).")
    ] = EngineName.duckdb,
    period_end: Annotated[
        str | None,
        typer.Option("--period-end", help="Also the 12 months ending on this day (YYYY-MM-DD)."),
    ] = None,
) -> None:
    """Every own-data indicator for every council and year in a national (or regional) set.

    The same definitions as ``compute``, over typed Parquet (``bench_returns.py`` builds it from
    ``lineofsight synth --all-las``). Under spark-submit this command runs unchanged on a cluster.
    Figures are for analysts: nothing is suppressed (docs/disclosure.md).
    """
    from lineofsight.errors import UserError
    from lineofsight.indicators.engine import compute_parquet
    from lineofsight.indicators.tables import TABLES

    end = parse_date(period_end) if period_end else None
    remote = "://" in folder
    if not remote and not Path(folder).is_dir():
        raise UserError(f"No such folder: {folder}.")
    base = folder.rstrip("/")
    tables = {
        name: f"{base}/{name}/*.parquet"
        for name in TABLES
        if remote or any((Path(folder) / name).glob("*.parquet"))
    }
    if not tables:
        raise UserError(f"{folder} holds no table folders of Parquet files (e.g. episodes/).")
    result = compute_parquet(tables, period_end=end, engine=engine.value)
    if out.endswith(".parquet"):
        result.to_parquet(out, index=False)
    elif out.endswith(".csv"):
        result.to_csv(out, index=False)
    else:
        raise UserError(f"--out {out}: give a .csv or .parquet file name.")
    councils = result["la"].nunique() if len(result) else 0
    typer.echo(
        f"{len(result):,} figures for {councils} councils written to {out} ({engine.value})."
    )


def parse_date(text: str) -> dt.date:
    from lineofsight.errors import UserError

    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            f"--period-end '{text}' is not a date; give it as YYYY-MM-DD, e.g. 2025-09-30."
        ) from None


def read_tables(paths: list[Path], chosen: list[Path] | None = None) -> dict[str, pd.DataFrame]:
    """Read the files with the returns readers and merge their tables by name (one return per
    collection and year; ``chosen`` names the return to read where there are more)."""
    from lineofsight.errors import UserError
    from lineofsight.returns.load import read_paths

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UserError(f"No such file or folder: {missing[0]}.")
    tables: dict[str, pd.DataFrame] = {}
    for result in read_paths(paths, validate=False, chosen=chosen):  # the tables only
        tables.update(result.tables)
    return tables


def only_period(result: pd.DataFrame, end: dt.date) -> pd.DataFrame:
    """The 12 months ending ``end``, and for workforce the latest census on or before it."""
    from lineofsight.indicators.own.registry import DEFINITIONS

    workforce = {d.id for d in DEFINITIONS if d.family == "workforce"}
    is_wf = result.indicator_id.isin(workforce)
    wf = result[is_wf & (result.period_end <= end)]
    wf = wf[wf.period_end == wf.period_end.max()] if not wf.empty else wf
    import pandas as pd

    out: pd.DataFrame = pd.concat([result[~is_wf & (result.period_end == end)], wf])
    return out.reset_index(drop=True)
