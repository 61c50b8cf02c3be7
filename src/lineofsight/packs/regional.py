"""The regional pack: a regional alliance's members' own figures side by side (docs/regions.md).

It shows only what the regional page shows its analysts: each sharing member's latest own figures
after disclosure control, the regional median (over 3 or more figures shown) and each member's
last published figure, theme by theme, with the agreement and each member's sharing choice. It is
rendered by the same templates as every pack; ``Pack.region`` puts the region on the cover.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from lineofsight.benchmark.regional import MIN_FOR_MEDIAN, RegionalTable
from lineofsight.indicators.meta import theme_label
from lineofsight.packs.figures import data_date, source_refs
from lineofsight.packs.model import Block, Pack, Paragraph, Section, Table
from lineofsight.reference.las import resolve
from lineofsight.values import Value
from lineofsight.wording import date_text, show

MAX_COLUMNS = 6  # councils per table, so an A4 page stays readable


def _cell(table: RegionalTable, code: str, row_index: int) -> str:
    row = table.rows[row_index]
    cell = row.cells.get(code)
    own = show(cell.value, row.indicator) if cell else "–"
    published = row.published.get(code)
    if published is None:
        return own
    return f"{own} ({show(published, row.indicator)})"


def _theme_blocks(table: RegionalTable, theme: str) -> list[Block]:
    indices = [i for i, r in enumerate(table.rows) if r.indicator.theme == theme]
    blocks: list[Block] = []
    members = table.members
    for start in range(0, len(members), MAX_COLUMNS):
        chunk = members[start : start + MAX_COLUMNS]
        last = start + MAX_COLUMNS >= len(members)
        columns = ("Indicator", *[name for _, name in chunk], *(["Median"] if last else []))
        rows = []
        for i in indices:
            row = table.rows[i]
            median = show(Value(row.median), row.indicator) if row.median is not None else "–"
            rows.append(
                (
                    row.indicator.title,
                    *[_cell(table, code, i) for code, _ in chunk],
                    *([median] if last else []),
                )
            )
        part = f" ({start // MAX_COLUMNS + 1} of {-(-len(members) // MAX_COLUMNS)})"
        blocks.append(
            Table(
                caption=f"{theme_label(theme)}: own figures, last published in brackets"
                + (part if len(members) > MAX_COLUMNS else ""),
                columns=columns,
                rows=tuple(rows),
                numeric=(False, *[True] * (len(columns) - 1)),
            )
        )
    return blocks


def build_regional(
    table: RegionalTable,
    *,
    region_name: str,
    agreement: str,
    sharing: Sequence[tuple[str, str]],
    as_at: dt.date,
    demo: str = "",
) -> Pack:
    """The pack for a region: ``sharing`` is each member's (name, choice), withdrawn ones too;
    ``demo`` (the region's demo sentence) watermarks every page and goes on the cover."""
    members_table = Table(
        caption="Members, what each shares and the period its own data runs to",
        columns=("Council", "Shares", "Own data runs to"),
        rows=tuple(
            (
                name,
                choice,
                next(
                    (
                        date_text(d.isoformat()) if d else "no figures published"
                        for code, n in table.members
                        if n == name
                        for d in [table.runs_to.get(code)]
                    ),
                    "–",
                ),
            )
            for name, choice in sharing
        ),
    )
    sections = [
        Section(
            "members",
            "Members and the agreement",
            (Paragraph(agreement), members_table),
        )
    ]
    themes = list(dict.fromkeys(r.indicator.theme for r in table.rows))
    for theme in themes:
        sections.append(
            Section(f"theme-{theme}", theme_label(theme), tuple(_theme_blocks(table, theme)))
        )
    if not table.rows:
        sections.append(
            Section(
                "figures",
                "Own figures",
                (Paragraph("No member has published own figures yet.", "empty"),),
            )
        )
    summary = [
        f"{len(table.members)} member councils' latest own figures side by side, from each "
        "council's current publication in Line of Sight. Figures resting on 1 to 5 children are "
        f"suppressed; the regional median is taken over the figures shown, and only when at least "
        f"{MIN_FOR_MEDIAN} members' figures go into it. Last published figures are in brackets.",
    ]
    refs = source_refs(set())
    first = resolve(table.members[0][0]) if table.members else resolve("E06000021")
    return Pack(
        kind="regional",
        title="Regional benchmarking pack",
        la=replace(first, name=region_name),
        as_at=as_at,
        data_date=dt.date.fromisoformat(data_date()),
        sections=tuple(sections),
        sources=tuple(refs),
        summary=tuple(summary),
        publishers=("Department for Education",),
        region=region_name,
        demo=demo.removeprefix("Demo: ") + ("." if demo else ""),
    )
