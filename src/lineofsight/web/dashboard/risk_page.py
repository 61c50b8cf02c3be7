"""What the Ofsted page shows of the risk model: today's estimates for a council, cached per
process (the estimate refits the model, which is too slow for every request), and the backtest
figures the page quotes."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from lineofsight.risk.model import Estimate, estimate
from lineofsight.risk.report import CAVEATS, data_sentence, factor_sentence, headline

TARGETS = ("overall", "leadership")
TARGET_WORDS = {"overall": "Overall effectiveness", "leadership": "Impact of leaders"}
__all__ = [
    "CAVEATS",
    "backtest",
    "council_estimates",
    "data_sentence",
    "factor_sentence",
    "headline",
]


@cache
def council_estimates(la_code: str) -> tuple[Estimate, ...]:
    """The risk model's estimates (overall and leadership) for one council, once per process."""
    return tuple(estimate(la_code, target) for target in TARGETS)


@cache
def backtest() -> dict[str, Any]:
    """The stored backtest: the latest fold and all folds pooled, keyed "fold/target/model"."""
    text = resources.files("lineofsight.risk").joinpath("backtest.json").read_text("utf-8")
    record = json.loads(text)
    out: dict[str, Any] = {"latest": record["folds"][-1], "window_months": record["window_months"]}
    for r in record["results"]:
        out[f"{r['fold']}/{r['target']}/{r['model']}"] = r
    return out
