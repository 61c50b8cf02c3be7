"""Indicator tables and charts by theme: each figure against neighbours, region and England."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lineofsight.assurance.prose import lower_first
from lineofsight.benchmark.engine import Entry
from lineofsight.indicators.meta import theme_label
from lineofsight.packs.context import PackContext
from lineofsight.packs.figures import (
    cell,
    change_cell,
    code_notes,
    rank_cell,
    release_of,
    trend_chart,
    year_text,
)
from lineofsight.packs.model import Block, Figure, Paragraph, Section, Table
from lineofsight.values import Value
from lineofsight.wording import date_text, rate_text

# The indicator drawn as a chart for each theme: the one a leader is most often asked about.
CHART_INDICATORS = {
    "front_door": "referrals_rate_per_10k",
    "help_and_protection": "cpp_rate_per_10k",
    "children_in_care": "cla_rate_per_10k",
    "care_leavers": "care_leavers_eet_19_21_pct",
    "workforce": "sw_agency_rate_pct",
    "send": "ehcp_20wk_excl_exceptions_pct",
    "finance": "cla_weekly_unit_cost",
    "youth_justice": "yj_first_time_entrants_rate_per_100k",
    "education": "cla_ks4_attainment8",
}
TABLE_COLUMNS = (
    "Indicator (when)",
    "Value",
    "Change on previous year",
    "Neighbours (median)",
    "Region",
    "England",
    "Rank (band)",
)
BAND_NOTE = {
    "judged": "Rank 1 is the best council. Band (in brackets): A best quarter of councils, "
    "B second-best, C second-worst, D worst.",
    "mixed": "Rank 1 is the best council. Band (in brackets): A best quarter of councils, "
    "B second-best, C second-worst, D worst; where neither higher nor lower is better, rank 1 is "
    "the lowest value and Q1 to Q4 are the lowest to the highest quarter. Counts and money totals "
    "are context, shown with their rate and never ranked.",
    "neither": "Neither higher nor lower is better for these: rank 1 is the lowest value and Q1 "
    "to Q4 (in brackets) the lowest to the highest quarter. Counts and money totals are context, "
    "shown with their rate and never ranked.",
}


def indicator_table(
    ctx: PackContext, ids: Sequence[str], caption: str, band_key: bool = True
) -> list[Block]:
    """The comparison table for ``ids`` (the ones with published figures) and its code notes.

    ``band_key=False`` leaves out the key to ranks and bands, for a pack that gives it once
    before a run of tables rather than under each.
    """
    entries = [e for e in (ctx.entry(i) for i in ids) if e is not None]
    if not entries:
        return [Paragraph(f"No published figures are held for this: {caption.lower()}.", "empty")]
    rows = []
    shown: list[Value] = []
    for e in entries:
        m = e.indicator
        if e.source_id:
            ctx.source_ids.add(e.source_id)
        shown += [e.value, e.neighbours_median, e.region, e.england]
        rows.append(
            (
                f"{m.title} ({year_text(m, e.year)})",
                cell(e.value, m) + (f" ({rate_text(e)})" if rate_text(e) else ""),
                change_cell(e),
                cell(e.neighbours_median, m),
                cell(e.region, m),
                cell(e.england, m),
                rank_cell(e),
            )
        )
    notes = code_notes(shown)
    key = BAND_NOTE[_band_kind(entries)] if band_key else ""
    return [
        Table(
            caption,
            TABLE_COLUMNS,
            tuple(rows),
            (False, True, True, True, True, True, True),
            note=" ".join(p for p in (key, notes) if p),
            widths=(40, 9, 10, 10, 8, 8, 15),
        )
    ]


def _band_kind(entries: Sequence[Entry]) -> str:
    kinds = {e.indicator.polarity == "neither" for e in entries}
    return "mixed" if kinds == {True, False} else "neither" if kinds == {True} else "judged"


def chart_block(ctx: PackContext, indicator_id: str) -> list[Block]:
    e = ctx.entry(indicator_id)
    if e is None or len(e.series) < 2:
        return []
    source = e.indicator.publication
    released = release_of(e.source_id)
    if released:
        source += f", released {date_text(released)}"
    return [Figure(trend_chart(ctx.benchmark, ctx.la, e), source)]


def theme_section(
    ctx: PackContext,
    theme: str,
    ids: Sequence[str] | None = None,
    chart: bool = True,
    counts_as_text: bool = False,
    band_key: bool = True,
) -> Section:
    """One theme's headline indicators against neighbours, region and England, with a chart.

    With ``counts_as_text`` the plain counts (children in need, referrals, ...) are said in a
    sentence instead of compared: a count set against a region's or England's total says little,
    and the theme's rates and shares make the comparison.
    """
    chosen = list(ids) if ids is not None else _theme_ids(ctx, theme)
    label = theme_label(theme)
    counted: list[str] = []
    if counts_as_text:
        counted = [i for i in chosen if (e := ctx.entry(i)) and e.indicator.unit == "count"]
        chosen = [i for i in chosen if i not in counted]
    blocks = indicator_table(ctx, chosen, table_caption(label), band_key) if chosen else []
    if counted:
        blocks.append(
            Paragraph("Numbers: " + "; ".join(_count_phrase(ctx, i) for i in counted) + ".")
        )
    lead = CHART_INDICATORS.get(theme)
    if chart and lead in chosen and lead is not None:
        blocks += chart_block(ctx, lead)
    return Section(f"theme-{theme}", label, tuple(blocks))


def _count_phrase(ctx: PackContext, indicator_id: str) -> str:
    e = ctx.entry(indicator_id)
    assert e is not None
    if e.source_id:
        ctx.source_ids.add(e.source_id)
    m = e.indicator
    change = f", {change_cell(e)} on the year before" if e.change is not None else ""
    return f"{lower_first(m.title)} {cell(e.value, m)} ({year_text(m, e.year)}{change})"


def table_caption(label: str) -> str:
    return f"{label}: figures against neighbours, region and England"


def _theme_ids(ctx: PackContext, theme: str) -> list[str]:
    return [i for i, e in ctx.entries.items() if e.indicator.theme == theme]


def headline_ids(ctx: PackContext, themes: Iterable[str] | None = None) -> list[str]:
    """Headline ids with figures, catalogue order, Ofsted judgements left to the Ofsted section."""
    keep = set(themes) if themes is not None else None
    return [
        i
        for i, e in ctx.entries.items()
        if e.indicator.theme != "ofsted" and (keep is None or e.indicator.theme in keep)
    ]
