"""The leader's key questions with the council's answers, and the action log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from lineofsight.assurance.content import KeyQuestion, Source, key_questions
from lineofsight.assurance.records import (
    ACTION_STATUS_LABELS,
    RATING_LABELS,
    Action,
)
from lineofsight.packs.context import PackContext
from lineofsight.packs.model import Block, Paragraph, Section, SourceRef, Table
from lineofsight.wording import date_text, day_month_year


def source_text(src: Source) -> str:
    when = f", {day_month_year(src.published)}" if src.published else ""
    return f"{src.publisher}, “{src.title}”{when}"


def key_question_source() -> SourceRef:
    src = key_questions().source
    return SourceRef(
        src.title, src.publisher, src.url, src.published.isoformat() if src.published else "", ""
    )


def key_questions_section(
    ctx: PackContext,
    questions: Sequence[KeyQuestion] | None = None,
    heading: str = "Key questions rated weak or not reviewed",
) -> Section:
    """The leader's key questions still needing attention: weak, don't know, unassessed or due."""
    kq = key_questions()
    chosen = list(questions) if questions is not None else list(kq.questions)
    quoted = Paragraph(f"Questions quoted from {source_text(kq.source)}.", "note")
    rec = ctx.record
    if not chosen:
        return Section(
            "key-questions",
            heading,
            (
                Paragraph(
                    "None of the LGA guide's key questions bears on these indicators.", "empty"
                ),
            ),
        )
    if not rec.answers:
        groups: dict[str, int] = {}
        for q in chosen:
            groups[q.heading] = groups.get(q.heading, 0) + 1
        rows = tuple((heading, str(n)) for heading, n in groups.items())
        return Section(
            "key-questions",
            heading,
            (
                Paragraph(
                    f"No key questions have been assessed yet: all {len(chosen)} questions are "
                    "waiting for a first rating in the service's assurance pages. The table says "
                    "how many there are under each of the guide's headings; the scrutiny pack "
                    "quotes the questions for each theme.",
                    "empty",
                ),
                Table(
                    "Key questions not yet assessed, by the guide's headings",
                    ("Heading in the LGA guide", "Questions"),
                    rows,
                    (False, True),
                    widths=(80, 20),
                ),
                quoted,
            ),
        )
    rows_list = []
    unassessed: dict[str, int] = {}
    for q in chosen:
        a = rec.answer(q.id)
        if a is None or a.rating is None:
            # Summarised in one line below: a row each would only repeat "not assessed".
            unassessed[q.heading] = unassessed.get(q.heading, 0) + 1
            continue
        if a.rating in ("weak", "dont_know"):
            status = RATING_LABELS[a.rating]
        elif a.needs_review(ctx.as_at):
            status = f"{RATING_LABELS[a.rating]}, review overdue"
        else:
            continue
        owner = a.owner if a.owner else "no owner recorded"
        due = day_month_year(a.review_date) if a.review_date else "no review date"
        rows_list.append((q.text, status, owner, due))
    waiting = sum(unassessed.values())
    body: tuple[Block, ...] = ()
    if not rows_list and not waiting:
        body = (
            Paragraph(
                f"All {len(chosen)} key questions are rated strong or adequate and in date.",
                "empty",
            ),
        )
    if rows_list:
        body = (
            Paragraph(
                f"{len(rows_list)} of {len(chosen)} key questions are rated weak or don't know, "
                "or are past their review date."
            ),
            Table(
                heading,
                ("Question", "Rating", "Owner", "Review date"),
                tuple(rows_list),
                widths=(50, 16, 17, 17),
            ),
        )
    if waiting:
        where = "; ".join(f"{h} ({n})" for h, n in unassessed.items())
        body = (
            *body,
            Paragraph(
                f"{waiting} of {len(chosen)} key question{'s have' if waiting != 1 else ' has'} "
                f"not been assessed yet: {where}."
            ),
        )
    return Section("key-questions", heading, (*body, quoted))


def actions_section(
    ctx: PackContext,
    board: str | None = None,
    heading: str = "Overdue actions",
    overdue_only: bool = True,
) -> Section:
    rec = ctx.record
    mine = [a for a in rec.actions if board is None or board.lower() in a.board.lower()]
    where = f" for the {board}" if board else ""
    if not mine:
        return Section(
            "actions",
            heading,
            (
                Paragraph(
                    f"No actions have been recorded{where} yet: actions agreed at meetings, with "
                    "an owner and a due date, appear here once they are added to the service.",
                    "empty",
                ),
            ),
        )
    late = [a for a in rec.overdue_actions() if a in mine]
    shown = late if overdue_only else sorted(mine, key=lambda a: (a.due or ctx.as_at, a.title))
    lead = Paragraph(
        f"{len(late)} of the {sum(not a.closed for a in mine)} open actions{where} are overdue "
        f"at {day_month_year(ctx.as_at)}."
    )
    if not shown:
        return Section("actions", heading, (lead,))
    rows = tuple(_action_row(a, ctx.as_at) for a in shown)
    table = Table(
        heading,
        ("Action", "Owner", "Board", "Due", "Status", "Latest update"),
        rows,
        widths=(26, 12, 13, 12, 15, 22),
    )
    return Section("actions", heading, (lead, table))


def _action_row(a: Action, as_at: dt.date) -> tuple[str, ...]:
    status = ACTION_STATUS_LABELS[a.status]
    if a.overdue(as_at):
        status += f"; overdue by {a.days_overdue(as_at)} days"
    return (
        a.title,
        a.owner or "no owner",
        a.board,
        (date_text(a.due) or "not set"),
        status,
        a.latest_update or "none recorded",
    )
