"""Constructed series and indicator metadata for the signal tests."""

from __future__ import annotations

from lineofsight.indicators.meta import IndicatorMeta
from lineofsight.values import State, Value


def meta(
    polarity: str = "low_good",
    unit: str = "percent",
    year_label: str = "at 30 September",
    title: str = "Agency social worker rate",
) -> IndicatorMeta:
    return IndicatorMeta(
        id="sw_agency_rate_pct",
        title=title,
        theme="workforce",
        definition="",
        unit=unit,
        decimals=1,
        polarity=polarity,
        year_label=year_label,
        publication="",
    )


def series(values: list[float | str | None], start: int = 2015) -> list[tuple[str, Value]]:
    """Numbers become values; None is a missing year and 'c' a suppressed one."""
    out = []
    for k, v in enumerate(values):
        if v is None:
            value = Value.missing()
        elif v == "c":
            value = Value(None, State.SUPPRESSED)
        else:
            value = Value(float(v))
        out.append((str(start + k), value))
    return out
