"""The strategic quartet briefing: the whole picture for the leader, lead member, chief
executive and director, on a few pages they can read before the meeting."""

from __future__ import annotations

from lineofsight.indicators.meta import theme_label
from lineofsight.packs.common import (
    actions_phrase,
    comparison_sentence,
    finish,
    ofsted_phrase,
    record_sentence,
)
from lineofsight.packs.context import PackContext
from lineofsight.packs.forecast import forecast_section
from lineofsight.packs.model import Pack, Paragraph, Section
from lineofsight.packs.money import money_section
from lineofsight.packs.sections.assurance import actions_section, key_questions_section
from lineofsight.packs.sections.changes import changes_section
from lineofsight.packs.sections.indicators import CHART_INDICATORS, headline_ids, theme_section
from lineofsight.packs.sections.ofsted import ofsted_section
from lineofsight.packs.sections.roles import roles_section
from lineofsight.packs.sections.signals import attention_section, signals_section


def _charted(ctx: PackContext, theme: str) -> bool:
    """Every theme's lead indicator is drawn (its trend against the neighbours' median and
    England, its figures beneath), as the indicator pages draw it: the quartet reads the pack, not
    the pages. Not where the council has fewer than two published figures of it: a chart of other
    councils' lines alone says nothing about this one, and the table already says why."""
    lead = CHART_INDICATORS.get(theme)
    e = ctx.entry(lead) if lead else None
    return e is not None and sum(1 for _, v in e.series if v.ok) >= 2


def build_quartet(ctx: PackContext) -> Pack:
    ids = headline_ids(ctx)
    themes = list(dict.fromkeys(ctx.entries[i].indicator.theme for i in ids))
    by_theme = Section(
        "indicators",
        "Headline indicators by theme",
        (
            Paragraph(
                comparison_sentence(ctx) + " Rank 1 is the best council; the band in brackets "
                "is its quarter of councils: A the best quarter, B second-best, C second-worst, D "
                "worst, or, where neither higher nor lower is better, Q1 the lowest quarter and Q4 "
                "the highest. Counts and money totals are context, shown with their rate and never "
                "ranked."
            ),
        ),
        tuple(
            theme_section(ctx, t, chart=_charted(ctx, t), counts_as_text=True, band_key=False)
            for t in themes
        ),
    )
    signals = signals_section(ctx)
    high = sum(1 for s in ctx.signals if s.severity.label == "high")
    summary = [
        comparison_sentence(ctx),
        f"{len(ids)} headline indicators across {len(themes)} themes "
        f"({', '.join(theme_label(t).lower() for t in themes)}); {len(ctx.signals)} early-warning "
        f"signals, {high} of them high; {actions_phrase(ctx)}.",
        ofsted_phrase(ctx),
        record_sentence(ctx),
    ]
    sections = [
        attention_section(ctx),
        changes_section(ctx, ids),
        signals,
        money_section(ctx),
        forecast_section(ctx),
        ofsted_section(ctx),
        key_questions_section(ctx),
        actions_section(ctx),
        roles_section(ctx),
        by_theme,
    ]
    return finish(ctx, "quartet", "Strategic quartet briefing", sections, summary)
