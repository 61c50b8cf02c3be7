"""The forecast basis: a council's stock-and-flow rates kept as aggregates (counts by state).

The service never keeps child-level returns, so the rates are what the Forecast page forecasts
from. The demo council gets rates from its synthetic returns (generated, read, then deleted).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from lineofsight.forecast import own
from lineofsight.forecast.own import Rates
from lineofsight.forecast.scenario import from_mapping
from lineofsight.web.demo_data import register_demo_loader

DEMO_FIRST = 2025  # the rates use the last 12 months; an earlier year gives the stock its history
DEMO_SEED = 20251


def rates_record(r: Rates) -> dict[str, Any]:
    return {
        "window_start": r.window_start.date().isoformat(),
        "window_end": r.window_end.date().isoformat(),
        "exposure": r.exposure.tolist(),
        "moves": r.moves.tolist(),
        "entries": r.entries.tolist(),
        "in_house_share": r.in_house_share,
        "opening": r.opening.tolist(),
    }


def rates_from_record(data: dict[str, Any]) -> Rates:
    return Rates(
        pd.Timestamp(data["window_start"]),
        pd.Timestamp(data["window_end"]),
        np.asarray(data["exposure"], dtype=float),
        np.asarray(data["moves"], dtype=float),
        np.asarray(data["entries"], dtype=float),
        float(data["in_house_share"]),
        np.asarray(data["opening"], dtype=float),
    )


def save_basis(la_code: str, r: Rates, source: str, synthetic: bool) -> Any:
    from lineofsight.web.forecast.models import Basis

    return Basis.objects.create(
        la_code=la_code,
        source=source,
        synthetic=synthetic,
        data_end=r.window_end.date(),
        rates=rates_record(r),
    )


def current_basis(la_code: str) -> Any:
    from lineofsight.web.forecast.models import Basis

    return Basis.objects.filter(la_code=la_code).first()


@register_demo_loader
def load_demo_basis(la_code: str) -> str:
    """Rates from synthetic 903 returns for the demo council, unless it already has a basis."""
    from lineofsight.forecast.own import rates, segments
    from lineofsight.indicators.own.periods import march_year
    from lineofsight.reference.las import resolve
    from lineofsight.synth.generate import ssda903_tables

    if current_basis(la_code) is not None:
        return f"Forecast: rates for {la_code} already kept; reused."
    started = time.perf_counter()
    la = resolve(la_code)
    last = march_year(dt.date.today()) - 1  # the last whole year to 31 March
    tables = ssda903_tables(la, DEMO_FIRST, last, DEMO_SEED)
    r = rates(segments(tables))
    save_basis(la_code, r, "synthetic demo returns", synthetic=True)
    return (
        f"Forecast: rates from synthetic 903 returns {DEMO_FIRST}-{last} for {la.name} kept "
        f"({r.opening.sum():,.0f} children at the start) in {time.perf_counter() - started:.1f} s; "
        "the files were deleted."
    )


@lru_cache(maxsize=32)
def run_forecast(
    basis_id: int, rates_json: str, code: str, name: str, settings: str
) -> own.Forecast:
    """The forecast from a kept basis under a scenario (``settings`` as sorted JSON); forecasts
    are deterministic for a basis and scenario, so the Forecast page and the finance attention
    judgements reuse them."""
    scenario = from_mapping(json.loads(settings))
    return own.forecast_rates(rates_from_record(json.loads(rates_json)), code, name, scenario)
