"""The voices of children, young people and families, as recorded for the board."""

from __future__ import annotations

from collections.abc import Sequence

from lineofsight.packs.context import PackContext
from lineofsight.packs.model import Paragraph, Section, Table
from lineofsight.wording import day_month_year


def voices_section(ctx: PackContext, groups: Sequence[str] | None = None) -> Section:
    """What children and young people said, and the response ("you said, we did")."""
    heading = "What children and young people said, and the response"
    voices = [
        v for v in ctx.record.voices if groups is None or any(g in v.group.lower() for g in groups)
    ]
    if not voices:
        return Section(
            "voices",
            heading,
            (
                Paragraph(
                    "No views from children and young people have been recorded yet: what the "
                    "children in care council, surveys and visits say, and the council's "
                    "response, appear here once they are added to the service.",
                    "empty",
                ),
            ),
        )
    voices.sort(key=lambda v: (v.date, v.group), reverse=True)
    rows = tuple(
        (
            day_month_year(v.date),
            v.group,
            v.source,
            v.said,
            v.response or "No response recorded yet",
            "yes" if v.reported_to_council else "no",
        )
        for v in voices
    )
    waiting = sum(1 for v in voices if not v.response)
    lead = Paragraph(
        f"{len(voices)} things children and young people said are recorded; "
        f"{waiting} still wait for a response."
    )
    table = Table(
        "You said, we did",
        ("Date", "Who", "How we heard", "What they said", "Response", "Reported to council"),
        rows,
        widths=(11, 13, 13, 27, 27, 9),
    )
    return Section("voices", heading, (lead, table))
