"""The attention list and the signals: what a leader should look at first, most severe first."""

from __future__ import annotations

from collections.abc import Iterable

from lineofsight.indicators.meta import lookup_indicator
from lineofsight.packs.context import PackContext
from lineofsight.packs.model import Block, Bullets, Paragraph, Section
from lineofsight.signals.model import Signal

SEVERITY_WORDS = {"high": "High", "medium": "Medium", "low": "Low"}


def attention_section(ctx: PackContext, limit: int = 7) -> Section:
    """What needs attention: the most severe judgements, one per indicator, with the question
    each bears on (the same list that opens the overview)."""
    from lineofsight.signals.engine import judgements_for

    chosen = [j for j in judgements_for(ctx.la, ctx.benchmark) if j.severity is not None]
    m = ctx.record.monitoring
    if m is not None:  # material finance judgements join the list, as on the overview
        from lineofsight.finance.attention import overspend, sort_key

        extra = list(ctx.record.finance_judgements)
        if not extra:
            found = overspend(m, ctx.la, demo=ctx.record.monitoring_is_demo)
            extra = [found] if found else []
        chosen = sorted([*extra, *chosen], key=sort_key)
    chosen = chosen[:limit]
    heading = "What needs your attention"
    if not chosen:
        return Section(
            "attention",
            heading,
            (Paragraph("Nothing stands out on the published figures.", "empty"),),
        )
    lines = tuple(
        f"{SEVERITY_WORDS[j.severity_label]}: {j.sentence}"
        + (f" Ask: {j.question}" if j.question else "")
        for j in chosen
    )
    lead = Paragraph(
        f"The {len(chosen)} most pressing of Line of Sight's judgements, one per indicator: where "
        "the council stands against its neighbours and England, where the figure is heading and "
        "whether its latest change is beyond its usual variation. A prompt to ask why, not a verdict."
    )
    return Section("attention", heading, (lead, Bullets(lines)))


def signals_section(
    ctx: PackContext, ids: Iterable[str] | None = None, heading: str = "Early-warning signals"
) -> Section:
    wanted = set(ids) if ids is not None else None
    chosen = [s for s in ctx.signals if wanted is None or s.indicator_id in wanted]
    if not chosen:
        none = Paragraph(
            "No early-warning signal fired on these published figures: none moved outside "
            "the range its own history makes likely, sat far from its neighbours or crossed "
            "a national threshold.",
            "empty",
        )
        return Section("signals", heading, (none,))
    counts = {lvl: sum(1 for s in chosen if s.severity.label == lvl) for lvl in SEVERITY_WORDS}
    blocks: list[Block] = [
        Paragraph(
            f"{len(chosen)} signals fired ({counts['high']} high, {counts['medium']} medium, "
            f"{counts['low']} low), most severe first. A signal is a prompt to ask why, not a "
            "judgement: the sentences come from Line of Sight's rules on the published figures."
        )
    ]
    for level, words in SEVERITY_WORDS.items():
        mine = [s for s in chosen if s.severity.label == level]
        if mine:
            blocks += [
                Paragraph(f"{words} ({len(mine)}):", "lead-in"),
                Bullets(tuple(_signal_line(s) for s in mine)),
            ]
    return Section("signals", heading, tuple(blocks))


def _signal_line(signal: Signal) -> str:
    """The signal's sentence, led by its indicator's name unless the sentence already starts so."""
    title = lookup_indicator(signal.indicator_id).title
    return signal.sentence if signal.sentence.startswith(title) else f"{title}: {signal.sentence}"
