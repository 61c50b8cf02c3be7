"""The statutory roles: who holds each post, for how long, and what that signals."""

from __future__ import annotations

from lineofsight.assurance.content import key_questions
from lineofsight.assurance.records import (
    POST_LABELS,
    POSTS,
    role_signals,
    tenure_sentence,
)
from lineofsight.packs.context import PackContext
from lineofsight.packs.model import Block, Bullets, Paragraph, Section, Table
from lineofsight.packs.sections.assurance import source_text
from lineofsight.packs.sections.signals import SEVERITY_WORDS
from lineofsight.wording import day_month_year


def roles_section(ctx: PackContext) -> Section:
    rec = ctx.record
    signals = role_signals(rec.roles, ctx.as_at)
    sig = Bullets(tuple(f"{SEVERITY_WORDS[s.severity]}: {s.sentence}" for s in signals))
    if not rec.roles:
        return Section(
            "roles",
            "Statutory roles",
            (
                Paragraph(
                    "No statutory roles have been recorded yet: add the director of children's "
                    "services, the lead member, the chief executive and the leader so the pack "
                    "can show tenure and the signals the LGA guide asks leaders to watch.",
                    "empty",
                ),
                sig,
            ),
        )
    by_post = {h.post: h for h in rec.roles}
    rows = []
    for post in POSTS:
        h = by_post.get(post)
        if h is None:
            rows.append((POST_LABELS[post], "not recorded", "", ""))
            continue
        holder = "vacant" if h.vacant else h.name + (" (interim)" if h.interim else "")
        rows.append(
            (
                POST_LABELS[post],
                holder,
                day_month_year(h.appointed) if h.appointed else "not recorded",
                tenure_sentence(h, ctx.as_at) if not h.vacant else "",
            )
        )
    table = Table(
        "Who holds each statutory post",
        ("Post", "Holder", "Appointed", "Tenure"),
        tuple(rows),
        widths=(27, 20, 15, 38),
    )
    blocks: list[Block] = [table]
    if signals:
        blocks += [Paragraph("Signals on the statutory roles:"), sig]
    else:
        blocks.append(Paragraph("No signal on the statutory roles.", "empty"))
    blocks.append(
        Paragraph(
            "The national picture for DCS tenure and turnover is from "
            f"{source_text(key_questions().source)}.",
            "note",
        )
    )
    return Section("roles", "Statutory roles", tuple(blocks))
