"""What changed: figures that moved since last year, and what was published since the last pack."""

from __future__ import annotations

from collections.abc import Sequence

from lineofsight.indicators.meta import IndicatorMeta
from lineofsight.packs.context import PackContext
from lineofsight.packs.figures import (
    better_or_worse,
    cell,
    release_of,
    year_text,
)
from lineofsight.packs.model import Block, Bullets, Paragraph, Section, Table
from lineofsight.values import Value
from lineofsight.wording import day_month_year, fmt_change


def changes_section(ctx: PackContext, ids: Sequence[str]) -> Section:
    """What moved on the year before and, given the last pack's date, what is new since it."""
    blocks: list[Block] = []
    if ctx.since is not None:
        blocks += _since_blocks(ctx, ids)
    worse, better = [], []
    steady = 0
    for i in ids:
        e = ctx.entry(i)
        if e is None or e.change is None or e.previous_year is None:
            continue
        verdict = better_or_worse(e.indicator, e.change)
        row = _change_row(e.indicator, e.previous_year, e.previous, e.year, e.value, e.change)
        if verdict == "worse":
            worse.append(row)
        elif verdict == "better":
            better.append(row)
        else:
            steady += 1
    lead = (
        f"Against the year before, {len(worse)} headline figures got worse and {len(better)} got "
        f"better; {steady} others changed where neither direction is better, or did not change. "
        "Years are as DfE labels them."
    )
    if ctx.since is None:
        lead += (
            " Given the previous pack's data date (--since on the command line), this section "
            "also lists every figure published after it."
        )
    blocks.append(Paragraph(lead))
    for heading, rows in (
        ("Worse than the year before", worse),
        ("Better than the year before", better),
    ):
        if rows:
            blocks += [Paragraph(f"{heading} ({len(rows)}):", "lead-in"), Bullets(tuple(rows))]
        else:
            blocks.append(
                Paragraph(
                    f"No headline figure got {heading.split()[0].lower()} on the year before.",
                    "empty",
                )
            )
    return Section("changes", "What changed since the last pack", tuple(blocks))


def _change_row(m: IndicatorMeta, y0: str, v0: Value, y1: str, v1: Value, delta: float) -> str:
    """One line of the changes list: 'Title: 84.8 (2024) to 50.5 (2025), -34.3 per 10,000'."""
    sign = "+" if delta > 0 else "-" if delta < 0 else ""
    return (
        f"{m.title}: {cell(v0, m)} ({y0}) to {cell(v1, m)} ({y1}), "
        f"{sign}{fmt_change(delta, m.decimals, m.unit)}"
    )


def _since_blocks(ctx: PackContext, ids: Sequence[str]) -> list[Block]:
    """Figures released after the previous pack's data date, against what it could show."""
    assert ctx.since is not None
    since = ctx.since.isoformat()
    rows = []
    for i in ids:
        e = ctx.entry(i)
        if e is None or release_of(e.source_id) <= since:
            continue
        m = e.indicator
        panel = ctx.benchmark.panel(i)
        r = panel.row.get(ctx.la.code)
        before: tuple[str, Value] | None = None
        if r is not None:
            for y in reversed(panel.years[: panel.col(e.year)]):
                sid = int(panel.sources[r, panel.col(y)])
                if sid and release_of(sid) <= since:
                    before = (y, panel.cell(ctx.la.code, y))
                    break
        then = "no figure" if before is None else f"{cell(before[1], m)} ({before[0]})"
        delta = (
            e.value.number - before[1].number
            if before
            and e.value.ok
            and before[1].ok
            and e.value.number is not None
            and before[1].number is not None
            else None
        )
        verdict = better_or_worse(m, delta) if delta is not None else "not comparable"
        rows.append((m.title, then, f"{cell(e.value, m)} ({year_text(m, e.year)})", verdict))
    head = f"Published since the previous pack (data as at {day_month_year(ctx.since)})"
    if not rows:
        return [
            Paragraph(
                f"No headline figure has been published since the previous pack's data date "
                f"({day_month_year(ctx.since)}).",
                "empty",
            )
        ]
    return [
        Paragraph(
            f"{len(rows)} headline figures were released after {day_month_year(ctx.since)}, the data date of "
            "the previous pack; each is set against the latest figure released by then."
        ),
        Table(
            head,
            ("Indicator", "At the previous pack", "Now", "Better or worse"),
            tuple(rows),
            widths=(34, 25, 25, 16),
        ),
    ]
