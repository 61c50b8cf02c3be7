"""A published or computed figure carries its state: a number, or why there is no number.

DfE publishes suppression and availability codes in place of numbers; we keep them as explicit
states rather than turning them into a silent NaN or zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    """Why a cell holds (or does not hold) a number. Codes follow DfE/GSS conventions."""

    VALUE = "value"
    SUPPRESSED = "c"  # confidential: suppressed to protect individuals
    NOT_AVAILABLE = "x"  # not available / not collected
    NOT_APPLICABLE = "z"  # not applicable (e.g. an LA that did not exist that year)
    LOW = "low"  # rounds to zero but is not zero
    K = "k"  # DfE "k": fewer than 0.5 / rounds to zero (SEN2 usage)
    UNRELIABLE = "u"  # low reliability
    MISSING = "missing"  # no row published at all


LABELS: dict[State, str] = {
    State.VALUE: "",
    State.SUPPRESSED: "suppressed (small number)",
    State.NOT_AVAILABLE: "not available",
    State.NOT_APPLICABLE: "not applicable",
    State.LOW: "fewer than 0.5 (rounds to 0)",
    State.K: "fewer than 0.5 (rounds to 0)",
    State.UNRELIABLE: "low reliability",
    State.MISSING: "not published",
}

_CODES = {
    "c": State.SUPPRESSED,
    "x": State.NOT_AVAILABLE,
    ":": State.NOT_AVAILABLE,
    "..": State.NOT_AVAILABLE,
    "-": State.NOT_AVAILABLE,
    "": State.MISSING,
    "z": State.NOT_APPLICABLE,
    "low": State.LOW,
    "k": State.K,
    "u": State.UNRELIABLE,
    "na": State.NOT_AVAILABLE,
    "n/a": State.NOT_AVAILABLE,
}


def parse_cell(raw: object) -> tuple[float | None, State]:
    """Read one published cell: ``"67"`` -> (67.0, VALUE); ``"c"`` -> (None, SUPPRESSED).

    Accepts thousands separators and a trailing ``%``; anything else unreadable is NOT_AVAILABLE.
    """
    if raw is None:
        return None, State.MISSING
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        f = float(raw)
        if math.isnan(f):
            return None, State.MISSING
        return (f, State.VALUE) if math.isfinite(f) else (None, State.NOT_AVAILABLE)
    text = str(raw).strip().strip("[]").lower()
    if text in _CODES:
        return None, _CODES[text]
    try:
        f = float(text.replace(",", "").rstrip("%"))
    except ValueError:
        return None, State.NOT_AVAILABLE
    if math.isnan(f) or math.isinf(f):
        return None, State.NOT_AVAILABLE
    return f, State.VALUE


@dataclass(frozen=True, slots=True)
class Value:
    """A figure and its state; ``number`` is None unless ``state`` is VALUE."""

    number: float | None
    state: State = State.VALUE

    @classmethod
    def missing(cls) -> Value:
        return cls(None, State.MISSING)

    @property
    def ok(self) -> bool:
        return self.state is State.VALUE and self.number is not None

    def display(self, decimals: int = 1) -> str:
        """Text for a table cell: the number, or the DfE code in brackets (e.g. ``[c]``)."""
        if self.ok:
            assert self.number is not None
            return f"{self.number:,.{max(0, decimals)}f}"
        return "[" + (self.state.value if self.state is not State.MISSING else "-") + "]"


def is_digits(text: str) -> bool:
    """Whether ``int(text)`` reads the text as plain digits: ``str.isdigit`` also accepts "²" and
    other superscripts, which ``int`` refuses, so a year or number typed or pasted with one gave
    a traceback. Every check before ``int`` uses this."""
    return text.isascii() and text.isdigit()
