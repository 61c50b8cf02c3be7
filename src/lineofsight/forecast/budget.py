"""The own-903 forecast's cost over one financial year, for setting against the council's budget.

Why: the attention list asks whether the children the council will look after fit next year's
budget (:func:`lineofsight.finance.attention.above_budget`); this picks the year's months out of a
forecast. The 80% interval of a year's cost is only known when the year starts with the forecast
(the simulations' cost to date); otherwise the year is given without one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lineofsight.forecast.own import Forecast


@dataclass(frozen=True)
class YearCost:
    financial_year: str
    cost: float
    low80: float | None
    high80: float | None
    children: float  # in care at the year's last month end (base forecast)
    month_end: dt.date


def year_cost(f: Forecast, financial_year: str) -> YearCost | None:
    """The base forecast's cost over April to March of ``financial_year`` ('2026-27'), or None
    when the forecast does not cover all twelve months."""
    try:
        first = int(financial_year[:4])
    except ValueError:
        return None
    start, end = dt.date(first, 4, 1), dt.date(first + 1, 3, 31)
    idx = [i for i, m in enumerate(f.base.months) if start <= m <= end]
    if len(idx) != 12:
        return None
    cost = float(f.base.cost[idx].sum())
    low = high = None
    cum = f.quantiles.get("cost_to_date")
    if idx[0] == 0 and cum is not None and 80 in cum:
        low, high = float(cum[80][0][idx[-1]]), float(cum[80][1][idx[-1]])
    last = idx[-1]
    return YearCost(
        financial_year, cost, low, high, float(f.base.closing[last].sum()), f.base.months[last]
    )
