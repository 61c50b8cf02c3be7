"""Helpers for the own-data indicator tests: tiny hand-made tables in the readers' contract shape.

A plain module (not conftest) so test files can import it under a name no other directory uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd

from lineofsight.indicators.engine import compute

LA = "E09000001"
D = dt.date


def frame(columns: str, rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    """A reader-shaped table: text columns as ``string``, ``dd/mm/yyyy`` or date values as dates."""
    names = columns.split()
    df = pd.DataFrame(rows, columns=names)
    for col in names:
        values = df[col]
        if any(isinstance(v, dt.date) for v in values):
            df[col] = pd.to_datetime(values).astype("datetime64[ns]")
        elif col in {"FTE", "FTE30", "Cases30", "WorkingDaysLost", "NumberOfVacancies"}:
            df[col] = pd.to_numeric(values)
        elif col != "YEAR":
            df[col] = values.astype("string")
    df["_file"] = "test.csv"
    df["_row"] = range(1, len(df) + 1)
    return df


Result = dict[tuple[str, dt.date], dict[str, Any]]


def run_own(
    tables: Mapping[str, pd.DataFrame],
    population: Mapping[tuple[str, int], float | None] | None = None,
    period_end: dt.date | None = None,
    la: str | None = LA,
) -> Result:
    """Compute and index the rows by ``(indicator_id, period_end)``."""
    df = compute(tables, la=la, population=population or {}, period_end=period_end)
    return {(r["indicator_id"], r["period_end"]): r for r in df.to_dict("records")}
