"""The shape of an engine's result, whichever engine ran it: columns, order, types and history.

DuckDB and Spark both hand their rows to :func:`tidy`, so a figure is typed and ordered the same
way on either, and :func:`with_history` adds the returns each figure rests on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from lineofsight.indicators.own.history import annotate
from lineofsight.indicators.plan import known_families

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


def tidy(raw: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """An engine's rows as :data:`OUTPUT_COLUMNS`, typed alike whichever engine ran them."""
    result = raw.rename(columns={"LA": "la"})[OUTPUT_COLUMNS]
    for col in ("period_start", "period_end"):
        result[col] = pd.to_datetime(result[col]).dt.date
    for col in ("value", "numerator", "denominator"):
        result[col] = result[col].astype("float64")
    return in_order(result, order)


def in_order(result: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Rows in catalogue order of indicator, then by council and period."""
    order = {id_: i for i, id_ in enumerate(ids)}
    result = result.assign(_order=result.indicator_id.map(order))
    result = result.sort_values(["_order", "la", "period_end", "period_start"])
    return result.drop(columns="_order").reset_index(drop=True)


def with_history(
    result: pd.DataFrame,
    years: Mapping[tuple[str, str], Sequence[int]],
    families: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Each figure with the returns it rests on and any history note (see ``own.history``).

    The indicators' families come from a compiled plan, so a cached run still needs no Ibis.
    """
    return annotate(result, years, known_families() if families is None else families)
