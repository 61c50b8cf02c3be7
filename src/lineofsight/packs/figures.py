"""Figures as a pack prints them: table cells, DfE codes with their meaning, charts and sources.

Numbers are formatted by the same helpers as the web pages (``lineofsight.wording`` and
``charts``), so a figure reads the same in the service and on paper. A value without a number
keeps its DfE code (``[c]``) and says in words why there is no number.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from lineofsight.assurance.prose import lower_first
from lineofsight.benchmark.engine import ENGLAND, Benchmark, Entry
from lineofsight.charts import Chart, Series, line_chart
from lineofsight.charts.svg import state_code
from lineofsight.indicators.meta import IndicatorMeta
from lineofsight.packs.model import SourceRef
from lineofsight.published.store import load_store
from lineofsight.reference.las import LA
from lineofsight.values import State, Value
from lineofsight.wording import show, signed_change, state_words, year_phrase

# Why a figure has no number, for the notes beneath tables (DfE's own codes and their meaning).
CODE_EXPLANATIONS: dict[State, str] = {
    State.SUPPRESSED: (
        "[c] suppressed: DfE withholds a figure based on a small number so that no child can be "
        "identified"
    ),
    State.NOT_AVAILABLE: "[x] not available: DfE did not publish a figure (not collected or not valid)",
    State.NOT_APPLICABLE: "[z] not applicable: the measure does not apply to this council",
    State.LOW: "[low] fewer than 0.5: the figure rounds to zero but is not zero",
    State.K: "[k] fewer than 0.5: the figure rounds to zero but is not zero",
    State.UNRELIABLE: "[u] low reliability: DfE marks the figure as unreliable",
    State.MISSING: "[-] not published: no figure was published for this council and year",
}


LAIT_MEASURE = ", measure "  # how the build names a LAIT source: "<publication>, measure <code>"


def cell(value: Value, meta: IndicatorMeta) -> str:
    """A table cell: the number with its unit, or the DfE code and its meaning."""
    if value.ok:
        return show(value, meta)
    return f"{state_code(value)} {state_words(value)}"


def change_cell(e: Entry) -> str:
    """The change on the previous year in the indicator's unit ("+1.2 pts" for percentages)."""
    text = signed_change(e.change, e.indicator.decimals)
    if not text:
        return "no earlier figure" if not (e.value.ok and e.previous.ok) else "0"
    return text + (" pts" if e.indicator.unit == "percent" else "")


def rank_cell(e: Entry) -> str:
    """'115 of 153 (C)': the rank among councils with a figure and, in brackets, its quartile band."""
    if e.indicator.kind == "judgement":
        return "not ranked: a judgement"
    if not e.indicator.compared:
        return "not ranked: context"
    if not e.rank:
        return "not ranked"
    return f"{e.rank} of {e.ranked}" + (f" ({e.band})" if e.band else "")


def better_or_worse(meta: IndicatorMeta, delta: float) -> str:
    """'better', 'worse' or 'no judgement' for a change, in words rather than colour."""
    if delta == 0:
        return "unchanged"
    if meta.polarity == "neither":
        return "higher" if delta > 0 else "lower"
    improved = (delta > 0) == (meta.polarity == "high_good")
    return "better" if improved else "worse"


def code_notes(values: Iterable[Value]) -> str:
    """One sentence explaining each DfE code that appears among ``values`` (or "" if none do)."""
    states = sorted({v.state for v in values if not v.ok}, key=lambda s: list(State).index(s))
    parts = [CODE_EXPLANATIONS[s] for s in states if s in CODE_EXPLANATIONS]
    return ("Codes: " + "; ".join(parts) + ".") if parts else ""


def year_text(meta: IndicatorMeta, year: str) -> str:
    return year_phrase(meta.year_label, year)


def trend_chart(b: Benchmark, la: LA, e: Entry) -> Chart:
    """The council, its neighbours' median and England over the years the entry's series covers."""
    meta = e.indicator
    years = [y for y, _ in e.series]
    medians: list[tuple[str, Value]] = []
    for y in years:
        past = b.entry(la, meta.id, y)
        medians.append((y, past.neighbours_median if past and past.year == y else Value.missing()))
    panel = b.panel(meta.id)
    england = [(y, panel.cell(ENGLAND, y)) for y in years]
    series = [
        Series(la.name, e.series),
        Series("Statistical neighbours (median)", medians),
        Series("England", england),
    ]
    first, last = years[0], years[-1]
    title = f"{meta.title}, {la.name}, {first} to {last} ({meta.year_label})"
    return line_chart(
        series,
        title=title,
        decimals=meta.decimals,
        unit=meta.unit,
        measure=lower_first(meta.title),  # EHC stays EHC
        width=480,
        plot_height=150,
    )


def source_refs(source_ids: Iterable[int]) -> list[SourceRef]:
    """The publications behind a set of values, one row per publication and release, in release
    order then by title. LAIT keeps one source per measure; they are listed as one row per release
    naming the measures, so the list stays readable (and short enough to print)."""
    table = load_store().sources
    wanted = {int(i) for i in source_ids if i}
    rows = table[table.source_id.isin(wanted)]
    files: dict[tuple[str, str, str, str], tuple[set[str], set[str]]] = {}
    for r in rows.itertuples(index=False):
        publication, _, measure = str(r.publication).partition(LAIT_MEASURE)
        key = (publication, str(r.publisher), str(r.release)[:10], str(r.licence))
        names, measures = files.setdefault(key, (set(), set()))
        names.add(str(r.file))
        if measure:
            measures.add(measure)
    refs = [
        SourceRef(pub, publisher, _files_text(names, measures), release, licence)
        for (pub, publisher, release, licence), (names, measures) in files.items()
    ]
    return sorted(refs, key=lambda s: (s.release, s.publication, s.file))


def _files_text(names: set[str], measures: set[str]) -> str:
    files = "; ".join(sorted(names))
    if not measures:
        return files
    return f"{files}: measure{'s' if len(measures) > 1 else ''} {', '.join(sorted(measures))}"


def data_date() -> str:
    """The latest release date in the bundled published data (ISO): the data's "as at" date."""
    return str(load_store().sources.release.astype(str).max())[:10]


@cache
def _releases() -> dict[int, str]:
    table = load_store().sources
    return {
        int(i): str(r)[:10] for i, r in zip(table.source_id, table.release.astype(str), strict=True)
    }


def release_of(source_id: int | None) -> str:
    """The release date (ISO) of a source, "" when unknown."""
    return _releases().get(int(source_id), "") if source_id else ""
