"""The hook for the council's own in-year figures, shown beside the last published ones.

Until publishing the council's own returns lands (the Data pages), no own figures exist and the
overview shows none; the pages already have the slot, so turning it on is a change here only.
"""

from __future__ import annotations

from dataclasses import dataclass

from lineofsight.values import Value


@dataclass(frozen=True)
class OwnFigure:
    """A figure computed from the council's own returns for a period (e.g. 'year to 31 October 2025')."""

    period: str
    value: Value


def own_values(la_code: str) -> dict[str, OwnFigure]:
    """Own in-year figures by indicator id for one council; empty until own data is published."""
    return {}


def differs(own: OwnFigure | None, published: Value, decimals: int) -> bool:
    """Whether the own figure, at the published precision, is not the published one."""
    if own is None or not own.value.ok or own.value.number is None:
        return False
    if not published.ok or published.number is None:
        return True
    return round(own.value.number, decimals) != round(published.number, decimals)
