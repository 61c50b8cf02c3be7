"""The material finance judgements for the attention list (the overview and the governance record
read them): a service, so neither imports the finance page."""

from __future__ import annotations

from typing import Any

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.errors import UserError


def finance_attention(la_code: str) -> list[Any]:
    """The material finance judgements for the attention list, once monitoring is loaded: a
    forecast overspend, and the own-903 forecast's cost of children in care above the children
    looked after budget (when the Forecast page has a basis covering the monitoring's year)."""
    import json

    from lineofsight.finance.attention import above_budget, overspend
    from lineofsight.forecast.budget import year_cost
    from lineofsight.web.finance.store import current
    from lineofsight.web.forecast.basis import current_basis, run_forecast
    from lineofsight.wording import date_text

    found = current(la_code)
    if found is None:
        return []
    stored, m = found
    try:
        la = get_benchmark().registry.get(la_code)
    except (KeyError, UserError):
        return []
    out = [overspend(m, la, demo=stored.is_demo)]
    basis = current_basis(la_code)
    if basis is not None:
        rates = json.dumps(basis.rates, sort_keys=True)
        year = year_cost(run_forecast(basis.pk, rates, la_code, la.name, "{}"), m.financial_year)
        if year is not None:
            out.append(
                above_budget(
                    m,
                    la,
                    year.cost,
                    year.low80,
                    year.high80,
                    year.children,
                    date_text(year.month_end.isoformat()),
                    demo=stored.is_demo or basis.synthetic,
                )
            )
    return [j for j in out if j is not None]
