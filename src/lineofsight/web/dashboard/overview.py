"""The overview: a council's headline indicators by theme, each against its comparators.

The published part depends only on the council (the bundled data does not change while the
service runs), so it is built once per council and kept; the own-data slot is added per request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from lineofsight.benchmark.engine import Entry, get_benchmark
from lineofsight.charts import Chart, sparkline
from lineofsight.indicators.meta import theme_label
from lineofsight.reference.las import LA
from lineofsight.web.dashboard.own import OwnFigure, differs, own_values
from lineofsight.wording import band_words, show, year_phrase


@dataclass(frozen=True)
class Row:
    entry: Entry
    value: str
    year: str
    spark: Chart
    median: str
    region: str
    england: str
    band: str
    own: OwnFigure | None = None
    own_text: str = ""
    own_differs: bool = False


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    rows: list[Row]


def overview(la: LA) -> list[Theme]:
    """Themes of rows for the council, with its own in-year figures where it has any."""
    themes = _published(la.code)
    own = own_values(la.code)
    if not own:
        return themes
    out = []
    for theme in themes:
        rows = []
        for row in theme.rows:
            ind = row.entry.indicator
            fig = own.get(ind.id)
            if fig is not None:
                row = replace(
                    row,
                    own=fig,
                    own_text=show(fig.value, ind),
                    own_differs=differs(fig, row.entry.value, ind.decimals),
                )
            rows.append(row)
        out.append(Theme(theme.id, theme.label, rows))
    return out


@lru_cache(maxsize=64)
def _published(la_code: str) -> list[Theme]:
    b = get_benchmark()
    la = b.registry.get(la_code)
    themes = []
    for theme, entries in b.profile(la).by_theme().items():
        if theme == "ofsted":  # judgements are shown with their dates in the Ofsted section
            continue
        rows = []
        for e in entries:
            ind = e.indicator
            first, last = e.series[0][0], e.series[-1][0]
            spark = sparkline(
                e.series,
                title=f"{ind.title}, {la.name}, {first} to {last} ({ind.year_label})",
                decimals=ind.decimals,
                unit=ind.unit,
            )
            rows.append(
                Row(
                    entry=e,
                    value=show(e.value, ind),
                    year=year_phrase(ind.year_label, e.year),
                    spark=spark,
                    median=show(e.neighbours_median, ind),
                    region=show(e.region, ind),
                    england=show(e.england, ind),
                    band=band_words(e.band, ind.polarity),
                )
            )
        themes.append(Theme(theme, theme_label(theme), rows))
    return themes


def governance_block(la_code: str, today: dt.date) -> Any:
    """Overdue actions and statutory roles signals for the overview (``web/governance``)."""
    from lineofsight.web.governance.summary import overview_summary

    return overview_summary(la_code, today)
