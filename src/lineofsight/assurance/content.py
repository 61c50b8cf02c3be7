"""The assurance content: the leader's key questions, the Isos enablers and the self-evaluation template.

The content lives in YAML files beside this module, with its sources, so it can be reviewed and
corrected without touching code. This module turns each file into frozen dataclasses and checks it:
unknown keys, repeated ids and evidence ids missing from the indicator catalogue are refused with
one sentence naming the file and the entry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal, get_args

from lineofsight.assurance.yamlcheck import Entry, check_ids, load_mapping, unique
from lineofsight.errors import UserError
from lineofsight.indicators.catalogue import load_catalogue

SignalKind = Literal["volatility", "divergence", "threshold", "data_quality"]
SIGNAL_KINDS: tuple[SignalKind, ...] = get_args(SignalKind)
# The rules of lineofsight.signals, grouped into the kinds the content files name.
SIGNAL_FAMILY: Mapping[str, SignalKind] = {
    "xmr_beyond_limits": "volatility",
    "large_change": "volatility",
    "run": "volatility",
    "neighbour_divergence": "divergence",
    "worst_quartile": "divergence",
    "threshold": "threshold",
    "own_vs_published": "data_quality",
    "validation_errors": "data_quality",
    # finance (lineofsight.signals.published_finance and lineofsight.finance.signals)
    "placement_cost_growth": "threshold",
    "dsg_deficit": "threshold",
    "forecast_overspend": "threshold",
    "forecast_rising": "volatility",
    "spend_per_child_divergence": "divergence",
    **{k: k for k in SIGNAL_KINDS},
}
QuestionId = Literal["know", "how", "plans"]
QUESTION_IDS: tuple[QuestionId, ...] = get_args(QuestionId)

_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
KEY_QUESTIONS_FILE = "key_questions.yaml"
ENABLERS_FILE = "enablers.yaml"
SELF_EVALUATION_FILE = "self_evaluation.yaml"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a piece of content comes from, shown beside it."""

    title: str
    publisher: str
    published: dt.date | None
    reference: str
    url: str
    note: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """Indicators and kinds of signal that bear on a question or enabler, and why."""

    indicators: tuple[str, ...]
    signals: tuple[SignalKind, ...]
    note: str


@dataclass(frozen=True, slots=True)
class KeyQuestion:
    id: str
    text: str
    theme_id: str
    heading: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Theme:
    """A group of key questions under one of the guide's headings."""

    id: str
    heading: str  # the guide's own heading
    title: str  # a short label for pages
    evidence: Evidence  # links the section's text supports, beyond each question's own
    questions: tuple[KeyQuestion, ...]

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        """Every indicator linked to the theme or one of its questions, first mention first."""
        ids = list(self.evidence.indicators)
        for q in self.questions:
            ids.extend(q.evidence.indicators)
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True, slots=True)
class Excluded:
    """A list the guide mentions but this file does not hold, and why."""

    title: str
    url: str
    reason: str


@dataclass(frozen=True, slots=True)
class KeyQuestions:
    source: Source
    themes: tuple[Theme, ...]
    not_included: tuple[Excluded, ...]

    @property
    def questions(self) -> tuple[KeyQuestion, ...]:
        return tuple(q for t in self.themes for q in t.questions)

    def question(self, question_id: str) -> KeyQuestion:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise UserError(f"There is no key question '{question_id}'.")

    def theme(self, theme_id: str) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        known = ", ".join(t.id for t in self.themes)
        raise UserError(f"There is no key question theme '{theme_id}'; themes: {known}.")


@dataclass(frozen=True, slots=True)
class Level:
    id: str
    label: str
    description: str


@dataclass(frozen=True, slots=True)
class Enabler:
    id: str
    number: int
    title: str
    news_wording: str
    prompt: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Enablers:
    source: Source
    note: str
    journey_stages: tuple[Level, ...]
    levels: tuple[Level, ...]
    enablers: tuple[Enabler, ...]

    def enabler(self, enabler_id: str) -> Enabler:
        for e in self.enablers:
            if e.id == enabler_id:
                return e
        raise UserError(f"There is no enabler '{enabler_id}'.")


@dataclass(frozen=True, slots=True)
class Question:
    id: QuestionId
    text: str


@dataclass(frozen=True, slots=True)
class Section:
    """One part of the self-evaluation: its indicators and the prompts left for the DCS."""

    id: str
    title: str
    judgement: str
    indicators: tuple[str, ...]
    prompts: Mapping[QuestionId, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class SelfEvaluationTemplate:
    source: Source
    questions: tuple[Question, ...]
    sections: tuple[Section, ...]
    phrases: Mapping[str, str]


# ----------------------------------------------------------------------------------------------
@cache
def key_questions() -> KeyQuestions:
    """The leader's key questions bundled with the package (read and checked once)."""
    return parse_key_questions(_read(KEY_QUESTIONS_FILE), KEY_QUESTIONS_FILE)


@cache
def enablers() -> Enablers:
    """The Isos key enablers as a maturity self-assessment."""
    return parse_enablers(_read(ENABLERS_FILE), ENABLERS_FILE)


@cache
def self_evaluation_template() -> SelfEvaluationTemplate:
    """The structure and wording of the Ofsted self-evaluation draft."""
    return parse_self_evaluation(_read(SELF_EVALUATION_FILE), SELF_EVALUATION_FILE)


def _read(name: str) -> str:
    return resources.files("lineofsight.assurance").joinpath(name).read_text("utf-8")


def _catalogue_ids() -> tuple[str, ...]:
    return load_catalogue().ids


def _ident(raw: Mapping[str, Any], where: str) -> str:
    ident = raw.get("id") if isinstance(raw, dict) else None
    if not isinstance(ident, str) or not _ID.fullmatch(ident):
        raise UserError(f"{where}, field 'id': '{ident}' is not a snake_case id.")
    return ident


def _source(raw: object, origin: str) -> Source:
    e = Entry(
        raw,
        f"{origin}: source",
        ("title", "publisher", "published", "reference", "url", "note"),
        ("title", "publisher"),
    )
    return Source(
        title=e.text("title"),
        publisher=e.text("publisher"),
        published=e.optional_date("published"),
        reference=e.optional_text("reference"),
        url=e.optional_text("url"),
        note=e.optional_text("note"),
    )


def _evidence(raw: object, where: str, need_indicator_or_note: bool = True) -> Evidence:
    e = Entry(
        {} if raw is None else raw, f"{where}, evidence", ("indicators", "signals", "note"), ()
    )
    ids = e.text_list("indicators")
    check_ids(ids, _catalogue_ids(), where)
    if len(set(ids)) != len(ids):
        raise e.fail("indicators", "an indicator is listed twice")
    note = e.optional_text("note")
    if need_indicator_or_note and not ids and not note:
        raise e.fail("note", "with no indicators, say in a note what the evidence is instead")
    return Evidence(ids, e.choices("signals", SIGNAL_KINDS), note)


# ----------------------------------------------------------------------------------------------
def parse_key_questions(text: str, origin: str = KEY_QUESTIONS_FILE) -> KeyQuestions:
    """Check and convert the key questions file; bad content raises a one-sentence UserError."""
    top = Entry(
        load_mapping(text, origin),
        origin,
        ("source", "not_included", "themes"),
        ("source", "themes"),
    )
    themes: list[Theme] = []
    for n, raw_theme in enumerate(top.list_of("themes", required=True), start=1):
        tid = _ident(raw_theme, f"{origin}, theme {n}")
        where = f"{origin}: theme '{tid}'"
        t = Entry(
            raw_theme,
            where,
            ("id", "heading", "title", "evidence", "questions"),
            ("id", "heading", "title", "questions"),
        )
        heading = t.text("heading")
        questions: list[KeyQuestion] = []
        for m, raw_q in enumerate(t.list_of("questions", required=True), start=1):
            qid = _ident(raw_q, f"{where}, question {m}")
            qwhere = f"{origin}: question '{qid}'"
            q = Entry(raw_q, qwhere, ("id", "text", "evidence"), ("id", "text"))
            questions.append(
                KeyQuestion(
                    qid, q.text("text"), tid, heading, _evidence(raw_q.get("evidence"), qwhere)
                )
            )
        theme = Theme(
            id=tid,
            heading=heading,
            title=t.text("title"),
            evidence=_evidence(raw_theme.get("evidence"), where, need_indicator_or_note=False),
            questions=tuple(questions),
        )
        if not theme.indicator_ids:
            raise UserError(
                f"{where} has no evidence indicator; link at least one catalogue indicator "
                "to the theme or one of its questions."
            )
        themes.append(theme)
    unique((t.id for t in themes), "theme", origin)
    unique((q.id for t in themes for q in t.questions), "question", origin)
    excluded = []
    for n, raw in enumerate(top.list_of("not_included"), start=1):
        x = Entry(
            raw,
            f"{origin}, not_included entry {n}",
            ("title", "url", "reason"),
            ("title", "reason"),
        )
        excluded.append(Excluded(x.text("title"), x.optional_text("url"), x.text("reason")))
    return KeyQuestions(_source(top.raw["source"], origin), tuple(themes), tuple(excluded))


def parse_enablers(text: str, origin: str = ENABLERS_FILE) -> Enablers:
    """Check and convert the enablers file."""
    top = Entry(
        load_mapping(text, origin),
        origin,
        ("source", "note", "journey_stages", "levels", "enablers"),
        ("source", "note", "levels", "enablers"),
    )

    def levels(field: str) -> tuple[Level, ...]:
        out = []
        for n, raw in enumerate(top.list_of(field, required=field == "levels"), start=1):
            ident = _ident(raw, f"{origin}, {field} entry {n}")
            e = Entry(
                raw, f"{origin}: {field} '{ident}'", ("id", "label", "description"), ("id", "label")
            )
            out.append(Level(ident, e.text("label"), e.optional_text("description")))
        unique((lv.id for lv in out), field.rstrip("s"), origin)
        return tuple(out)

    found: list[Enabler] = []
    for n, raw in enumerate(top.list_of("enablers", required=True), start=1):
        ident = _ident(raw, f"{origin}, enabler {n}")
        where = f"{origin}: enabler '{ident}'"
        e = Entry(
            raw,
            where,
            ("id", "number", "title", "news_wording", "prompt", "evidence"),
            ("id", "number", "title", "prompt"),
        )
        found.append(
            Enabler(
                id=ident,
                number=e.whole_number("number"),
                title=e.text("title"),
                news_wording=e.optional_text("news_wording"),
                prompt=e.text("prompt"),
                evidence=_evidence(raw.get("evidence"), where),
            )
        )
    unique((e.id for e in found), "enabler", origin)
    if [e.number for e in found] != list(range(1, len(found) + 1)):
        raise UserError(f"{origin}: enablers must be numbered 1, 2, 3, ... in order.")
    return Enablers(
        source=_source(top.raw["source"], origin),
        note=top.text("note"),
        journey_stages=levels("journey_stages"),
        levels=levels("levels"),
        enablers=tuple(found),
    )


def parse_self_evaluation(text: str, origin: str = SELF_EVALUATION_FILE) -> SelfEvaluationTemplate:
    """Check and convert the self-evaluation template."""
    top = Entry(
        load_mapping(text, origin),
        origin,
        ("source", "questions", "sections", "phrases"),
        ("source", "questions", "sections"),
    )
    questions = []
    for n, raw in enumerate(top.list_of("questions", required=True), start=1):
        e = Entry(raw, f"{origin}, question {n}", ("id", "text"), ("id", "text"))
        qid = next((q for q in QUESTION_IDS if q == raw["id"]), None)
        if qid is None:
            raise e.fail("id", f"'{raw['id']}' is not one of {', '.join(QUESTION_IDS)}")
        questions.append(Question(qid, e.text("text")))
    if [q.id for q in questions] != list(QUESTION_IDS):
        raise UserError(
            f"{origin}: give the questions know, how and plans, once each and in that order."
        )
    catalogue = load_catalogue()
    sections = []
    for n, raw in enumerate(top.list_of("sections", required=True), start=1):
        ident = _ident(raw, f"{origin}, section {n}")
        where = f"{origin}: section '{ident}'"
        e = Entry(
            raw,
            where,
            ("id", "title", "judgement", "indicators", "prompts"),
            ("id", "title", "indicators"),
        )
        ids = e.text_list("indicators")
        judgement = e.optional_text("judgement")
        check_ids((*ids, *([judgement] if judgement else [])), catalogue.ids, where)
        if judgement and catalogue.get(judgement).unit != "judgement":
            raise e.fail("judgement", f"'{judgement}' is not an Ofsted judgement indicator")
        p = Entry(raw.get("prompts") or {}, f"{where}, prompts", QUESTION_IDS, ())
        prompts = {q: p.text_list(q) for q in QUESTION_IDS}
        sections.append(Section(ident, e.text("title"), judgement, ids, prompts))
    unique((s.id for s in sections), "section", origin)
    phrases_raw = top.raw.get("phrases") or {}
    if not isinstance(phrases_raw, dict):
        raise top.fail("phrases", "give a mapping of indicator id to wording")
    check_ids(phrases_raw, catalogue.ids, f"{origin}: phrases")
    phrases: dict[str, str] = {}
    for ident, wording in phrases_raw.items():
        if not isinstance(wording, str) or wording.count("{value}") != 1:
            raise UserError(
                f"{origin}: the phrase for '{ident}' must contain {{value}} exactly once."
            )
        if re.search(r"\{(?!value\})", wording):
            raise UserError(f"{origin}: the phrase for '{ident}' may use only {{value}} in braces.")
        phrases[str(ident)] = " ".join(wording.split())
    return SelfEvaluationTemplate(
        _source(top.raw["source"], origin), tuple(questions), tuple(sections), phrases
    )
