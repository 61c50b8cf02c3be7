"""The Signal record every rule returns, and the generic series the rules read.

A series is a list of ``(label, Value)`` pairs, oldest first, so the same rules run on published
annual figures, on own-data annual figures and on rolling in-year figures alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from lineofsight.values import Value

Series = list[tuple[str, Value]]


class Severity(IntEnum):
    """Ordered so that sorting by severity puts high first (lower number = more urgent)."""

    HIGH = 0
    MEDIUM = 1
    LOW = 2

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Signal:
    """One flag: what fired, how serious, the numbers behind it and a sentence to read aloud."""

    indicator_id: str
    la: str  # E-code
    kind: str  # e.g. "xmr_beyond_limits", "neighbour_divergence"
    severity: Severity
    sentence: str
    rule: str  # the rule that fired, in words
    period: str  # the period the signal is about (latest point it used)
    evidence: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple[int, str, str, str]:
        return (int(self.severity), self.indicator_id, self.kind, self.period)

    def record(self) -> dict[str, Any]:
        return {
            "indicator_id": self.indicator_id,
            "la": self.la,
            "kind": self.kind,
            "severity": self.severity.label,
            "period": self.period,
            "rule": self.rule,
            "sentence": self.sentence,
            "evidence": self.evidence,
        }


def usable(series: Series) -> list[tuple[str, float]]:
    """The points with a number; suppressed, missing and unavailable points are left out."""
    return [(label, v.number) for label, v in series if v.ok and v.number is not None]


def worse(polarity: str, delta: float) -> bool | None:
    """Whether a move of ``delta`` is a worsening; None where the polarity carries no judgement."""
    if polarity == "neither" or delta == 0:
        return None
    return (delta > 0) == (polarity == "low_good")


def sort_signals(signals: list[Signal]) -> list[Signal]:
    """Severity first, then indicator, kind and period: the same data gives the same order."""
    return sorted(signals, key=Signal.sort_key)
