"""The corporate parenting board pack: children in care and care leavers, placement stability and
sufficiency, what children and young people said and the response, and the board's actions."""

from __future__ import annotations

from lineofsight.assurance.content import key_questions
from lineofsight.packs.common import comparison_sentence, finish, record_sentence
from lineofsight.packs.context import PackContext
from lineofsight.packs.model import Block, Pack, Paragraph, Section
from lineofsight.packs.sections.assurance import actions_section, key_questions_section
from lineofsight.packs.sections.indicators import chart_block, headline_ids, indicator_table
from lineofsight.packs.sections.ofsted import ofsted_section
from lineofsight.packs.sections.signals import signals_section
from lineofsight.packs.sections.voices import voices_section

STABILITY = (
    "cla_3plus_placements_pct",
    "cla_long_term_stability_pct",
    "cla_foster_pct",
    "cla_placed_20_miles_pct",
    "cla_missing_pct",
    "cla_3plus_social_workers_pct",
    "cla_school_move_pct",
    "cla_weekly_unit_cost",
)
EDUCATION = ("cla_ks2_rwm_pct", "cla_ks4_attainment8", "cla_persistent_absence_pct")
BOARD = "corporate parenting"
VOICE_GROUPS = ("care", "looked after")  # children in care, care leavers, care-experienced


def build_corporate_parenting(ctx: PackContext) -> Pack:
    in_care = [i for i in headline_ids(ctx, ["children_in_care"]) if i not in STABILITY]
    leavers = headline_ids(ctx, ["care_leavers"])
    stability = [i for i in STABILITY if ctx.entry(i) is not None]
    education = [i for i in EDUCATION if ctx.entry(i) is not None]

    def figures(ids: list[str], caption: str, charts: tuple[str, ...]) -> tuple[Block, ...]:
        blocks = indicator_table(ctx, ids, caption)
        for c in charts:
            blocks += chart_block(ctx, c)
        return tuple(blocks)

    kq = [
        q
        for t in key_questions().themes
        if t.id in ("corporate_parenting", "voices")
        for q in t.questions
    ]
    sections = [
        Section(
            "children-in-care",
            "Children in care",
            (
                Paragraph(comparison_sentence(ctx)),
                *figures(in_care, "Children in care", ("cla_rate_per_10k",)),
            ),
        ),
        Section(
            "stability",
            "Placement stability and sufficiency",
            figures(
                stability,
                "Placement stability and sufficiency",
                ("cla_3plus_placements_pct", "cla_placed_20_miles_pct"),
            ),
        ),
        Section(
            "care-leavers",
            "Care leavers",
            figures(leavers, "Care leavers", ("care_leavers_suitable_accom_19_21_pct",)),
        ),
        Section(
            "education",
            "Education of children in care",
            figures(education, "Education of children in care", ()),
        ),
        voices_section(ctx, VOICE_GROUPS),
        actions_section(ctx, BOARD, "The board's actions", overdue_only=False),
        signals_section(ctx, [*in_care, *stability, *leavers, *education]),
        ofsted_section(ctx, ("children_in_care", "care_leavers")),
        key_questions_section(
            ctx, kq, "Corporate parenting and voice questions rated weak or not reviewed"
        ),
    ]
    summary = [
        f"This pack is for {ctx.la.name}'s corporate parenting board: how the council's children "
        "in care and care leavers are doing, what they have told us and what the board is doing.",
        comparison_sentence(ctx),
        record_sentence(ctx),
    ]
    return finish(ctx, "corporate-parenting", "Corporate parenting board pack", sections, summary)
