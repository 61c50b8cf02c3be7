"""What the Signals page and the signal flags show: the engine's signals and the risk estimate,
cached per council for the life of the process (the bundled data never changes while it runs), so
the overview can flag rows without recomputing every rule on each request."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.indicators.meta import lookup_indicator
from lineofsight.signals.model import Severity, Signal
from lineofsight.signals.report import CAVEATS
from lineofsight.signals.risk import Estimate, Factor, estimate

TARGETS = ("overall", "leadership")
TARGET_WORDS = {"overall": "Overall effectiveness", "leadership": "Impact of leaders"}
FLAG_SUFFIXES = ("_poor", "_inadequate", "_outstanding", "short_inspection")
EVIDENCE_LABELS = {
    "value": "Latest figure",
    "lower_limit": "Lower limit",
    "centre": "Average (centre line)",
    "upper_limit": "Upper limit",
    "baseline_from": "History used from",
    "baseline_points": "Earlier points used",
    "neighbour_median": "Neighbour median",
    "robust_z": "Distance from neighbours (robust z)",
    "neighbours_with_value": "Neighbours with a figure",
    "k": "Threshold (k)",
    "medium_cutoff": "Medium cut-off",
    "high_cutoff": "High cut-off",
    "basis": "Cut-off basis",
    "from_period": "Previous period",
    "from_value": "Previous figure",
    "change": "Change",
    "mean_moving_range": "Average change between periods",
    "limit": "Largest likely change",
    "band": "Quartile band now",
    "previous_band": "Quartile band before",
    "previous_period": "Previous period",
    "run_length": "Periods in a row",
    "side": "Side of the average",
    "run_from": "Run started",
}
__all__ = ["CAVEATS", "council_estimates", "council_signals", "evidence_rows", "flags"]


@cache
def council_signals(la_code: str) -> tuple[Signal, ...]:
    """``signals_for`` for one council, computed once per process."""
    from lineofsight.signals.engine import signals_for

    return tuple(signals_for(get_benchmark().registry.get(la_code)))


@cache
def council_estimates(la_code: str) -> tuple[Estimate, ...]:
    """The risk model's estimates (overall and leadership) for one council, once per process."""
    return tuple(estimate(la_code, target) for target in TARGETS)


def flags(la_code: str) -> dict[str, list[Signal]]:
    """The council's signals keyed by indicator id, for tags beside each indicator."""
    out: dict[str, list[Signal]] = {}
    for s in council_signals(la_code):
        out.setdefault(s.indicator_id, []).append(s)
    return out


def indicator_title(indicator_id: str) -> str:
    return lookup_indicator(indicator_id).title


@dataclass(frozen=True)
class Group:
    severity: str
    signals: list[Signal]


def grouped(la_code: str) -> list[Group]:
    """Signals grouped high, medium, low, keeping the engine's order within each group."""
    signals = council_signals(la_code)
    return [Group(sev.label, [s for s in signals if s.severity is sev]) for sev in Severity]


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.2f}"


def evidence_rows(signal: Signal) -> list[tuple[str, str]]:
    """The evidence as (label, text) pairs in the order the rule recorded it."""
    rows = []
    for key, value in signal.evidence.items():
        text = _number(float(value)) if isinstance(value, int | float) else str(value)
        rows.append((EVIDENCE_LABELS.get(key, key.replace("_", " ").capitalize()), text))
    return rows


def probability_words(p: float) -> str:
    """A band in words; the percentage sits beside it on the page."""
    if p < 0.2:
        return "Low"
    if p < 0.4:
        return "Moderate"
    if p < 0.6:
        return "Raised"
    return "High"


def factor_text(f: Factor) -> str:
    """One factor as a leader would read it: its value (or that it had none) and its year."""
    if f.value is None:
        value = " (no figure; the typical value was used)"
    elif f.feature.endswith(FLAG_SUFFIXES):
        value = ": yes" if f.value else ": no"
    else:
        value = f": {f.value:,.1f}"
    year = f" ({f.year})" if f.year else ""
    return f"{f.label}{value}{year}"


def direction(f: Factor) -> str:
    return "raises the estimate" if f.contribution > 0 else "lowers the estimate"


def backtest_split() -> dict[str, dict[str, Any]]:
    """The stored split backtest of each model, keyed "target/model", for the method summary."""
    text = resources.files("lineofsight.signals").joinpath("backtest.json").read_text("utf-8")
    record = json.loads(text)
    return {f"{r['target']}/{r['model']}": r for r in record["results"] if r["design"] == "split"}
