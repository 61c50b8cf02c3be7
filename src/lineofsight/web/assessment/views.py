"""The assurance pages: key questions, enablers, assessment rounds and the self-evaluation.

Who reads and who edits (issue 6, item 6): every reading role and administrators read all of it.
The leader and the lead member own the key questions and the enablers; the director of children's
services may edit them too, because the DCS holds most of the evidence and often drafts the answers
the leader and lead member then review (every version records who saved it). Only the director
edits the self-evaluation. Reading is ``@requires`` on the view; an edit by a reading role is 403.
Every save is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from lineofsight.assurance.content import (
    Enabler,
    Evidence,
    KeyQuestion,
    enablers,
    key_questions,
    self_evaluation_template,
)
from lineofsight.assurance.records import RATING_LABELS, RATINGS
from lineofsight.benchmark.engine import get_benchmark
from lineofsight.errors import UserError
from lineofsight.reference.las import LA
from lineofsight.web.accounts.permissions import require_in_scope, requires
from lineofsight.web.accounts.roles import ADMINISTRATORS, ANALYSTS, READERS, Role
from lineofsight.web.assessment import evidence, selfeval, store
from lineofsight.web.assessment.forms import (
    AnswerInput,
    parse_answer,
    parse_date,
    parse_section,
    typed_text,
)
from lineofsight.web.assessment.models import AnswerVersion, Round
from lineofsight.web.audit.log import record
from lineofsight.web.audit.models import Action
from lineofsight.web.date_input import with_dates
from lineofsight.web.http import methods, query_number

VIEWERS = READERS | ADMINISTRATORS
ANSWER_EDITORS = frozenset({Role.LEADER, Role.LEAD_MEMBER, Role.DIRECTOR})
SELF_EVALUATION_EDITORS = frozenset({Role.DIRECTOR})
DUE_SOON_DAYS = 30
RATING_TAGS = {
    "strong": "govuk-tag--green",
    "adequate": "govuk-tag--blue",
    "weak": "govuk-tag--red",
    "dont_know": "govuk-tag--yellow",
}


def _council(request: HttpRequest) -> LA:
    code = request.user.scope.primary_la
    require_in_scope(request, code)
    try:
        return get_benchmark().registry.get(code)
    except (KeyError, UserError) as exc:
        raise Http404("Your council is not in the published data.") from exc


def _may(request: HttpRequest, roles: frozenset[Role]) -> bool:
    return getattr(request.user, "role", None) in roles


def _require(request: HttpRequest, roles: frozenset[Role]) -> None:
    if not _may(request, roles):
        raise PermissionDenied("Your role can read this page but not change it.")


def _chosen_round(request: HttpRequest, la: LA) -> tuple[Round | None, Round | None]:
    """(the round to show, the current round); ``?round=N`` picks an earlier one."""
    current = store.current_round(la.code)
    wanted = request.GET.get("round", "").strip()
    if not wanted:
        return current, current
    number = query_number(wanted)
    shown = store.round_by_number(la.code, number) if number is not None else None
    if shown is None:
        raise Http404("No such assessment round.")
    return shown, current


@dataclass(frozen=True, slots=True)
class Flag:
    text: str
    tag: str


def review_flag(answer: AnswerVersion | None, today: dt.date) -> Flag | None:
    """Not assessed, review overdue, or review due within 30 days."""
    if answer is None:
        return Flag("Not assessed", "govuk-tag--grey")
    if answer.review_date is None:
        return None
    if answer.review_date < today:
        return Flag("Review overdue", "govuk-tag--red")
    if (answer.review_date - today).days <= DUE_SOON_DAYS:
        return Flag("Review due soon", "govuk-tag--yellow")
    return None


@dataclass(frozen=True, slots=True)
class IndexRow:
    id: str
    text: str
    answer: AnswerVersion | None
    flag: Flag | None


def _counts(rows: list[IndexRow]) -> list[tuple[str, int]]:
    out = [
        (RATING_LABELS[r], sum(1 for x in rows if x.answer and x.answer.rating == r))
        for r in RATINGS
    ]
    out.append(("Not assessed", sum(1 for x in rows if x.answer is None)))
    return out


def _base(
    request: HttpRequest, la: LA, shown: Round | None, current: Round | None
) -> dict[str, Any]:
    return {
        "la": la,
        "round": shown,
        "current_round": current,
        "is_current": shown is None or (current is not None and shown.pk == current.pk),
        "rating_tags": RATING_TAGS,
        "today": timezone.localdate(),
    }


# -- key questions ----------------------------------------------------------------------------
@requires(*VIEWERS)
@methods("GET")
def index(request: HttpRequest) -> HttpResponse:
    """Every key question by the guide's themes: rating, owner, review date and review flags."""
    la = _council(request)
    shown, current = _chosen_round(request, la)
    answers = store.current_versions(shown, "question") if shown else {}
    today = timezone.localdate()
    themes = []
    every: list[IndexRow] = []
    for theme in key_questions().themes:
        rows = [
            IndexRow(q.id, q.text, answers.get(q.id), review_flag(answers.get(q.id), today))
            for q in theme.questions
        ]
        every += rows
        themes.append((theme, rows))
    context = _base(request, la, shown, current) | {
        "themes": themes,
        "counts": _counts(every),
        "overdue": sum(1 for r in every if r.flag and r.flag.text == "Review overdue"),
        "can_edit": _may(request, ANSWER_EDITORS),
        "source": key_questions().source,
    }
    return render(request, "assessment/index.html", context)


def _item_page(
    request: HttpRequest,
    *,
    kind: str,
    item_id: str,
    title: str,
    caption: str,
    prompt: str,
    item_evidence: Evidence,
    url_name: str,
) -> HttpResponse:
    la = _council(request)
    levels = {lv.id: lv.label for lv in enablers().levels} if kind == "enabler" else {}
    got: AnswerInput | None = None
    if request.method == "POST":
        _require(request, ANSWER_EDITORS)
        got = parse_answer(_post(request), tuple(levels))
        current = store.current_round(la.code)
        posted_round = request.POST.get("round", "")
        if current is not None and posted_round and posted_round != str(current.number):
            got.errors.append(
                (
                    "rating",
                    f"Round {current.number} ({current.name}) started after you opened this page; "
                    "check the answer below and save it again.",
                )
            )
        if not got.errors:
            round_ = store.ensure_round(la.code, request.user)
            before = store.current_versions(round_, kind).get(item_id)
            saved = store.save_answer(round_, kind, item_id, got, request.user)
            record(
                request,
                Action.CHANGE,
                obj=("assessment_answer", saved.pk),
                details={
                    "la_code": la.code,
                    "kind": kind,
                    "item": item_id,
                    "round": round_.number,
                    "version": saved.version,
                    "rating": saved.rating,
                    "previous_rating": before.rating if before else None,
                    "narrative_changed": (before.narrative if before else "") != saved.narrative,
                },
            )
            return redirect(f"{reverse(url_name, args=[item_id])}?saved={saved.version}#answer")
    shown, current = _chosen_round(request, la)
    answer = store.current_versions(shown, kind).get(item_id) if shown else None
    context = _base(request, la, shown, current) | {
        "kind": kind,
        "item_id": item_id,
        "title": title,
        "caption": caption,
        "prompt": prompt,
        "answer": answer,
        "form": got or _form_from(answer),
        "levels": enablers().levels if kind == "enabler" else (),
        "level_labels": levels,
        "ratings": [(r, RATING_LABELS[r]) for r in RATINGS],
        "found": evidence.gather(la, item_evidence, exact_own=_may(request, ANALYSTS)),
        "history": store.answer_history(shown, kind, item_id, levels) if shown else [],
        "can_edit": _may(request, ANSWER_EDITORS),
        "saved": request.GET.get("saved", ""),
        "flag": review_flag(answer, timezone.localdate()),
    }
    return render(request, "assessment/item.html", context, status=400 if got else 200)


def _post(request: HttpRequest) -> Mapping[str, str]:
    return {k: str(request.POST.get(k, "")) for k in request.POST}


def _form_from(answer: AnswerVersion | None) -> AnswerInput:
    """The form pre-filled with the current answer (or empty)."""
    if answer is None:
        return AnswerInput()
    from lineofsight.web.assessment.forms import links_text

    return AnswerInput(
        rating=answer.rating,
        level=answer.level,
        narrative=answer.narrative,
        owner=answer.owner,
        review_date=answer.review_date,
        evidence_text=links_text(answer.evidence),
        review_text=answer.review_date.isoformat() if answer.review_date else "",
    )


def _question(question_id: str) -> KeyQuestion:
    try:
        return key_questions().question(question_id)
    except UserError as exc:
        raise Http404(exc.message) from exc


@requires(*VIEWERS)
@methods("GET", "POST")
def question(request: HttpRequest, question_id: str) -> HttpResponse:
    """One key question: the current answer, the automatic evidence, the form and the history."""
    q = _question(question_id)
    return _item_page(
        request,
        kind="question",
        item_id=q.id,
        title=q.text,
        caption=q.heading,
        prompt="",
        item_evidence=q.evidence,
        url_name="assessment:question",
    )


# -- enablers ---------------------------------------------------------------------------------
@requires(*VIEWERS)
@methods("GET")
def enablers_index(request: HttpRequest) -> HttpResponse:
    """The seven enablers with their maturity level and rating in the round."""
    la = _council(request)
    shown, current = _chosen_round(request, la)
    answers = store.current_versions(shown, "enabler") if shown else {}
    today = timezone.localdate()
    content = enablers()
    rows = [
        IndexRow(e.id, e.title, answers.get(e.id), review_flag(answers.get(e.id), today))
        for e in content.enablers
    ]
    context = _base(request, la, shown, current) | {
        "content": content,
        "rows": rows,
        "level_labels": {lv.id: lv.label for lv in content.levels},
        "counts": _counts(rows),
        "can_edit": _may(request, ANSWER_EDITORS),
    }
    return render(request, "assessment/enablers.html", context)


def _enabler(enabler_id: str) -> Enabler:
    try:
        return enablers().enabler(enabler_id)
    except UserError as exc:
        raise Http404(exc.message) from exc


@requires(*VIEWERS)
@methods("GET", "POST")
def enabler(request: HttpRequest, enabler_id: str) -> HttpResponse:
    """One enabler: maturity level and rating, the evidence, the form and the history."""
    e = _enabler(enabler_id)
    return _item_page(
        request,
        kind="enabler",
        item_id=e.id,
        title=f"{e.number}. {e.title}",
        caption="Key enablers of improvement",
        prompt=e.prompt,
        item_evidence=e.evidence,
        url_name="assessment:enabler",
    )


# -- rounds -----------------------------------------------------------------------------------
@requires(*VIEWERS)
@methods("GET", "POST")
def rounds(request: HttpRequest) -> HttpResponse:
    """Every round of the council; editors start a new one from the last round's answers."""
    la = _council(request)
    errors: list[tuple[str, str]] = []
    name = typed_text(request.POST, "name") if request.method == "POST" else ""
    posted = with_dates(request.POST, ["started"])
    started_text = typed_text(posted, "started") if request.method == "POST" else ""
    if request.method == "POST":
        _require(request, ANSWER_EDITORS)
        started = parse_date(started_text)
        if not name:
            errors.append(("name", "Enter a name for the round"))
        elif len(name) > 120:
            errors.append(("name", "Name must be 120 characters or fewer"))
        if started is None:
            errors.append(("started", "Start date must be a real date"))
        if not errors and started is not None:
            previous = store.current_round(la.code)
            new = store.start_round(la.code, name, started, request.user)
            record(
                request,
                Action.CHANGE,
                obj=("assessment_round", new.pk),
                details={
                    "la_code": la.code,
                    "round": new.number,
                    "name": new.name,
                    "carried_over_from": previous.number if previous else None,
                    "answers_carried_over": new.answers.count(),
                },
            )
            return redirect("assessment:index")
    all_rounds = list(Round.objects.filter(la_code=la.code).select_related("created_by"))
    summary = [
        (
            r,
            store.who(r.created_by, r.is_demo),
            len(store.current_versions(r, "question")),
            len(store.current_versions(r, "enabler")),
        )
        for r in all_rounds
    ]
    context = {
        "la": la,
        "rounds": summary,
        "current_round": all_rounds[0] if all_rounds else None,
        "errors": errors,
        "name": name,
        "started": started_text or timezone.localdate().isoformat(),
        "can_edit": _may(request, ANSWER_EDITORS),
        "questions_total": len(key_questions().questions),
        "enablers_total": len(enablers().enablers),
    }
    return render(request, "assessment/rounds.html", context, status=400 if errors else 200)


# -- the self-evaluation ----------------------------------------------------------------------
@requires(*VIEWERS)
@methods("GET")
def self_evaluation(request: HttpRequest) -> HttpResponse:
    """The whole self-evaluation: each section's text in force (edited, else the data's draft)."""
    la = _council(request)
    draft = selfeval.council_draft(la)
    context = {
        "la": la,
        "draft": draft,
        "questions": draft.questions,
        "sections": selfeval.sections(la, draft),
        "can_edit": _may(request, SELF_EVALUATION_EDITORS),
        "source": self_evaluation_template().source,
    }
    return render(request, "assessment/self_evaluation.html", context)


@requires(*VIEWERS)
@methods("GET", "POST")
def self_evaluation_section(request: HttpRequest, section_id: str) -> HttpResponse:
    """Edit one section beside the data's current draft; every save is a new version."""
    la = _council(request)
    draft = selfeval.council_draft(la)
    try:
        draft.section(section_id)
    except UserError as exc:
        raise Http404(exc.message) from exc
    errors: list[tuple[str, str]] = []
    posted: dict[str, str] | None = None
    if request.method == "POST":
        _require(request, SELF_EVALUATION_EDITORS)
        reset = request.POST.get("action") == "reset"
        if reset:
            posted = selfeval.draft_texts(draft, section_id)
        else:
            posted, errors = parse_section(_post(request))
        if not errors:
            before = store.current_sections(la.code).get(section_id)
            saved = store.save_section(la.code, section_id, posted, request.user, from_draft=reset)
            record(
                request,
                Action.CHANGE,
                obj=("self_evaluation_section", section_id),
                details={
                    "la_code": la.code,
                    "version": saved.version,
                    "reset_to_draft": reset,
                    "changed": [
                        q
                        for q, text in posted.items()
                        if (before.texts.get(q, "") if before else None) != text
                    ],
                },
            )
            url = reverse("assessment:self-evaluation-section", args=[section_id])
            return redirect(f"{url}?saved={saved.version}")
    view = next(s for s in selfeval.sections(la, draft) if s.id == section_id)
    context = {
        "la": la,
        "section": view,
        "questions": draft.questions,
        "texts": posted if posted is not None else view.texts,
        "errors": errors,
        "error_map": dict(errors),
        "history": store.section_history(la.code, section_id),
        "figures": evidence.indicator_rows(
            la, [f.indicator_id for f in draft.section(section_id).figures], {}
        ),
        "can_edit": _may(request, SELF_EVALUATION_EDITORS),
        "saved": request.GET.get("saved", ""),
    }
    return render(
        request, "assessment/self_evaluation_section.html", context, status=400 if errors else 200
    )
