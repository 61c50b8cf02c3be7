"""Putting a pack together: its sources, its publishers and the cover's opening paragraphs."""

from __future__ import annotations

from lineofsight.packs.context import PackContext
from lineofsight.packs.figures import source_refs
from lineofsight.packs.model import Pack, Section, SourceRef
from lineofsight.packs.sections.assurance import key_question_source
from lineofsight.published.store import load_store
from lineofsight.wording import date_text, day_month_year


def finish(
    ctx: PackContext,
    kind: str,
    title: str,
    sections: list[Section],
    summary: list[str],
    extra_sources: list[SourceRef] | None = None,
    quotes_guide: bool = True,
) -> Pack:
    """The pack with the sources of every figure it shows and of the content it quotes."""
    refs = source_refs(ctx.source_ids)
    content = [*([key_question_source()] if quotes_guide else []), *(extra_sources or [])]
    publishers = sorted({r.publisher for r in refs})
    return Pack(
        kind=kind,
        title=title,
        la=ctx.la,
        as_at=ctx.as_at,
        data_date=ctx.data_date,
        sections=tuple(sections),
        sources=(*refs, *content),
        summary=tuple(summary),
        publishers=tuple(publishers),
    )


def comparison_sentence(ctx: PackContext) -> str:
    b = ctx.benchmark
    names = [b.registry.get(c).name for c in b.neighbours.get(ctx.la.code, [])]
    listed = "; ".join(names)  # semicolons: some names hold a comma ("Bristol, City of")
    return (
        f"Figures are {ctx.la.name}'s latest published, set against the {ctx.la.region_name} "
        f"region, England and its {len(names)} statistical neighbours ({b.model} model): {listed}."
    )


def actions_phrase(ctx: PackContext) -> str:
    if not ctx.record.actions:
        return "no actions recorded yet"
    late = len(ctx.record.overdue_actions())
    return f"{late} overdue action{'s' if late != 1 else ''}"


def ofsted_phrase(ctx: PackContext) -> str:
    """The ILACS judgement in force, in a few words, for the cover."""
    t = load_store().ofsted_ilacs
    rows = t[t.la_code == ctx.la.code].sort_values("inspection_date", ascending=False)
    if rows.empty:
        return "No ILACS inspection is held in the bundled Ofsted data."
    last = rows.iloc[0]
    overall = str(last.overall) or "no overall judgement"
    return (
        f"Ofsted's latest inspection of children's services ({date_text(str(last.inspection_date))})"
        f" judged its overall effectiveness “{overall}”."
    )


def record_sentence(ctx: PackContext) -> str:
    if ctx.published_only:
        return (
            "This pack reads published data only: made on the command line, it has no council "
            "record (key question ratings, actions, statutory roles, voices), so those sections "
            "say what would fill them. A pack downloaded from the web service includes them."
        )
    if ctx.record.is_empty:
        return (
            "Nothing has been recorded in the service yet for this council (key question "
            "ratings, actions, statutory roles, voices), so those sections say what would "
            "fill them."
        )
    return f"The council's own record (ratings, actions, roles and voices) is as at {_day(ctx)}."


def _day(ctx: PackContext) -> str:
    return f"{day_month_year(ctx.as_at)}"
