"""The Ofsted annual self-evaluation document: the assurance draft, with the DCS's own edited
text wherever the council's record holds it, and the prompts still to answer where it does not."""

from __future__ import annotations

from lineofsight.assurance.content import self_evaluation_template
from lineofsight.assurance.self_evaluation import draft_self_evaluation
from lineofsight.packs.common import finish
from lineofsight.packs.context import PackContext
from lineofsight.packs.model import Block, Bullets, Pack, Paragraph, Section, SourceRef
from lineofsight.packs.sections.assurance import source_text
from lineofsight.packs.sections.indicators import indicator_table


def build_self_evaluation(ctx: PackContext) -> Pack:
    draft = draft_self_evaluation(ctx.la, signals=list(ctx.signals), benchmark=ctx.benchmark)
    edited = ctx.record.self_evaluation
    sections = []
    edited_count = 0
    for s in draft.sections:
        subs = []
        mine = edited.get(s.id, {})
        for qid, question in draft.questions.items():
            blocks: list[Block] = []
            text = mine.get(qid, "").strip()
            if text:
                edited_count += 1
                blocks += [Paragraph(p.strip()) for p in text.split("\n\n") if p.strip()]
                blocks.append(
                    Paragraph("Text as written by the director of children's services.", "note")
                )
            else:
                blocks += [Paragraph(p) for p in s.answers.get(qid, ())]
                if not blocks:
                    blocks.append(Paragraph("The published figures say nothing here.", "empty"))
                blocks.append(
                    Paragraph(
                        "Drafted by Line of Sight from the published figures; not yet edited by "
                        "the director of children's services.",
                        "note",
                    )
                )
                prompts = s.prompts.get(qid, ())
                if prompts:
                    blocks.append(Bullets(tuple(f"To add: {p}" for p in prompts)))
            subs.append(Section(f"{s.id}-{qid}", question, tuple(blocks)))
        ids = [f.indicator_id for f in s.figures if not f.indicator_id.startswith("ilacs_")]
        figures = indicator_table(ctx, ids, f"Figures for {s.title.lower()}") if ids else []
        sections.append(Section(f"section-{s.id}", s.title, tuple(figures), tuple(subs)))
    total = len(draft.sections) * len(draft.questions)
    tpl = self_evaluation_template()
    summary = [
        f"{ctx.la.name}'s annual self-evaluation for Ofsted, answering its three questions for "
        "the local context and each of the four ILACS judgement areas.",
        f"{edited_count} of the {total} answers are the director's own text; the rest are drafts "
        "from the published figures, with what remains to add."
        if edited_count
        else "No answer has been edited by the director yet: every answer below is a draft from the "
        "published figures, with what remains to add.",
        draft.source,
    ]
    extra = [
        SourceRef(
            tpl.source.title,
            tpl.source.publisher,
            tpl.source.url,
            tpl.source.published.isoformat() if tpl.source.published else "",
            "",
        )
    ]
    questions = Section(
        "questions",
        "Ofsted's three questions",
        (
            Bullets(tuple(draft.questions.values())),
            Paragraph(f"From {source_text(tpl.source)}.", "note"),
        ),
    )
    return finish(
        ctx,
        "self-evaluation",
        "Ofsted annual self-evaluation",
        [questions, *sections],
        summary,
        extra,
        quotes_guide=False,
    )
