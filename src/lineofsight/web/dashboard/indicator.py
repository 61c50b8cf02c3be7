"""One indicator for one council: headline comparison, charts, data, CSV rows and sources.

Every number comes from the benchmark engine (one ``entry`` per year); nothing is recomputed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lineofsight.benchmark.engine import ENGLAND, Entry, get_benchmark
from lineofsight.benchmark.render import entry_record
from lineofsight.charts import Chart, Series, bar_chart, line_chart
from lineofsight.charts.describe import join_words, possessive
from lineofsight.indicators.meta import IndicatorMeta, lookup_indicator, theme_label
from lineofsight.published.store import load_store
from lineofsight.reference.las import LA
from lineofsight.wording import band_words, date_text, show, year_phrase

YEARS_SHOWN = 10


@dataclass(frozen=True)
class Source:
    publication: str
    publisher: str
    release: str
    licence: str
    file: str
    years: str


@dataclass(frozen=True)
class IndicatorPage:
    indicator: IndicatorMeta
    theme: str
    la: LA
    entries: list[Entry]
    latest: Entry
    year: str
    trend: Chart | None
    neighbours: Chart | None
    rows: list[dict[str, str]]
    sources: list[Source]
    neighbour_rows: list[dict[str, str]] = field(default_factory=list)
    closeness_caveat: str = ""

    def text(self, value: Any) -> str:
        return show(value, self.indicator)


@lru_cache(maxsize=256)
def indicator_page(la: LA, indicator_id: str) -> IndicatorPage | None:
    """The page's content, or None when the indicator has no published figures for councils.

    It depends only on the bundled published data, which is fixed for the life of the process,
    so each council's page is built once (charts included) and then served from memory.
    """
    ind = lookup_indicator(indicator_id)
    b = get_benchmark()
    years = b.years(ind.id)[-YEARS_SHOWN:]
    entries = [e for e in (b.entry(la, ind.id, y) for y in years) if e is not None]
    if not entries:
        return None
    latest = entries[-1]
    year = year_phrase(ind.year_label, latest.year)
    trend = neighbours = None
    if ind.unit != "judgement":
        trend = line_chart(
            [
                Series(la.name, [(e.year, e.value) for e in entries]),
                Series("neighbour median", [(e.year, e.neighbours_median) for e in entries]),
                Series(la.region_name, [(e.year, e.region) for e in entries]),
                Series("England", [(e.year, e.england) for e in entries]),
            ],
            title=f"{ind.title}: {la.name} against its neighbours, region and England, "
            f"{entries[0].year} to {latest.year} ({ind.year_label})",
            year_heading=f"Year ({ind.year_label})",
            decimals=ind.decimals,
            unit=ind.unit,
            axis_label=_axis_label(ind),
        )
        neighbours = bar_chart(
            (la.name, latest.value),
            [(n.la.name, n.value) for n in latest.neighbours if not n.joint],
            title=f"{ind.title}: {la.name} and its statistical neighbours, {year}",
            year=latest.year,
            decimals=ind.decimals,
            unit=ind.unit,
            reference=("England", latest.england),
            polarity=ind.polarity,
            note=joint_note(la, [n.la.name for n in latest.neighbours if n.joint]),
        )
    rows = [
        {
            "year": year_phrase(ind.year_label, e.year),
            "value": show(e.value, ind),
            "median": show(e.neighbours_median, ind),
            "region": show(e.region, ind),
            "england": show(e.england, ind),
            "rank": f"{e.rank} of {e.ranked}" if e.rank else "",
            "band": band_words(e.band, ind.polarity, ind.kind) if e.band else "",
        }
        for e in reversed(entries)
    ]
    return IndicatorPage(
        ind,
        theme_label(ind.theme),
        la,
        entries,
        latest,
        year,
        trend,
        neighbours,
        rows,
        _sources(ind.id, la.code, [e.year for e in entries]),
        [
            {
                "name": n.la.name,
                "closeness": n.closeness or "Not rated",
                "value": show(n.value, ind),
                "joint": "Same joint return: not counted in the median" if n.joint else "",
            }
            for n in latest.neighbours
        ],
        b.closeness_caveat(la),
    )


def joint_note(la: LA, partners: list[str]) -> str:
    """Why a neighbour in the council's own joint return has no bar.

    Its figure is the council's own (Kingston upon Thames and Richmond upon Thames make one
    workforce return): drawn as a neighbour's bar it would read as a neighbour doing exactly as
    well, so it is left out of the chart, as it is of the median, and listed in the table below."""
    if not partners:
        return ""
    names = join_words(partners)
    one = len(partners) == 1
    return (
        f"{names} {'is' if one else 'are'} not drawn: {la.name} and {names} make one joint "
        f"return, so the figure is {possessive(la.name)} own. "
        f"{'It is' if one else 'They are'} listed in the neighbours table below."
    )


def csv_records(page: IndicatorPage) -> list[dict[str, Any]]:
    """One record per year, as the CLI's benchmark export writes them."""
    return [entry_record(e) for e in page.entries]


def _axis_label(ind: IndicatorMeta) -> str:
    from lineofsight.wording import unit_parts

    suffix, phrase = unit_parts(ind.unit)
    if suffix == "%":
        return "Per cent"
    if ind.unit.startswith("gbp"):
        return f"Pounds {phrase}".strip()
    return phrase[:1].upper() + phrase[1:] if phrase else ""


def _sources(indicator_id: str, la_code: str, years: list[str]) -> list[Source]:
    """The publications behind the council's and England's figures, newest release first."""
    p = get_benchmark().panel(indicator_id)
    used: dict[int, list[str]] = {}
    for area in (la_code, ENGLAND):
        if area not in p.areas:
            continue
        i = p.areas.get_loc(area)
        for y in years:
            sid = int(p.sources[i, p.col(y)])
            if sid and y not in used.setdefault(sid, []):
                used[sid].append(y)
    table = load_store().sources
    out = []
    for sid, ys in used.items():
        row = table[table.source_id == sid]
        if row.empty:
            continue
        r = row.iloc[0]
        span = ys[0] if len(ys) == 1 else f"{ys[0]} to {ys[-1]}"
        out.append(
            Source(
                str(r.publication),
                str(r.publisher),
                str(r.release),
                str(r.licence),
                str(r.file),
                span,
            )
        )
    out.sort(key=lambda s: s.release, reverse=True)
    return [
        Source(s.publication, s.publisher, date_text(s.release), s.licence, s.file, s.years)
        for s in out
    ]
