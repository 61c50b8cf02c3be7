"""Ofsted: the latest inspection judgements and how long ago they were made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from lineofsight.packs.context import PackContext
from lineofsight.packs.model import Block, Paragraph, Section, Table
from lineofsight.published.ofsted import ILACS_PARTS, SEND_FRAMEWORKS
from lineofsight.published.store import load_store
from lineofsight.wording import date_text, day_month_year


def time_between(start: dt.date, end: dt.date) -> str:
    """'6 years and 2 months' between two dates (whole months)."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    months = max(0, months)
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if rest or not years:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " and ".join(parts)


def ofsted_section(ctx: PackContext, parts: Sequence[str] | None = None) -> Section:
    """The ILACS judgements in force, the time since that inspection, the history and area SEND."""
    store = load_store()
    t = store.ofsted_ilacs
    rows = t[t.la_code == ctx.la.code].sort_values("inspection_date", ascending=False)
    blocks: list[Block] = []
    wanted = [(k, lab) for k, lab in ILACS_PARTS if parts is None or k in parts or k == "overall"]
    if rows.empty:
        blocks.append(
            Paragraph(
                f"The bundled Ofsted data holds no inspection of {ctx.la.name}'s children's "
                "services under the ILACS framework (from 2018).",
                "empty",
            )
        )
    else:
        last = rows.iloc[0]
        ctx.source_ids.add(int(last.source_id))
        inspected = dt.date.fromisoformat(str(last.inspection_date)[:10])
        blocks.append(
            Paragraph(
                f"Ofsted last inspected {ctx.la.name}'s children's services "
                f"({last.inspection_type}) from {date_text(str(last.inspection_date))}; the report "
                f"was published on {date_text(str(last.publication_date))}. That is "
                f"{time_between(inspected, ctx.as_at)} before this pack's date ({day_month_year(ctx.as_at)})."
            )
        )
        judged = tuple(
            (label, str(getattr(last, key)) or "not judged (not part of that framework)")
            for key, label in wanted
        )
        blocks.append(
            Table("Judgements in force", ("Area judged", "Judgement"), judged, widths=(60, 40))
        )
        history = tuple(
            (
                date_text(str(r.inspection_date)),
                date_text(str(r.publication_date)),
                str(r.inspection_type),
                str(r.overall) or "no overall judgement",
            )
            for r in rows.itertuples(index=False)
        )
        if len(history) > 1:
            blocks.append(
                Table(
                    "Inspection history (newest first)",
                    ("Inspected", "Published", "Inspection", "Overall effectiveness"),
                    history,
                    widths=(18, 18, 34, 30),
                )
            )
    send = store.ofsted_send
    srows = send[send.la_code == ctx.la.code].sort_values("inspection_date", ascending=False)
    if parts is None:
        if srows.empty:
            blocks.append(
                Paragraph("The bundled data holds no area SEND inspection of the area.", "empty")
            )
        else:
            s = srows.iloc[0]
            ctx.source_ids.add(int(s.source_id))
            framework = SEND_FRAMEWORKS.get(str(s.framework), f"{s.framework} framework")
            outcome = str(s.outcome) or "outcome not known"
            blocks.append(
                Paragraph(
                    f"The latest area SEND inspection ({framework}) was from "
                    f"{date_text(str(s.inspection_date))}: {outcome}."
                )
            )
    return Section("ofsted", "Ofsted position", tuple(blocks))
