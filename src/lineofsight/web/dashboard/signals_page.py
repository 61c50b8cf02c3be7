"""What the Signals page and the signal flags show: the engine's signals,
cached per council for the life of the process (the bundled data never changes while it runs), so
the overview can flag rows without recomputing every rule on each request."""

from __future__ import annotations

from dataclasses import dataclass

from lineofsight.indicators.meta import lookup_indicator
from lineofsight.signals.model import Severity, Signal
from lineofsight.web.dashboard.judgements import (
    council_judgements,
    council_signals,
    judgement_for,
)

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
__all__ = ["council_judgements", "council_signals", "evidence_rows", "flags", "judgement_for"]


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
