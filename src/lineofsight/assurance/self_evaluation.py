"""A first draft of the council's Ofsted self-evaluation, written from the published data.

The DCS answers Ofsted's three questions each year. This drafts the part the data can answer, in
plain English with figures and years ("At 31 March 2025, 170 children per 10,000 were looked
after, ..."), says where a figure is suppressed or missing instead of skipping it, and leaves
the rest as prompts. Signals and validation finding counts are accepted as plain data so later
work (the early-warning signals, the returns checks, the web editor) can pass them in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from lineofsight.assurance.content import (
    SIGNAL_FAMILY,
    QuestionId,
    Section,
    SelfEvaluationTemplate,
    SignalKind,
    self_evaluation_template,
)
from lineofsight.assurance.prose import figure, join_words, lower_first, when
from lineofsight.benchmark.engine import Benchmark, Entry, get_benchmark
from lineofsight.errors import UserError
from lineofsight.indicators.meta import IndicatorMeta, lookup_indicator
from lineofsight.reference.las import LA, registry
from lineofsight.values import LABELS, State, Value

RETURN_NAMES = {
    "ssda903": "SSDA903 (children looked after)",
    "cin": "CIN census",
    "workforce": "workforce census",
}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True, slots=True)
class SignalNote:
    """An early-warning signal as the draft needs it: which indicator, what kind, the sentence.

    ``kind`` is the rule that fired (e.g. ``xmr_beyond_limits``); ``family`` groups it as the
    content files do (volatility, divergence, threshold, data_quality), None for a rule not known
    here yet.
    """

    indicator_id: str
    kind: str
    family: SignalKind | None
    severity: str  # high | medium | low
    sentence: str

    @classmethod
    def from_data(cls, raw: object, where: str = "signal") -> SignalNote:
        """From a mapping or a ``lineofsight.signals`` Signal; a bad one is a UserError."""
        values: dict[str, str] = {}
        for key in ("indicator_id", "kind", "severity", "sentence"):
            value = _field(raw, key)
            if key == "severity":
                value = getattr(value, "label", value)
                if isinstance(value, int) and not isinstance(value, bool):
                    value = {0: "high", 1: "medium", 2: "low"}.get(value, str(value))
            if not isinstance(value, str) or not value.strip():
                raise UserError(f"{where}, field '{key}': give some text.")
            values[key] = value.strip()
        lookup_indicator(values["indicator_id"])
        kind = values["kind"]
        return cls(
            values["indicator_id"],
            kind,
            SIGNAL_FAMILY.get(kind),
            values["severity"],
            values["sentence"],
        )


def _field(raw: object, key: str) -> object:
    """A field of a mapping, or an attribute of an object (a signal from the signals module)."""
    if isinstance(raw, Mapping):
        return raw.get(key)
    return getattr(raw, key, None)


@dataclass(frozen=True, slots=True)
class FindingCount:
    """How many validation findings one of the council's returns had."""

    kind: str  # ssda903 | cin | workforce
    year: str
    errors: int
    queries: int

    @classmethod
    def from_data(cls, raw: object, where: str = "findings") -> FindingCount:
        if not isinstance(raw, Mapping):
            raise UserError(f"{where} is not a mapping with kind, year, errors and queries.")
        kind = raw.get("kind")
        if kind not in RETURN_NAMES:
            raise UserError(
                f"{where}, field 'kind': '{kind}' is not one of {', '.join(RETURN_NAMES)}."
            )
        counts = {k: raw.get(k, 0) for k in ("errors", "queries")}
        for key, value in counts.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise UserError(f"{where}, field '{key}': '{value}' is not a count (0 or more).")
        return cls(str(kind), str(raw.get("year") or ""), counts["errors"], counts["queries"])


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure the draft quotes, kept so pages can link it back to the indicator."""

    indicator_id: str
    year: str
    value: Value
    neighbours_median: Value
    england: Value
    band: str | None
    sentence: str


@dataclass(frozen=True, slots=True)
class SectionDraft:
    id: str
    title: str
    answers: Mapping[QuestionId, tuple[str, ...]]  # paragraphs drafted from the data
    prompts: Mapping[QuestionId, tuple[str, ...]]  # what the data cannot say, for the DCS
    figures: tuple[Figure, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Draft:
    la: LA
    questions: Mapping[QuestionId, str]
    sections: tuple[SectionDraft, ...]
    source: str

    def section(self, section_id: str) -> SectionDraft:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise UserError(f"The self-evaluation has no section '{section_id}'.")

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(f for s in self.sections for f in s.figures)


# ----------------------------------------------------------------------------------------------
def draft_self_evaluation(
    la: LA | str,
    signals: Iterable[object] | None = None,
    findings: Iterable[object] | None = None,
    benchmark: Benchmark | None = None,
    template: SelfEvaluationTemplate | None = None,
) -> Draft:
    """Draft every section for one council from the latest published figures.

    ``signals`` and ``findings`` are optional plain data (mappings); ``None`` means "not supplied"
    and the draft says so, an empty list means "supplied, and there were none".
    """
    bench = benchmark or get_benchmark()
    tpl = template or self_evaluation_template()
    reg = registry()
    council = reg.resolve(la) if isinstance(la, str) else la
    if not council.current:
        after = join_words([reg.get(c).name for c in council.successors]) or "its successor"
        raise UserError(
            f"{council.name} no longer has children's services of its own; draft the "
            f"self-evaluation for {after} instead."
        )
    notes = (
        None
        if signals is None
        else [SignalNote.from_data(s, f"signal {n}") for n, s in enumerate(signals, 1)]
    )
    counts = (
        None
        if findings is None
        else [FindingCount.from_data(f, f"findings entry {n}") for n, f in enumerate(findings, 1)]
    )
    sections = [_section(bench, tpl, council, section, notes) for section in tpl.sections]
    placed = {i for section in tpl.sections for i in section.indicators}
    unplaced = [n for n in notes or [] if n.indicator_id not in placed]
    sections[0] = _with_overall_notes(sections[0], notes, unplaced, counts)
    source = (
        "Drafted by Line of Sight from the published figures bundled with it (DfE, Ofsted), "
        f"compared with {council.name}'s statistical neighbours ({bench.model} model) and England. "
        "Edit before use: the data answer only part of each question."
    )
    return Draft(council, {q.id: q.text for q in tpl.questions}, tuple(sections), source)


def _section(
    bench: Benchmark,
    tpl: SelfEvaluationTemplate,
    la: LA,
    section: Section,
    signals: list[SignalNote] | None,
) -> SectionDraft:
    figures: list[Figure] = []
    sentences: list[str] = []
    for ident in section.indicators:
        entry = bench.entry(la, ident)
        sentence = _figure_sentence(la, lookup_indicator(ident), entry, tpl.phrases.get(ident))
        sentences.append(sentence)
        if entry is not None:
            figures.append(
                Figure(
                    ident,
                    entry.year,
                    entry.value,
                    entry.neighbours_median,
                    entry.england,
                    entry.band,
                    sentence,
                )
            )
    judged = [
        t for i, t in zip(section.indicators, sentences, strict=True) if i == section.judgement
    ]
    others = [
        t for i, t in zip(section.indicators, sentences, strict=True) if i != section.judgement
    ]
    know = [p for p in (" ".join(judged), " ".join(others)) if p]
    mine = [s for s in signals or [] if s.indicator_id in section.indicators]
    if mine:
        know.append(_signals_paragraph(mine))
    elif signals is not None:
        know.append("No early-warning signal was raised on these indicators.")
    answers: dict[QuestionId, tuple[str, ...]] = {
        "know": tuple(know),
        "how": (_how(la, figures, bench),),
        "plans": tuple(_plans(la, figures)),
    }
    return SectionDraft(section.id, section.title, answers, section.prompts, tuple(figures))


def _with_overall_notes(
    first: SectionDraft,
    signals: list[SignalNote] | None,
    unplaced: list[SignalNote],
    findings: list[FindingCount] | None,
) -> SectionDraft:
    """The first section also carries what applies to the whole draft: validation results, and
    signals on indicators that no section shows."""
    know = first.answers["know"]
    if unplaced:
        know += (_signals_paragraph(unplaced, "Early-warning signals on other indicators: "),)
    how = first.answers["how"] + (_findings_sentence(findings),)
    if signals is None:
        how += ("Early-warning signals were not supplied for this draft.",)
    return replace(first, answers={**first.answers, "know": know, "how": how})


def _signals_paragraph(signals: list[SignalNote], lead: str = "Early-warning signals: ") -> str:
    ordered = sorted(signals, key=lambda s: SEVERITY_ORDER.get(s.severity.lower(), 9))
    return lead + " ".join(f"({s.severity}) {s.sentence.rstrip('.')}." for s in ordered)


def _fmt(value: Value, meta: IndicatorMeta) -> str:
    assert value.number is not None
    return figure(value.number, meta.unit, meta.decimals)


def _figure_sentence(la: LA, meta: IndicatorMeta, e: Entry | None, phrase: str | None) -> str:
    """One indicator in one or two sentences, honest about suppressed and missing values."""
    title = lower_first(meta.title)
    if e is None:
        return f"No published figures for {title} are held for any council."
    opening = when(meta.year_label, e.year)
    judgement = meta.unit == "judgement"
    if e.value.ok:
        shown = _fmt(e.value, meta)
        subject = phrase.format(value=shown) if phrase else f"{title} was {shown}"
        text = f"{opening}, {subject}{_comparison(e, meta)}."
    else:
        reason = "" if e.value.state is State.MISSING else f" ({LABELS[e.value.state]})"
        if judgement:
            text = f"{opening}, Ofsted had no {title.removeprefix('Ofsted ')} in force for {la.name}{reason}"
            if e.indicator.id == "ilacs_care_leavers":
                text += (
                    "; this judgement began in January 2023, so a council last inspected before "
                    "then has none yet"
                )
        else:
            text = f"{opening}, no figure for {title} was published for {la.name}{reason}"
        text += f"{_comparison(e, meta, lead='; for comparison, ')}."
    if e.value.ok and e.previous.ok and e.previous_year:
        same = e.previous.number == e.value.number
        if not (judgement and same):
            text += f" {when(meta.year_label, e.previous_year)}, it was {_fmt(e.previous, meta)}."
    if e.value.ok and e.band and not judgement:
        text += " " + _band_sentence(e.band, meta.polarity)
    return text


def _comparison(e: Entry, meta: IndicatorMeta, lead: str = ", against ") -> str:
    """What the figure is compared with; judgements are compared by counting Good neighbours."""
    if meta.unit == "judgement":
        graded = [n.value.number for n in e.neighbours if n.value.ok and n.value.number is not None]
        if not graded:
            return ""
        good = sum(1 for grade in graded if grade <= 2)
        return (
            f"; {good} of the {len(graded)} statistical neighbours with a judgement "
            "were Good or Outstanding"
        )
    parts = []
    if e.neighbours_median.ok:
        parts.append(
            f"{_fmt(e.neighbours_median, meta)} among statistical neighbours "
            f"(median of {e.neighbours_counted})"
        )
    if e.england.ok:
        parts.append(f"{_fmt(e.england, meta)} in England")
    return lead + join_words(parts) if parts else ""


def _band_sentence(band: str, polarity: str) -> str:
    if polarity == "neither":
        place = {"Q1": "lowest", "Q2": "second-lowest", "Q3": "second-highest", "Q4": "highest"}[
            band
        ]
        return f"That is in the {place} quarter of councils."
    place = {"A": "best", "B": "second-best", "C": "second-worst", "D": "worst"}[band]
    better = "higher" if polarity == "high_good" else "lower"
    return f"That is in the {place} quarter of councils ({better} is better)."


def _how(la: LA, figures: list[Figure], bench: Benchmark) -> str:
    if not figures:
        return "No published figures bear on this section."
    publications = sorted({lookup_indicator(f.indicator_id).publication for f in figures})
    years = sorted({f.year for f in figures})
    span = years[0] if len(years) == 1 else f"{years[0]} to {years[-1]}"
    return (
        f"The figures above are the latest published ({span}), from {join_words(publications)}. "
        f"Comparisons are with the median of {la.name}'s statistical neighbours "
        f"({bench.model} model) that have a figure, and with England."
    )


def _findings_sentence(findings: list[FindingCount] | None) -> str:
    if findings is None:
        return (
            "No validation results for the council's own returns were supplied, so this draft "
            "uses published figures only."
        )
    if not findings:
        return "No validation results for the council's own returns were recorded."
    parts = []
    for f in findings:
        name = RETURN_NAMES[f.kind] + (f" for {f.year}" if f.year else "")
        parts.append(
            f"the {name} had {_count(f.errors, 'error')} and {_count(f.queries, 'query', 'queries')}"
        )
    text = "Validation of the council's own returns found that " + join_words(parts) + "."
    if any(f.errors for f in findings):
        text += " Figures computed from a return with errors should be checked before they are relied on."
    return text


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _plans(la: LA, figures: list[Figure]) -> list[str]:
    """What the data put on the plan: a judgement below Good, and worst-quarter figures."""
    out = []
    worst = []
    extreme: dict[str, list[str]] = {"highest": [], "lowest": []}
    for f in figures:
        meta = lookup_indicator(f.indicator_id)
        if meta.unit == "judgement":
            if f.value.ok and f.value.number is not None and f.value.number >= 3:
                out.append(
                    f"Ofsted's judgement in force here is {_fmt(f.value, meta)}; the plan needs to "
                    "show how practice will reach Good."
                )
            continue
        if f.value.number is None:  # a band needs a figure; a code is said elsewhere
            continue
        year = lower_first(when(meta.year_label, f.year))
        quoted = f"{lower_first(meta.title)} ({_fmt(f.value, meta)}, {year})"
        if meta.polarity == "neither":
            # Neither direction is better, but a council at either end still needs a reason:
            # a children in care rate ranked 150 of 151 is not "nothing in the worst quarter".
            if f.band in ("Q4", "D"):
                extreme["highest"].append(quoted)
            elif f.band in ("Q1", "A"):
                extreme["lowest"].append(quoted)
        elif f.band == "D":
            worst.append(quoted)
    if worst:
        out.append(
            f"The published figures put {la.name} in the worst quarter of councils for "
            f"{join_words(worst)}; the plan should say what will change and by when."
        )
    for end, items in extreme.items():
        if items:
            out.append(
                f"{la.name} is in the {end} quarter of councils for {join_words(items)}; neither "
                "higher nor lower is better in itself, so the plan should say why and whether "
                "it is what the council intends."
            )
    if not worst and any(lookup_indicator(f.indicator_id).polarity != "neither" for f in figures):
        out.append(f"No indicator in this section puts {la.name} in the worst quarter of councils.")
    return out


def draft_as_data(draft: Draft) -> dict[str, Any]:
    """The draft as plain data (for JSON and for the briefing pack)."""
    return {
        "la_code": draft.la.code,
        "la_name": draft.la.name,
        "source": draft.source,
        "questions": dict(draft.questions),
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "answers": {q: list(p) for q, p in s.answers.items()},
                "prompts": {q: list(p) for q, p in s.prompts.items()},
                "figures": [
                    {
                        "indicator_id": f.indicator_id,
                        "year": f.year,
                        "value": f.value.number,
                        "state": f.value.state.value,
                        "neighbours_median": f.neighbours_median.number,
                        "england": f.england.number,
                        "band": f.band,
                    }
                    for f in s.figures
                ],
            }
            for s in draft.sections
        ],
    }


def draft_as_text(draft: Draft) -> str:
    """The draft as Markdown-style text a DCS can paste into a document and edit."""
    lines = [f"# Ofsted self-evaluation: draft for {draft.la.name}", "", draft.source, ""]
    for s in draft.sections:
        lines += [f"## {s.title}", ""]
        for qid, question in draft.questions.items():
            lines += [f"### {question}", ""]
            for para in s.answers.get(qid, ()):
                lines += [para, ""]
            for prompt in s.prompts.get(qid, ()):
                lines += [f"- To add: {prompt}", ""]
    return "\n".join(lines).rstrip() + "\n"
