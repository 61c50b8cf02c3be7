"""The scrutiny pack: one theme in depth, with the questions scrutiny should ask and where each
question comes from. Nothing is invented: questions are quoted from the LGA guide, and prompts
from Line of Sight's own assurance content, which says it is its own wording."""

from __future__ import annotations

from lineofsight.assurance.content import (
    QUESTION_IDS,
    KeyQuestion,
    enablers,
    key_questions,
    self_evaluation_template,
)
from lineofsight.indicators.meta import theme_ids, theme_label
from lineofsight.packs.common import comparison_sentence, finish, record_sentence
from lineofsight.packs.context import PackContext
from lineofsight.packs.model import Block, Bullets, Pack, Paragraph, Section, SourceRef
from lineofsight.packs.money import money_section
from lineofsight.packs.sections.assurance import actions_section, key_questions_section, source_text
from lineofsight.packs.sections.changes import changes_section
from lineofsight.packs.sections.indicators import CHART_INDICATORS, chart_block, indicator_table
from lineofsight.packs.sections.ofsted import ofsted_section
from lineofsight.packs.sections.roles import roles_section
from lineofsight.packs.sections.signals import signals_section

# The ILACS judgement that covers each theme (the overall judgement is always shown).
OFSTED_PARTS = {
    "front_door": ("help_and_protection",),
    "help_and_protection": ("help_and_protection",),
    "children_in_care": ("children_in_care",),
    "care_leavers": ("care_leavers",),
    "workforce": ("leadership",),
    "finance": ("leadership",),
}
MAX_CHARTS = 4
# Themes whose scrutiny pack carries the Money section (placements and high needs drive the spend).
MONEY_THEMES = {"finance", "children_in_care", "send"}


def theme_key(theme: str) -> str:
    """The catalogue theme id for what a person typed ('Children in care', 'children-in-care')."""
    key = theme.strip().lower().replace(" ", "_").replace("-", "_")
    theme_ids(key)  # an unknown theme is a UserError listing the themes
    return key


def build_scrutiny(ctx: PackContext, theme: str) -> Pack:
    key = theme_key(theme)
    label = theme_label(key)
    ids = [i for i, e in ctx.entries.items() if e.indicator.theme == key]
    questions = questions_section(ctx, key, ids)
    figures: list[Block] = [Paragraph(comparison_sentence(ctx))]
    figures += indicator_table(ctx, ids, label)
    charted = [CHART_INDICATORS[key]] if key in CHART_INDICATORS else []
    charted += [s.indicator_id for s in ctx.signals if s.indicator_id in ids]
    for ident in list(dict.fromkeys(charted))[:MAX_CHARTS]:
        figures += chart_block(ctx, ident)
    kq = linked_questions(ids)
    sections = [
        questions,
        Section("indicators", f"{label}: the figures", tuple(figures)),
        changes_section(ctx, ids),
        signals_section(ctx, ids),
        *([money_section(ctx)] if key in MONEY_THEMES else []),
        ofsted_section(ctx, OFSTED_PARTS.get(key, ("leadership",))),
        key_questions_section(ctx, kq, "Key questions on this theme rated weak or not reviewed"),
        actions_section(ctx),
        roles_section(ctx),
    ]
    summary = [
        f"This pack is for scrutiny of {label.lower()} in {ctx.la.name}.",
        comparison_sentence(ctx),
        record_sentence(ctx),
    ]
    tpl = self_evaluation_template()
    extra = [
        SourceRef(
            f"{tpl.source.title} (self-evaluation prompts: Line of Sight's wording)",
            tpl.source.publisher,
            tpl.source.url,
            tpl.source.published.isoformat() if tpl.source.published else "",
            "",
        ),
        SourceRef(
            f"{enablers().source.title} (enabler prompts: Line of Sight's wording)",
            enablers().source.publisher,
            enablers().source.url,
            "",
            "",
        ),
    ]
    return finish(ctx, "scrutiny", f"Scrutiny pack: {label}", sections, summary, extra)


def linked_questions(ids: list[str]) -> list[KeyQuestion]:
    """The guide's questions bearing on these indicators: linked directly, or through their group."""
    wanted = set(ids)
    return [
        q
        for t in key_questions().themes
        for q in t.questions
        if set(q.evidence.indicators) & wanted or set(t.evidence.indicators) & wanted
    ]


def questions_section(ctx: PackContext, key: str, ids: list[str]) -> Section:
    """Questions scrutiny should ask, each group with where it comes from."""
    wanted = set(ids)
    subs: list[Section] = []
    kq = key_questions()
    linked = linked_questions(ids)
    if linked:
        subs.append(
            Section(
                "questions-lga",
                "From the LGA guide's key questions for leaders",
                (
                    Bullets(tuple(q.text for q in linked)),
                    Paragraph(
                        f"Quoted from {source_text(kq.source)}; linked to this theme because the "
                        "guide's question bears on its indicators.",
                        "note",
                    ),
                ),
            )
        )
    else:
        subs.append(
            Section(
                "questions-lga",
                "From the LGA guide's key questions for leaders",
                (
                    Paragraph(
                        "None of the LGA guide's key questions is linked to this theme's "
                        "indicators; the questions below come from the self-evaluation prompts.",
                        "empty",
                    ),
                ),
            )
        )
    tpl = self_evaluation_template()
    prompts: list[str] = []
    for section in tpl.sections:
        if set(section.indicators) & wanted:
            for qid in QUESTION_IDS:
                prompts += list(section.prompts.get(qid, ()))
    prompts = list(dict.fromkeys(prompts))
    if prompts:
        subs.append(
            Section(
                "questions-self-evaluation",
                "From the Ofsted self-evaluation prompts",
                (
                    Bullets(tuple(prompts)),
                    Paragraph(
                        "Line of Sight's prompts for the sections of the annual self-evaluation "
                        "that use this theme's indicators, under Ofsted's three questions "
                        f"({source_text(tpl.source)}). The wording is Line of Sight's, not Ofsted's.",
                        "note",
                    ),
                ),
            )
        )
    en = [e for e in enablers().enablers if set(e.evidence.indicators) & wanted]
    if en:
        subs.append(
            Section(
                "questions-enablers",
                "From the key enablers of improvement",
                (
                    Bullets(tuple(f"{e.title}: {e.prompt}" for e in en)),
                    Paragraph(
                        f"Enabler names from {source_text(enablers().source)}; the prompts are "
                        "Line of Sight's own wording, as the enablers' sub-elements were not "
                        "available to quote.",
                        "note",
                    ),
                ),
            )
        )
    mine = [s for s in ctx.signals if s.indicator_id in wanted]
    if mine:
        subs.append(
            Section(
                "questions-signals",
                "From this theme's early-warning signals",
                (
                    Paragraph(
                        "Each signal below is a fact from the published figures; scrutiny can ask "
                        "what lies behind it and what is being done."
                    ),
                    Bullets(tuple(s.sentence for s in mine)),
                ),
            )
        )
    intro = Paragraph(
        f"Questions for scrutiny of {theme_label(key).lower()}, grouped by where they come from. "
        f"{record_sentence(ctx)}"
    )
    return Section("questions", "Questions scrutiny should ask", (intro,), tuple(subs))
