"""Rounds and versions: every save adds a row, inside a transaction, with the next version number.

A council's current round is its highest-numbered one. Starting a round copies the previous round's
current answers as version 1 of each item, marked as carried over, and leaves the old round alone.
The history of an item is its versions newest first, each with what changed from the one before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from lineofsight.assurance.content import QUESTION_IDS
from lineofsight.assurance.records import RATING_LABELS
from lineofsight.web.assessment.forms import AnswerInput
from lineofsight.web.assessment.models import AnswerVersion, Round, SelfEvaluationVersion
from lineofsight.wording import day_month_year

QUESTION_WORDS = {"know": "What we know", "how": "How we know it", "plans": "Our plans"}


def who(user: Any, demo: bool = False) -> str:
    """The name a history line shows for the person who saved a version."""
    if user is None:
        return "Demo data" if demo else "An account since removed"
    return str(user.full_name or user.email)


# -- rounds -----------------------------------------------------------------------------------
def current_round(la_code: str) -> Round | None:
    found: Round | None = Round.objects.filter(la_code=la_code).order_by("-number").first()
    return found


def round_by_number(la_code: str, number: int) -> Round | None:
    found: Round | None = Round.objects.filter(la_code=la_code, number=number).first()
    return found


def default_round_name(started: dt.date) -> str:
    return f"Assessment {started.year}"


def start_round(
    la_code: str,
    name: str,
    started: dt.date,
    user: Any = None,
    *,
    is_demo: bool = False,
) -> Round:
    """A new current round, starting from the last round's current answers (carried over)."""
    with transaction.atomic():
        previous = (
            Round.objects.select_for_update().filter(la_code=la_code).order_by("-number").first()
        )
        new: Round = Round.objects.create(
            la_code=la_code,
            number=(previous.number + 1) if previous else 1,
            name=name,
            started=started,
            created_by=user if getattr(user, "pk", None) else None,
            copied_from=previous,
            is_demo=is_demo,
        )
        if previous is not None:
            copies = [
                AnswerVersion(
                    round=new,
                    kind=old.kind,
                    item_id=old.item_id,
                    version=1,
                    rating=old.rating,
                    level=old.level,
                    narrative=old.narrative,
                    owner=old.owner,
                    review_date=old.review_date,
                    evidence=old.evidence,
                    carried_over=True,
                    created_by=new.created_by,
                )
                for kind in ("question", "enabler")
                for old in current_versions(previous, kind).values()
            ]
            AnswerVersion.objects.bulk_create(copies)
    return new


def ensure_round(la_code: str, user: Any = None) -> Round:
    """The current round, or a first one started today when the council has none."""
    found = current_round(la_code)
    if found is None:
        today = timezone.localdate()
        found = start_round(la_code, default_round_name(today), today, user)
    return found


# -- answers ----------------------------------------------------------------------------------
def current_versions(round_: Round, kind: str) -> dict[str, AnswerVersion]:
    """The latest version of each item of one kind in a round."""
    latest: dict[str, AnswerVersion] = {}
    for v in AnswerVersion.objects.filter(round=round_, kind=kind).select_related("created_by"):
        if v.item_id not in latest or v.version > latest[v.item_id].version:
            latest[v.item_id] = v
    return latest


def save_answer(
    round_: Round, kind: str, item_id: str, answer: AnswerInput, user: Any = None
) -> AnswerVersion:
    """Add a version of one item's answer; the earlier versions are kept as they were."""
    with transaction.atomic():
        Round.objects.select_for_update().filter(pk=round_.pk).first()
        top = AnswerVersion.objects.filter(round=round_, kind=kind, item_id=item_id).aggregate(
            Max("version")
        )["version__max"]
        saved: AnswerVersion = AnswerVersion.objects.create(
            round=round_,
            kind=kind,
            item_id=item_id,
            version=(top or 0) + 1,
            rating=answer.rating,
            level=answer.level,
            narrative=answer.narrative,
            owner=answer.owner,
            review_date=answer.review_date,
            evidence=[{"title": link.title, "url": link.url} for link in answer.evidence],
            created_by=user if getattr(user, "pk", None) else None,
        )
    return saved


@dataclass(frozen=True, slots=True)
class Change:
    """One field that changed between two versions; ``long`` texts are shown in full, both sides."""

    label: str
    old: str
    new: str
    long: bool = False


@dataclass(frozen=True, slots=True)
class HistoryRow:
    version: int
    when: dt.datetime
    by: str
    note: str
    changes: tuple[Change, ...]


def _answer_fields(v: AnswerVersion, levels: dict[str, str]) -> list[tuple[str, str, bool]]:
    links = "\n".join(f"{link['title']} ({link['url']})" for link in v.evidence)
    fields = [("Rating", RATING_LABELS.get(v.rating, "Not assessed"), False)]
    if v.kind == "enabler":
        fields.append(("Maturity level", levels.get(v.level, "Not given"), False))
    fields += [
        ("Owner", v.owner or "Not given", False),
        (
            "Review date",
            f"{day_month_year(v.review_date)}" if v.review_date else "Not given",
            False,
        ),
        ("Narrative", v.narrative, True),
        ("Evidence", links, True),
    ]
    return fields


def _changes(
    old: list[tuple[str, str, bool]] | None, new: list[tuple[str, str, bool]]
) -> tuple[Change, ...]:
    if old is None:
        return tuple(Change(label, "", text, long) for label, text, long in new if text)
    return tuple(
        Change(label, before, after, long)
        for (label, before, _), (_, after, long) in zip(old, new, strict=True)
        if before != after
    )


def answer_history(
    round_: Round, kind: str, item_id: str, levels: dict[str, str] | None = None
) -> list[HistoryRow]:
    """Every version of one item in a round, newest first, each with what it changed."""
    versions = list(
        AnswerVersion.objects.filter(round=round_, kind=kind, item_id=item_id)
        .select_related("created_by")
        .order_by("version")
    )
    rows: list[HistoryRow] = []
    previous: list[tuple[str, str, bool]] | None = None
    for v in versions:
        fields = _answer_fields(v, levels or {})
        if v.carried_over:
            source = round_.copied_from
            note = f"Carried over from round {source.number}" if source else "Carried over"
            if source is not None:
                note += f" ({source.name})"
            changes: tuple[Change, ...] = ()
        else:
            note = "First answer" if previous is None else ""
            changes = _changes(previous, fields)
            if previous is not None and not changes:
                note = "Saved again with no change"
        rows.append(
            HistoryRow(v.version, v.created_at, who(v.created_by, round_.is_demo), note, changes)
        )
        previous = fields
    return rows[::-1]


# -- the self-evaluation ----------------------------------------------------------------------
def current_sections(la_code: str) -> dict[str, SelfEvaluationVersion]:
    """The latest saved text of each section that has been edited."""
    latest: dict[str, SelfEvaluationVersion] = {}
    for v in SelfEvaluationVersion.objects.filter(la_code=la_code).select_related("created_by"):
        if v.section_id not in latest or v.version > latest[v.section_id].version:
            latest[v.section_id] = v
    return latest


def save_section(
    la_code: str,
    section_id: str,
    texts: dict[str, str],
    user: Any = None,
    *,
    from_draft: bool = False,
) -> SelfEvaluationVersion:
    """Add a version of a section's three answers (a clash on the version number is retried)."""
    for attempt in range(3):
        top = SelfEvaluationVersion.objects.filter(
            la_code=la_code, section_id=section_id
        ).aggregate(Max("version"))["version__max"]
        try:
            with transaction.atomic():
                saved: SelfEvaluationVersion = SelfEvaluationVersion.objects.create(
                    la_code=la_code,
                    section_id=section_id,
                    version=(top or 0) + 1,
                    texts={q: texts.get(q, "") for q in QUESTION_IDS},
                    from_draft=from_draft,
                    created_by=user if getattr(user, "pk", None) else None,
                )
            return saved
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def section_history(la_code: str, section_id: str) -> list[HistoryRow]:
    """Every saved version of one section, newest first, with the answers that changed."""
    versions = list(
        SelfEvaluationVersion.objects.filter(la_code=la_code, section_id=section_id)
        .select_related("created_by")
        .order_by("version")
    )
    rows: list[HistoryRow] = []
    previous: list[tuple[str, str, bool]] | None = None
    for v in versions:
        fields = [(QUESTION_WORDS[q], str(v.texts.get(q, "")), True) for q in QUESTION_IDS]
        changes = _changes(previous, fields)
        if v.from_draft:
            note = "Reset to the data's draft"
        elif previous is None:
            note = "First edit of the draft"
        else:
            note = "" if changes else "Saved again with no change"
        rows.append(HistoryRow(v.version, v.created_at, who(v.created_by), note, changes))
        previous = fields
    return rows[::-1]
