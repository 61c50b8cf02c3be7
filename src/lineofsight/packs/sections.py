"""The sections the packs share: indicator tables by theme, changes, signals, key questions,
actions, Ofsted, statutory roles and voices.

Each builder returns a :class:`Section` even when there is nothing to show, with a sentence that
says so and what would fill it, so a pack made before anything is recorded still reads whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from lineofsight.assurance.content import KeyQuestion, Source, key_questions
from lineofsight.assurance.prose import lower_first
from lineofsight.assurance.records import (
    ACTION_STATUS_LABELS,
    POST_LABELS,
    POSTS,
    RATING_LABELS,
    Action,
    role_signals,
    tenure_sentence,
)
from lineofsight.benchmark.engine import Entry
from lineofsight.indicators.meta import IndicatorMeta, lookup_indicator, theme_label
from lineofsight.packs.context import PackContext
from lineofsight.packs.figures import (
    better_or_worse,
    cell,
    change_cell,
    code_notes,
    rank_cell,
    release_of,
    trend_chart,
    year_text,
)
from lineofsight.packs.model import Block, Bullets, Figure, Paragraph, Section, SourceRef, Table
from lineofsight.published.ofsted import ILACS_PARTS, SEND_FRAMEWORKS
from lineofsight.published.store import load_store
from lineofsight.signals.model import Signal
from lineofsight.values import Value
from lineofsight.wording import date_text, day_month_year, fmt_change, rate_text

# The indicator drawn as a chart for each theme: the one a leader is most often asked about.
CHART_INDICATORS = {
    "front_door": "referrals_rate_per_10k",
    "help_and_protection": "cpp_rate_per_10k",
    "children_in_care": "cla_rate_per_10k",
    "care_leavers": "care_leavers_eet_19_21_pct",
    "workforce": "sw_agency_rate_pct",
    "send": "ehcp_20wk_excl_exceptions_pct",
    "finance": "cla_weekly_unit_cost",
    "youth_justice": "yj_first_time_entrants_rate_per_100k",
    "education": "cla_ks4_attainment8",
}
TABLE_COLUMNS = (
    "Indicator (when)",
    "Value",
    "Change on previous year",
    "Neighbours (median)",
    "Region",
    "England",
    "Rank (band)",
)
BAND_NOTE = {
    "judged": "Rank 1 is the best council. Band (in brackets): A best quarter of councils, "
    "B second-best, C second-worst, D worst.",
    "mixed": "Rank 1 is the best council. Band (in brackets): A best quarter of councils, "
    "B second-best, C second-worst, D worst; where neither higher nor lower is better, rank 1 is "
    "the lowest value and Q1 to Q4 are the lowest to the highest quarter. Counts and money totals "
    "are context, shown with their rate and never ranked.",
    "neither": "Neither higher nor lower is better for these: rank 1 is the lowest value and Q1 "
    "to Q4 (in brackets) the lowest to the highest quarter. Counts and money totals are context, "
    "shown with their rate and never ranked.",
}
SEVERITY_WORDS = {"high": "High", "medium": "Medium", "low": "Low"}


def _d(when: dt.date | None) -> str:
    return f"{day_month_year(when)}" if when else "not set"


# ------------------------------------------------------------------------------------------------
def indicator_table(
    ctx: PackContext, ids: Sequence[str], caption: str, band_key: bool = True
) -> list[Block]:
    """The comparison table for ``ids`` (the ones with published figures) and its code notes.

    ``band_key=False`` leaves out the key to ranks and bands, for a pack that gives it once
    before a run of tables rather than under each.
    """
    entries = [e for e in (ctx.entry(i) for i in ids) if e is not None]
    if not entries:
        return [Paragraph(f"No published figures are held for this: {caption.lower()}.", "empty")]
    rows = []
    shown: list[Value] = []
    for e in entries:
        m = e.indicator
        if e.source_id:
            ctx.source_ids.add(e.source_id)
        shown += [e.value, e.neighbours_median, e.region, e.england]
        rows.append(
            (
                f"{m.title} ({year_text(m, e.year)})",
                cell(e.value, m) + (f" ({rate_text(e)})" if rate_text(e) else ""),
                change_cell(e),
                cell(e.neighbours_median, m),
                cell(e.region, m),
                cell(e.england, m),
                rank_cell(e),
            )
        )
    notes = code_notes(shown)
    key = BAND_NOTE[_band_kind(entries)] if band_key else ""
    return [
        Table(
            caption,
            TABLE_COLUMNS,
            tuple(rows),
            (False, True, True, True, True, True, True),
            note=" ".join(p for p in (key, notes) if p),
            widths=(40, 9, 10, 10, 8, 8, 15),
        )
    ]


def _band_kind(entries: Sequence[Entry]) -> str:
    kinds = {e.indicator.polarity == "neither" for e in entries}
    return "mixed" if kinds == {True, False} else "neither" if kinds == {True} else "judged"


def chart_block(ctx: PackContext, indicator_id: str) -> list[Block]:
    e = ctx.entry(indicator_id)
    if e is None or len(e.series) < 2:
        return []
    source = e.indicator.publication
    released = release_of(e.source_id)
    if released:
        source += f", released {date_text(released)}"
    return [Figure(trend_chart(ctx.benchmark, ctx.la, e), source)]


def theme_section(
    ctx: PackContext,
    theme: str,
    ids: Sequence[str] | None = None,
    chart: bool = True,
    counts_as_text: bool = False,
    band_key: bool = True,
) -> Section:
    """One theme's headline indicators against neighbours, region and England, with a chart.

    With ``counts_as_text`` the plain counts (children in need, referrals, ...) are said in a
    sentence instead of compared: a count set against a region's or England's total says little,
    and the theme's rates and shares make the comparison.
    """
    chosen = list(ids) if ids is not None else _theme_ids(ctx, theme)
    label = theme_label(theme)
    counted: list[str] = []
    if counts_as_text:
        counted = [i for i in chosen if (e := ctx.entry(i)) and e.indicator.unit == "count"]
        chosen = [i for i in chosen if i not in counted]
    blocks = indicator_table(ctx, chosen, table_caption(label), band_key) if chosen else []
    if counted:
        blocks.append(
            Paragraph("Numbers: " + "; ".join(_count_phrase(ctx, i) for i in counted) + ".")
        )
    lead = CHART_INDICATORS.get(theme)
    if chart and lead in chosen and lead is not None:
        blocks += chart_block(ctx, lead)
    return Section(f"theme-{theme}", label, tuple(blocks))


def _count_phrase(ctx: PackContext, indicator_id: str) -> str:
    e = ctx.entry(indicator_id)
    assert e is not None
    if e.source_id:
        ctx.source_ids.add(e.source_id)
    m = e.indicator
    change = f", {change_cell(e)} on the year before" if e.change is not None else ""
    return f"{lower_first(m.title)} {cell(e.value, m)} ({year_text(m, e.year)}{change})"


def table_caption(label: str) -> str:
    return f"{label}: figures against neighbours, region and England"


def _theme_ids(ctx: PackContext, theme: str) -> list[str]:
    return [i for i, e in ctx.entries.items() if e.indicator.theme == theme]


# ------------------------------------------------------------------------------------------------
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
    head = f"Published since the previous pack (data as at {_d(ctx.since)})"
    if not rows:
        return [
            Paragraph(
                f"No headline figure has been published since the previous pack's data date "
                f"({_d(ctx.since)}).",
                "empty",
            )
        ]
    return [
        Paragraph(
            f"{len(rows)} headline figures were released after {_d(ctx.since)}, the data date of "
            "the previous pack; each is set against the latest figure released by then."
        ),
        Table(
            head,
            ("Indicator", "At the previous pack", "Now", "Better or worse"),
            tuple(rows),
            widths=(34, 25, 25, 16),
        ),
    ]


# ------------------------------------------------------------------------------------------------
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


# ------------------------------------------------------------------------------------------------
def source_text(src: Source) -> str:
    when = f", {_d(src.published)}" if src.published else ""
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
        due = _d(a.review_date) if a.review_date else "no review date"
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


# ------------------------------------------------------------------------------------------------
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
        f"at {_d(ctx.as_at)}."
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
        _d(a.due),
        status,
        a.latest_update or "none recorded",
    )


# ------------------------------------------------------------------------------------------------
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
                f"{time_between(inspected, ctx.as_at)} before this pack's date ({_d(ctx.as_at)})."
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


# ------------------------------------------------------------------------------------------------
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
                _d(h.appointed) if h.appointed else "not recorded",
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


# ------------------------------------------------------------------------------------------------
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
            _d(v.date),
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


def headline_ids(ctx: PackContext, themes: Iterable[str] | None = None) -> list[str]:
    """Headline ids with figures, catalogue order, Ofsted judgements left to the Ofsted section."""
    keep = set(themes) if themes is not None else None
    return [
        i
        for i, e in ctx.entries.items()
        if e.indicator.theme != "ofsted" and (keep is None or e.indicator.theme in keep)
    ]
