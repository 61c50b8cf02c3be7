"""A council's published figures by theme, each row against its comparators: what the overview
and the finance page show, and what the warm start builds.

The bundled data does not change while the service runs, so each council's rows are built once
and kept; the overview lays the council's own in-year figures over them per request.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lineofsight.benchmark.engine import Entry, get_benchmark
from lineofsight.charts import Chart, sparkline
from lineofsight.indicators.meta import theme_label
from lineofsight.web.dashboard.own import OwnFigure
from lineofsight.wording import NOT_BANDED, rate_text, show, year_phrase


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
    rate: str = ""
    own: OwnFigure | None = None
    own_text: str = ""
    own_differs: bool = False


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    rows: list[Row]


@lru_cache(maxsize=64)
def published_themes(la_code: str) -> list[Theme]:
    """The council's published figures by theme, cached per council (the warm start and the finance
    page read it too); own figures are laid over them per request by ``overview``."""
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
                    band=band_short(e.band, ind.polarity, ind.kind),
                    rate=rate_text(e),
                )
            )
        themes.append(Theme(theme, theme_label(theme), rows))
    return themes


SHORT_PLACES = {
    "A": "best quarter",
    "B": "second-best quarter",
    "C": "second-worst quarter",
    "D": "worst quarter",
    "Q1": "lowest quarter",
    "Q2": "second-lowest quarter",
    "Q3": "second-highest quarter",
    "Q4": "highest quarter",
}


def band_short(band: str | None, polarity: str, kind: str = "measure") -> str:
    """The band for a table row: "B: second-best quarter". What bands mean is said once, above
    the tables, rather than in the same sentence on every row (``band_words`` says it in full)."""
    if kind in NOT_BANDED:
        return "Not banded"
    if not band:
        return "No band"
    if polarity == "neither" and not band.startswith("Q"):  # older A-D labels, neither direction
        band = {"A": "Q1", "B": "Q2", "C": "Q3", "D": "Q4"}.get(band, band)
    return f"{band}: {SHORT_PLACES.get(band, band)}"
