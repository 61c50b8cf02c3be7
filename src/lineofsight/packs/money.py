"""The Money section of the quartet and scrutiny packs: the published finance figures against
neighbours, where the returns disagree, and the council's own budget monitoring (labelled as demo
where it is synthetic)."""

from __future__ import annotations

from lineofsight.finance.demo import DEMO_LABEL
from lineofsight.finance.monitoring import month_text, total, variances
from lineofsight.finance.published import HEADLINE, source_gaps
from lineofsight.finance.signals import monitoring_signals
from lineofsight.packs.context import PackContext
from lineofsight.packs.model import Block, Bullets, Paragraph, Section, Table
from lineofsight.packs.sections.indicators import indicator_table
from lineofsight.signals.model import sort_signals
from lineofsight.wording import money, signed_money


def _signed(number: float | None) -> str:
    if number is None:
        return "First month"
    return signed_money(number)


def money_section(ctx: PackContext) -> Section:
    """Published spend, unit costs and the high needs position; then the budget monitoring."""
    blocks: list[Block] = [
        Paragraph(
            "Published figures are nominal pounds for the financial year named, from the section "
            "251 outturn (DfE, via LAIT), the revenue outturn RO3 (MHCLG) and the Dedicated Schools "
            "Grant publications; totals are context, per-child figures and unit costs are compared "
            "with the 10 statistical neighbours."
        )
    ]
    blocks += indicator_table(ctx, HEADLINE, "Money: spend, unit costs and high needs")
    gaps = source_gaps(ctx.la.code)
    if gaps:
        years = "; ".join(f"{g.year}: {money(g.s251)} against {money(g.ro3)}" for g in gaps[-3:])
        blocks.append(
            Paragraph(
                "The section 251 and RO3 returns give children looked after spend more than 10% "
                f"apart ({years}). They are made to different definitions; ask the finance team "
                "which one budgets are set against."
            )
        )
    blocks += _monitoring_blocks(ctx)
    blocks += _drivers_blocks(ctx)
    return Section("money", "Money", tuple(blocks))


MIX_DEMO_LABEL = "Synthetic 903 returns made for the demo, not the council's real children"


def _drivers_blocks(ctx: PackContext) -> list[Block]:
    """What drives cost: the placement mix from the council's 903, disclosed (1 to 5 as c)."""
    from lineofsight.finance.drivers import disclosed, highest_sentence, period_text, table_rows

    if ctx.record.placement_mix is None:
        return [
            Paragraph(
                "What drives cost: no placement mix has been kept from the council's 903 returns, "
                "so the cost by placement type is not shown.",
                "empty",
            )
        ]
    d = disclosed(ctx.record.placement_mix)
    out: list[Block] = []
    if ctx.record.placement_mix_is_demo:
        out.append(Paragraph(f"{MIX_DEMO_LABEL}.", "demo"))
    rows = table_rows(d)
    out.append(
        Paragraph(
            f"What drives cost: {highest_sentence(d)} Each type's estimate is its placement days "
            "times its weekly unit cost (the council's own where given, otherwise the published "
            "section 251 figure) divided by 7; fostering is split by the 903's provider code."
        )
    )
    out.append(
        Table(
            caption=f"Placements by type and provider, {period_text(d)}",
            columns=("Placement type", "Children at the end", "Days", "Weekly cost", "Estimate"),
            rows=tuple(rows),
            numeric=(False, True, True, True, True),
            note="c: rests on 1 to 5 children (or would let such a figure be worked out)."
            if any("c" in r[1:] for r in rows)
            else "",
            widths=(40, 15, 15, 15, 15),
        )
    )
    return out


def _monitoring_blocks(ctx: PackContext) -> list[Block]:
    m = ctx.record.monitoring
    if m is None:
        return [
            Paragraph(
                "No budget monitoring has been loaded into Line of Sight: a finance officer or "
                "analyst can upload the council's monthly forecast on the Finance page.",
                "empty",
            )
        ]
    lines = variances(m)
    all_lines = total(lines)
    pct = all_lines.variance_pct
    out: list[Block] = []
    if ctx.record.monitoring_is_demo:
        out.append(Paragraph(f"{DEMO_LABEL}.", "demo"))
    out.append(
        Paragraph(
            f"Budget monitoring at the end of {month_text(m.latest)}: the forecast outturn for "
            f"{m.financial_year} is {money(all_lines.forecast)} against a budget of "
            f"{money(all_lines.budget)}, {_signed(all_lines.variance)}"
            + (f" ({pct:+.1f}%)" if pct is not None else "")
            + f"; {_signed(all_lines.movement)} on the month before."
        )
    )
    out.append(
        Table(
            caption=f"Forecast against budget by service line, {month_text(m.latest)}",
            columns=("Service line", "Budget", "Forecast", "Variance", "Change on last month"),
            rows=tuple(
                (
                    v.label,
                    money(v.budget),
                    money(v.forecast),
                    _signed(v.variance),
                    _signed(v.movement),
                )
                for v in [*lines, all_lines]
            ),
            numeric=(False, True, True, True, True),
            widths=(40, 15, 15, 15, 15),
        )
    )
    found = sort_signals(monitoring_signals(m, ctx.la, ctx.benchmark))
    if found:
        out.append(Paragraph("What the monitoring flags:", "lead-in"))
        out.append(Bullets(tuple(f"{s.severity.label.capitalize()}: {s.sentence}" for s in found)))
    return out
