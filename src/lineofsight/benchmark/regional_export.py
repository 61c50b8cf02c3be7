"""The regional table as CSV records and an Excel workbook (docs/regions.md).

It holds exactly what the regional page shows the person downloading it: the members whose
figures they may see, each figure after disclosure control (a suppressed one is blank with state
``c``) and rounded to the indicator's decimals as the page shows it, the regional median (state
``x`` when fewer than three figures go into it, as the page shows none) and each member's last
published figure. No numerator or denominator leaves: the page shows none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from lineofsight.benchmark.export import sources
from lineofsight.benchmark.regional import MIN_FOR_MEDIAN, RegionalTable
from lineofsight.exports.xlsx import Export, Sheet, Source, number_format
from lineofsight.values import State, Value

MEDIAN = "Regional median of own figures"


def _round(number: float | None, decimals: int) -> float | int | None:
    if number is None:
        return None
    x = round(number, max(0, decimals))
    return int(x) if decimals <= 0 else x


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def regional_records(table: RegionalTable, shown: Collection[str]) -> list[dict[str, Any]]:
    """One record per indicator and member shown, then the indicator's regional median."""
    out: list[dict[str, Any]] = []
    for row in table.rows:
        ind = row.indicator
        common = {"indicator_id": ind.id, "indicator": ind.title, "unit": ind.unit}
        for code, name in table.members:
            if code not in shown:
                continue
            cell = row.cells.get(code)
            own = cell.value if cell else Value.missing()
            published = row.published.get(code, Value.missing())
            out.append(
                {
                    **common,
                    "area_code": code,
                    "area": name,
                    "value": _round(own.number, ind.decimals) if own.ok else None,
                    "state": own.state.value,
                    "period_start": _iso(cell.period_start if cell else None),
                    "period_end": _iso(cell.period_end if cell else None),
                    "published_value": published.number if published.ok else None,
                    "published_state": published.state.value,
                    "published_year": row.published_year or "",
                }
            )
        out.append(
            {
                **common,
                "area_code": "",
                "area": MEDIAN,
                "value": _round(row.median, ind.decimals),
                "state": (State.VALUE if row.median is not None else State.NOT_AVAILABLE).value,
                "period_start": "",
                "period_end": "",
                "published_value": None,
                "published_state": State.NOT_APPLICABLE.value,
                "published_year": "",
            }
        )
    return out


def _figure(record: Mapping[str, Any]) -> str:
    from lineofsight.errors import UserError
    from lineofsight.indicators.meta import lookup_indicator

    try:
        decimals = lookup_indicator(str(record["indicator_id"])).decimals
    except UserError:
        decimals = 1
    return number_format(str(record.get("unit") or ""), decimals)


def regional_sheet(table: RegionalTable, shown: Collection[str]) -> Sheet:
    """The page's table: indicators down, each member shown then the median across."""
    members = [(c, n) for c, n in table.members if c in shown]
    rows = []
    for row in table.rows:
        fmt = number_format(row.indicator.unit, row.indicator.decimals)
        cells: list[tuple[object, str]] = [(row.indicator.title, "")]
        for code, _ in members:
            cell = row.cells.get(code)
            value = cell.value if cell else Value.missing()
            cells.append(
                (_round(value.number, row.indicator.decimals), fmt)
                if value.ok
                else (value.state.value, "")
            )
        cells.append(
            (_round(row.median, row.indicator.decimals), fmt)
            if row.median is not None
            else (State.NOT_AVAILABLE.value, "")
        )
        rows.append(cells)
    header = ["Indicator", *(f"{n}: own figure" for _, n in members), MEDIAN]
    return Sheet("Regional table", header, rows)


def _published_sources(table: RegionalTable, shown: Collection[str]) -> list[Source]:
    from lineofsight.benchmark.engine import get_benchmark
    from lineofsight.errors import UserError

    bench = get_benchmark()
    ids: list[int] = []
    for row in table.rows:
        if not row.published_year:
            continue
        try:
            panel = bench.panel(row.indicator.id)
        except (KeyError, UserError):
            continue
        if row.published_year not in panel.col_of:
            continue
        col = panel.col(row.published_year)
        for code in shown:
            i = panel.row.get(code)
            if i is not None:
                ids.append(int(panel.sources[i, col]))
    return sources(ids)


def regional_export(
    table: RegionalTable,
    shown: Collection[str],
    *,
    title: str,
    agreement: str,
    demo: str = "",
    records: Sequence[Mapping[str, Any]] | None = None,
) -> Export:
    """The workbook: the records on the data sheet, the page's table beside them."""
    own = Source(
        "Own figures: each member council's current publication in Line of Sight",
        "The member councils",
        "",
        licence="Shared under the region's data-sharing agreement",
    )
    return Export(
        title=title,
        records=list(records) if records is not None else regional_records(table, shown),
        sources=[own, *_published_sources(table, shown)],
        notes=(
            agreement,
            "Figures resting on 1 to 5 children are suppressed (state c), as on the page; the "
            f"regional median is of the figures shown, and only when at least {MIN_FOR_MEDIAN} "
            "members' figures go into it (else state x). Own figures are rounded as the page "
            "shows them.",
        ),
        demo=demo,
        formats={"value": _figure, "published_value": _figure},
        states={"value": "state", "published_value": "published_state"},
        sheets=[regional_sheet(table, shown)],
    )
