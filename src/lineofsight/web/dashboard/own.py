"""The hook for the council's own in-year figures, shown beside the last published ones.

The figures come from the council's current publication on the Data pages (``returns_data``): for
each indicator, the latest 12-month period published. Pages beyond the analysts' show them with
disclosure control (docs/disclosure.md: a figure resting on 1 to 5 children becomes ``c``), so that
is the default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from lineofsight.values import State, Value
from lineofsight.wording import day_month_year


@dataclass(frozen=True)
class OwnFigure:
    """A figure computed from the council's own returns for a period (e.g. 'year to 31 October 2025')."""

    period: str
    value: Value
    returns: str = ""  # which returns it rests on: "from the 2023-24 to 2024-25 returns"
    note: str = ""  # where the history loaded is too short for DfE's definition (issue 21)


def own_values(la_code: str, *, exact: bool = False) -> dict[str, OwnFigure]:
    """Own figures by indicator id from the council's current publication; empty before one.

    Each indicator's latest period is taken. ``exact=True`` (analysts) skips suppression. A
    publication's rows never change once published, so its figures are worked out once per
    process and kept, keyed by the publication and its time: publishing a new one changes the key.
    """
    from lineofsight.web.returns_data.models import Publication

    current = (
        Publication.objects.filter(la_code=la_code, is_current=True)
        .values_list("pk", "published_at")
        .first()
    )
    return {} if current is None else dict(_figures(current[0], current[1], exact))


@lru_cache(maxsize=512)
def _figures(publication_pk: int, published_at: dt.datetime, exact: bool) -> dict[str, OwnFigure]:
    """``published_at`` is part of the key so a reused primary key (a test database, a restored
    backup) can never bring back another publication's figures."""
    import pandas as pd

    from lineofsight.indicators.own.disclosure import suppress
    from lineofsight.web.returns_data.models import IndicatorValue

    rows = list(
        IndicatorValue.objects.filter(publication_id=publication_pk).values(
            "indicator_id",
            "period_start",
            "period_end",
            "value",
            "state",
            "numerator",
            "denominator",
            "returns",
            "note",
        )
    )
    if not rows:
        return {}
    frame = pd.DataFrame(rows).sort_values(["indicator_id", "period_end", "period_start"])
    latest = frame.groupby("indicator_id", sort=False).tail(1)
    if not exact:
        latest = suppress(latest)
    figures: dict[str, OwnFigure] = {}
    for rec in latest.to_dict("records"):
        state = _state(str(rec["state"]))
        number = rec["value"]
        ok = state is State.VALUE and number is not None and not pd.isna(number)
        figures[str(rec["indicator_id"])] = OwnFigure(
            period=period_words(rec["period_start"], rec["period_end"]),
            value=Value(float(number) if ok else None, state if ok or state is not State.VALUE
                        else State.NOT_AVAILABLE),
            returns=str(rec.get("returns") or ""),
            note=str(rec.get("note") or ""),
        )  # fmt: skip
    return figures


def period_words(start: dt.date, end: dt.date) -> str:
    """'year to 31 October 2025' for 12 months; 'X to Y' for any other span."""
    if (end - start).days in (364, 365):
        return f"year to {day_month_year(end)}"
    return f"{day_month_year(start)} to {day_month_year(end)}"


def _state(code: str) -> State:
    try:
        return State(code)
    except ValueError:
        return State.NOT_AVAILABLE


def differs(own: OwnFigure | None, published: Value, decimals: int) -> bool:
    """Whether the own figure, at the published precision, is not the published one."""
    if own is None or not own.value.ok or own.value.number is None:
        return False
    if not published.ok or published.number is None:
        return True
    return round(own.value.number, decimals) != round(published.number, decimals)
