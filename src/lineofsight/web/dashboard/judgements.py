"""The council's signals and judgements, computed once per process (the bundled data never changes
while it runs): the service the overview, the indicator and Signals pages and the assessment
evidence all read, so none of them imports another's page module."""

from __future__ import annotations

from functools import cache
from typing import Any

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.signals.model import Signal


@cache
def council_signals(la_code: str) -> tuple[Signal, ...]:
    """``signals_for`` for one council, computed once per process."""
    from lineofsight.signals.engine import signals_for

    return tuple(signals_for(get_benchmark().registry.get(la_code)))


@cache
def council_judgements(la_code: str) -> tuple[Any, ...]:
    """One judgement per headline indicator for the council, most severe first, once per process."""
    from lineofsight.signals.engine import judgements_for

    b = get_benchmark()
    return tuple(judgements_for(b.registry.get(la_code), b))


def judgement_for(la_code: str, indicator_id: str) -> Any:
    """The council's judgement on one indicator, or None (a judgement, a count without data)."""
    return next((j for j in council_judgements(la_code) if j.indicator_id == indicator_id), None)
