"""Every own-data indicator gives the same figures on Spark as on DuckDB, for the same councils.

Two small synthetic councils (``lineofsight synth``: never real children), two years each, with
a rolling period too, are computed on embedded DuckDB and on a local PySpark session; every
figure, numerator and denominator must agree (rates and percentages within floating-point
tolerance). One Spark session serves the module; all its tests share one xdist worker.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from lineofsight.indicators.engine import compute, compute_parquet
from lineofsight.indicators.spark import SMALL
from lineofsight.indicators.tables import TABLES

pytestmark = [
    pytest.mark.xdist_group("spark"),
    pytest.mark.skipif(
        importlib.util.find_spec("pyspark") is None,
        reason="pyspark is not installed: `uv sync --extra spark` (scripts/test.sh does)",
    ),
]

COUNCILS = ("E06000017", "E09000001")  # Rutland, City of London: the smallest, so fast
PERIOD_END = dt.date(2025, 1, 31)
# a few rows: one shuffle partition, no broadcast jobs, no re-planning, no code generation
FAST = {
    **SMALL,
    "spark.sql.shuffle.partitions": "1",
    "spark.sql.autoBroadcastJoinThreshold": "-1",
    "spark.sql.adaptive.enabled": "false",
}
KEYS = ["indicator_id", "la", "period_start", "period_end"]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from lineofsight.indicators import spark as engine

    problem = engine.java_problem()
    if problem:
        pytest.skip(problem)
    with pytest.MonkeyPatch.context() as mp:  # always a local session, whatever the machine says
        mp.delenv(engine.CONFIG_ENV, raising=False)
        session = engine.session({"spark.master": "local[2]", **FAST})
    for key, value in FAST.items():
        session.conf.set(key, value)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def councils(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    """The synthetic returns of both councils in the reader shape, each row with its ``LA``."""
    from lineofsight.reference.las import resolve
    from lineofsight.returns.load import read_paths
    from lineofsight.synth.generate import generate

    out = tmp_path_factory.mktemp("synth")
    parts: dict[str, list[pd.DataFrame]] = {}
    for code in COUNCILS:
        generate(resolve(code), out, 2024, 2025, seed=7, fault_rate=0.0)
        for result in read_paths([out / code], validate=False):
            for name, df in result.tables.items():
                if name in TABLES and len(df):
                    parts.setdefault(name, []).append(df.assign(LA=code))
    return {name: pd.concat(dfs, ignore_index=True) for name, dfs in parts.items()}


def _assert_same(duck: pd.DataFrame, spark: pd.DataFrame) -> None:
    assert list(spark.columns) == list(duck.columns)
    assert len(spark) == len(duck)
    pd.testing.assert_frame_equal(
        spark.drop(columns=["value", "numerator", "denominator"]),
        duck.drop(columns=["value", "numerator", "denominator"]),
    )
    for col in ("value", "numerator", "denominator"):
        a, b = duck[col].to_numpy(), spark[col].to_numpy()
        same = np.isclose(a, b, rtol=1e-9, atol=0.0, equal_nan=True)
        assert same.all(), duck.loc[~same, KEYS].assign(duckdb=a[~same], spark=b[~same])


def test_every_indicator_is_the_same_on_spark(
    spark: Any, councils: dict[str, pd.DataFrame]
) -> None:
    from lineofsight.indicators.own.registry import DEFINITIONS

    duck = compute(councils, period_end=PERIOD_END)
    on_spark = compute(councils, period_end=PERIOD_END, engine="spark")
    _assert_same(duck, on_spark)
    # every definition was computed, for both councils, and most have figures
    assert set(duck.indicator_id) == {d.id for d in DEFINITIONS}
    assert set(duck.la) == set(COUNCILS)
    assert duck.value.notna().mean() > 0.6


def test_the_parquet_path_is_the_same_on_spark(
    spark: Any, councils: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    """The national path: each engine reads the same Parquet files itself (a few indicators of
    each family, to keep the test short; the first test covers every definition)."""
    files = {}
    for name, df in councils.items():
        keep = df[[c for c in [*TABLES[name], "YEAR", "LA"] if c in df.columns]]
        (tmp_path / name).mkdir()
        for la, part in keep.groupby("LA"):
            part.to_parquet(tmp_path / name / f"{la}.parquet", index=False)
        files[name] = str(tmp_path / name / "*.parquet")
    ids = [
        "cla_count",
        "cla_rate_per_10k",
        "cin_count",
        "assessments_45wd_pct",
        "sw_agency_rate_pct",
    ]
    duck = compute_parquet(files, ids=ids, period_end=PERIOD_END)
    on_spark = compute_parquet(files, ids=ids, period_end=PERIOD_END, engine="spark")
    assert set(duck.indicator_id) == set(ids)
    _assert_same(duck, on_spark)
