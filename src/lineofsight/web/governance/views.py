"""The governance pages: boards and meetings, the action log, the statutory roles register, and
corporate parenting with the voices of children.

Reading pages are open to every role (``access.GOVERNANCE_READERS``); each form has its own URL
opened only to the roles that may change that record, so a reader's POST is refused (403) before
anything is read. Every change is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from lineofsight.assurance.records import (
    ACTION_STATUS_LABELS,
    CLOSED_STATUSES,
    POST_LABELS,
    POSTS,
    RoleHolder,
    days_overdue,
    role_signals,
    tenure_sentence,
)
from lineofsight.web.accounts.permissions import require_in_scope, requires
from lineofsight.web.audit.log import record
from lineofsight.web.audit.models import Action as AuditAction
from lineofsight.web.governance import govuk_form, store
from lineofsight.web.governance.access import (
    ACTION_UPDATERS,
    BOARD_EDITORS,
    GOVERNANCE_READERS,
    ROLE_EDITORS,
    VOICE_EDITORS,
    can,
)
from lineofsight.web.governance.content import board_questions
from lineofsight.web.governance.forms import (
    ActionForm,
    ActionUpdateForm,
    BoardForm,
    CommitmentForm,
    MeetingForm,
    RoleForm,
    VoiceForm,
)
from lineofsight.web.governance.models import (
    Action,
    Board,
    Commitment,
    CommitmentKind,
    Meeting,
    Voice,
)
from lineofsight.web.http import methods


def _council(request: HttpRequest) -> str:
    code = str(request.user.scope.primary_la)
    require_in_scope(request, code)
    return code


def _today() -> dt.date:
    today: dt.date = timezone.localdate()
    return today


def _board(request: HttpRequest, slug: str) -> Board:
    la_code = _council(request)
    store.ensure_boards(la_code)
    board: Board = get_object_or_404(Board, la_code=la_code, slug=slug)
    return board


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting: Meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    require_in_scope(request, meeting.board.la_code)
    return meeting


def _action(request: HttpRequest, pk: int) -> Action:
    action: Action = get_object_or_404(Action.objects.select_related("board"), pk=pk)
    require_in_scope(request, action.la_code)
    return action


def _action_rows(actions: Any, today: dt.date) -> list[dict[str, Any]]:
    return [{"action": a, "overdue_days": days_overdue(a.status, a.due, today)} for a in actions]


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    caption: str,
    submit: str,
    back: str,
    intro: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "title": title,
        "caption": caption,
        "intro": intro,
        "submit": submit,
        "back": back,
        "fields": govuk_form.fields(form),
        "errors": govuk_form.error_list(form),
    }
    return render(request, "governance/form.html", context, status=status)


def _audit(request: HttpRequest, kind: str, pk: object, details: dict[str, Any]) -> None:
    record(request, AuditAction.CHANGE, obj=(kind, pk), details=details)


# Boards and meetings ---------------------------------------------------------------------------


@requires(*GOVERNANCE_READERS)
@methods("GET")
def index(request: HttpRequest) -> HttpResponse:
    """The council's boards, each with its last meeting and its open and overdue actions."""
    la_code = _council(request)
    today = _today()
    rows = []
    for board in store.ensure_boards(la_code):
        actions = list(board.actions.all())
        last = board.meetings.filter(date__lte=today).first()
        rows.append(
            {
                "board": board,
                "last_meeting": last,
                "meetings": board.meetings.count(),
                "open": sum(a.status not in CLOSED_STATUSES for a in actions),
                "overdue": sum(days_overdue(a.status, a.due, today) > 0 for a in actions),
            }
        )
    context = {"rows": rows, "can_edit": can(request, BOARD_EDITORS)}
    return render(request, "governance/index.html", context)


@requires(*GOVERNANCE_READERS)
@methods("GET")
def board(request: HttpRequest, slug: str) -> HttpResponse:
    """One board: what it is for, its meetings and the actions it agreed."""
    b = _board(request, slug)
    today = _today()
    context = {
        "board": b,
        "meetings": b.meetings.all().prefetch_related("decisions"),
        "rows": _action_rows(b.actions.all(), today),
        "can_edit": can(request, BOARD_EDITORS),
    }
    return render(request, "governance/board.html", context)


@requires(*BOARD_EDITORS)
@methods("GET", "POST")
def board_add(request: HttpRequest) -> HttpResponse:
    """Add a board the guide's seven do not cover (a sub-group, a panel)."""
    la_code = _council(request)
    store.ensure_boards(la_code)
    form = BoardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        board = form.save(commit=False)
        board.la_code = la_code
        base = slugify(board.name)[:70] or "board"
        slug, n = base, 1
        while Board.objects.filter(la_code=la_code, slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        board.slug = slug
        board.save()
        _audit(request, "governance_board", board.pk, {"added": board.name})
        return redirect("governance:board", slug=board.slug)
    return _form_page(
        request,
        form,
        title="Add a board",
        caption="Governance",
        submit="Add board",
        back=reverse("governance:index"),
        status=400 if form.errors else 200,
    )


@requires(*BOARD_EDITORS)
@methods("GET", "POST")
def board_edit(request: HttpRequest, slug: str) -> HttpResponse:
    b = _board(request, slug)
    before = {"name": b.name, "purpose": b.purpose, "chair": b.chair}
    form = BoardForm(request.POST or None, instance=b)
    if request.method == "POST" and form.is_valid():
        form.save()
        after = {"name": b.name, "purpose": b.purpose, "chair": b.chair}
        _audit(
            request, "governance_board", b.pk, {"changed": store.describe_changes(before, after)}
        )
        return redirect("governance:board", slug=b.slug)
    return _form_page(
        request,
        form,
        title=f"Edit {b.name}",
        caption="Governance",
        submit="Save changes",
        back=reverse("governance:board", kwargs={"slug": b.slug}),
        status=400 if form.errors else 200,
    )


@requires(*GOVERNANCE_READERS)
@methods("GET")
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """One meeting: who came, what it decided and the actions that came from it."""
    m = _meeting(request, pk)
    today = _today()
    decisions = [
        {"decision": d, "rows": _action_rows(d.actions.all(), today)} for d in m.decisions.all()
    ]
    context = {
        "meeting": m,
        "decisions": decisions,
        "rows": _action_rows(m.actions.filter(decision__isnull=True), today),
        "can_edit": can(request, BOARD_EDITORS),
    }
    return render(request, "governance/meeting.html", context)


def _save_meeting(request: HttpRequest, form: MeetingForm, board: Board, new: bool) -> Meeting:
    m: Meeting = form.save(commit=False)
    m.board = board
    m.save()
    store.save_decisions(m, form.cleaned_data.get("decisions_text", ""))
    _audit(
        request,
        "governance_meeting",
        m.pk,
        {
            "board": board.name,
            "date": m.date.isoformat(),
            "decisions": m.decisions.count(),
            "added" if new else "edited": True,
        },
    )
    return m


@requires(*BOARD_EDITORS)
@methods("GET", "POST")
def meeting_add(request: HttpRequest, slug: str) -> HttpResponse:
    b = _board(request, slug)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        m = _save_meeting(request, form, b, new=True)
        return redirect("governance:meeting", pk=m.pk)
    return _form_page(
        request,
        form,
        title="Add a meeting",
        caption=b.name,
        submit="Add meeting",
        back=reverse("governance:board", kwargs={"slug": b.slug}),
        status=400 if form.errors else 200,
    )


@requires(*BOARD_EDITORS)
@methods("GET", "POST")
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    m = _meeting(request, pk)
    form = MeetingForm(request.POST or None, instance=m)
    if request.method == "POST" and form.is_valid():
        _save_meeting(request, form, m.board, new=False)
        return redirect("governance:meeting", pk=m.pk)
    return _form_page(
        request,
        form,
        title=f"Edit the meeting of {m.date:%-d %B %Y}",
        caption=m.board.name,
        submit="Save changes",
        back=reverse("governance:meeting", kwargs={"pk": m.pk}),
        status=400 if form.errors else 200,
    )


# The action log --------------------------------------------------------------------------------


@requires(*GOVERNANCE_READERS)
@methods("GET")
def actions(request: HttpRequest) -> HttpResponse:
    """Every action, filterable by board and status; overdue ones are marked."""
    la_code = _council(request)
    boards = list(store.ensure_boards(la_code))
    today = _today()
    chosen_board = request.GET.get("board", "")
    chosen_status = request.GET.get("status", "")
    qs = Action.objects.filter(la_code=la_code).select_related("board")
    if chosen_board:
        qs = qs.filter(board__slug=chosen_board)
    if chosen_status == "overdue":
        qs = store.overdue(qs, today)
    elif chosen_status in ACTION_STATUS_LABELS:
        qs = qs.filter(status=chosen_status)
    rows = _action_rows(qs, today)
    context = {
        "rows": rows,
        "overdue": sum(r["overdue_days"] > 0 for r in rows),
        "boards": [{"value": "", "text": "All boards"}]
        + [{"value": b.slug, "text": b.name, "selected": b.slug == chosen_board} for b in boards],
        "statuses": [{"value": "", "text": "Any status"}]
        + [
            {"value": k, "text": v, "selected": k == chosen_status}
            for k, v in [*ACTION_STATUS_LABELS.items(), ("overdue", "Overdue")]
        ],
        "filtered": bool(chosen_board or chosen_status),
        "can_add": can(request, BOARD_EDITORS),
    }
    return render(request, "governance/actions.html", context)


@requires(*GOVERNANCE_READERS)
@methods("GET")
def action(request: HttpRequest, pk: int) -> HttpResponse:
    """One action with its whole update history and, for those who may, the update form."""
    a = _action(request, pk)
    form = ActionUpdateForm(current=a.status)
    return _action_page(request, a, form)


def _action_page(
    request: HttpRequest, a: Action, form: ActionUpdateForm, status: int = 200
) -> HttpResponse:
    context = {
        "action": a,
        "overdue_days": days_overdue(a.status, a.due, _today()),
        "updates": a.updates.all(),
        "fields": govuk_form.fields(form),
        "errors": govuk_form.error_list(form),
        "can_update": can(request, ACTION_UPDATERS),
        "can_edit": can(request, BOARD_EDITORS),
    }
    return render(request, "governance/action.html", context, status=status)


@requires(*ACTION_UPDATERS)
@methods("POST")
def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a row to the action's history: a new status, a note, or both."""
    a = _action(request, pk)
    form = ActionUpdateForm(request.POST, current=a.status)
    if not form.is_valid():
        return _action_page(request, a, form, status=400)
    previous = a.status
    update = store.add_update(
        a, form.cleaned_data["status"], form.cleaned_data["note"], request.user
    )
    _audit(
        request,
        "governance_action",
        a.pk,
        {"update": update.pk, "from": previous, "to": update.status},
    )
    return redirect("governance:action", pk=a.pk)


def _from_meeting(request: HttpRequest, la_code: str) -> Meeting | None:
    """The meeting an action is being added from (``?meeting=``), if it is this council's."""
    meeting_pk = request.GET.get("meeting", "")
    if not meeting_pk.isdigit():
        return None
    found: Meeting | None = (
        Meeting.objects.filter(pk=int(meeting_pk), board__la_code=la_code)
        .select_related("board")
        .first()
    )
    return found


def _initial_for_action(request: HttpRequest, la_code: str) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    slug = request.GET.get("board", "")
    if slug:
        initial["board"] = Board.objects.filter(la_code=la_code, slug=slug).first()
    meeting = _from_meeting(request, la_code)
    if meeting is not None:
        initial["board"] = meeting.board
    return initial


@requires(*BOARD_EDITORS)
@methods("GET", "POST")
def action_add(request: HttpRequest) -> HttpResponse:
    la_code = _council(request)
    store.ensure_boards(la_code)
    form = ActionForm(
        request.POST or None, la_code=la_code, initial=_initial_for_action(request, la_code)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision = data["decision"]
        meeting = decision.meeting if decision is not None else _from_meeting(request, la_code)
        if meeting is not None and meeting.board_id != data["board"].pk:
            meeting = None  # the clerk chose another board: the action is not from that meeting
        a = store.add_action(
            la_code=la_code,
            board=data["board"],
            title=data["title"],
            owner=data["owner"],
            due=data["due"],
            meeting=meeting,
            decision=decision,
            user=request.user,
        )
        _audit(
            request,
            "governance_action",
            a.pk,
            {"added": a.title, "board": a.board.name, "due": a.due.isoformat() if a.due else ""},
        )
        return redirect("governance:action", pk=a.pk)
    return _form_page(
        request,
        form,
        title="Add an action",
        caption="Action log",
        submit="Add action",
        back=reverse("governance:actions"),
        status=400 if form.errors else 200,
    )


@requires(*BOARD_EDITORS)
@methods("GET", "POST")
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct an action's wording, owner, board or due date; the change goes into its history."""
    a = _action(request, pk)
    before: dict[str, object] = {
        "Action": a.title,
        "Owner": a.owner,
        "Board": a.board.name,
        "Due date": a.due,
    }
    initial = {
        "title": a.title,
        "owner": a.owner,
        "board": a.board,
        "decision": a.decision,
        "due": a.due,
    }
    form = ActionForm(request.POST or None, la_code=a.la_code, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        a.title, a.owner, a.board, a.due = data["title"], data["owner"], data["board"], data["due"]
        a.decision = data["decision"]
        a.meeting = a.decision.meeting if a.decision is not None else a.meeting
        a.save()
        after = {"Action": a.title, "Owner": a.owner, "Board": a.board.name, "Due date": a.due}
        changed = store.describe_changes(before, after)
        if changed:
            store.add_update(a, a.status, f"Edited. {changed}.", request.user)
        _audit(request, "governance_action", a.pk, {"changed": changed})
        return redirect("governance:action", pk=a.pk)
    return _form_page(
        request,
        form,
        title="Edit the action",
        caption="Action log",
        submit="Save changes",
        back=reverse("governance:action", kwargs={"pk": a.pk}),
        status=400 if form.errors else 200,
    )


# The statutory roles register ------------------------------------------------------------------


@requires(*GOVERNANCE_READERS)
@methods("GET")
def roles(request: HttpRequest) -> HttpResponse:
    """Who holds each statutory post, for how long against the national picture, and the signals."""
    la_code = _council(request)
    today = _today()
    current = store.current_roles(la_code)
    holders: tuple[RoleHolder, ...] = tuple(store.holder(r) for r in current.values())
    signals = role_signals(holders, today)
    posts = []
    for post in POSTS:
        rec = current.get(post)
        h = store.holder(rec) if rec is not None else None
        posts.append(
            {
                "post": post,
                "label": POST_LABELS[post],
                "record": rec,
                "vacant": h is not None and h.vacant,
                "tenure": tenure_sentence(h, today) if h is not None and not h.vacant else "",
                "signals": [s for s in signals if s.post == post],
                "history": store.role_history(la_code, post)[1:],
            }
        )
    context = {
        "posts": posts,
        "signals": signals,
        "can_edit": can(request, ROLE_EDITORS),
    }
    return render(request, "governance/roles.html", context)


@requires(*ROLE_EDITORS)
@methods("GET", "POST")
def role_edit(request: HttpRequest, post: str) -> HttpResponse:
    """Record who holds a post now (a new entry; the earlier one stays as history)."""
    if post not in POSTS:
        raise Http404("No such statutory post.")
    la_code = _council(request)
    current = store.current_roles(la_code).get(post)
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {f: getattr(current, f) for f in RoleForm.Meta.fields if hasattr(current, f)}
    form = RoleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {f: form.cleaned_data[f] for f in RoleForm.Meta.fields}
        rec = store.record_role(la_code, post, fields, request.user)
        _audit(
            request,
            "governance_role",
            rec.pk,
            {
                "post": post,
                "name": rec.name or "vacant",
                "interim": rec.interim,
                "previous": current.name if current is not None else "",
            },
        )
        return redirect("governance:roles")
    return _form_page(
        request,
        form,
        title=f"Record a change: {POST_LABELS[post]}",
        caption="Statutory roles register",
        intro=(
            "Saving adds a new entry to the register; the earlier entry stays in the post's history."
        ),
        submit="Save to the register",
        back=reverse("governance:roles"),
        status=400 if form.errors else 200,
    )


# Corporate parenting and the voices of children ------------------------------------------------


@requires(*GOVERNANCE_READERS)
@methods("GET")
def corporate_parenting(request: HttpRequest) -> HttpResponse:
    """What children and families said and what was done, the commitments, and the board's
    questions from the leader's guide."""
    la_code = _council(request)
    voices = list(Voice.objects.filter(la_code=la_code))
    commitments = list(Commitment.objects.filter(la_code=la_code))
    context = {
        "voices": voices,
        "awaiting": sum(not v.response.strip() for v in voices),
        "reported": sum(v.reported_to_council for v in voices),
        "commitment_groups": [
            (label, [c for c in commitments if c.kind == kind])
            for kind, label in CommitmentKind.choices
        ],
        "questions": board_questions(),
        "can_edit": can(request, VOICE_EDITORS),
    }
    return render(request, "governance/corporate_parenting.html", context)


def _voice_or_commitment_form(
    request: HttpRequest,
    form_class: type[forms.ModelForm],
    instance: Voice | Commitment | None,
    *,
    kind: str,
    title: str,
    submit: str,
) -> HttpResponse:
    la_code = _council(request)
    if instance is not None:
        require_in_scope(request, instance.la_code)
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.la_code = la_code if instance is None else instance.la_code
        obj.save()
        details: dict[str, Any] = {"added" if instance is None else "edited": True}
        if isinstance(obj, Voice):
            details |= {"group": obj.group, "has_response": bool(obj.response.strip())}
        else:
            details |= {"kind": obj.kind, "status": obj.status}
        _audit(request, kind, obj.pk, details)
        return redirect("governance:corporate-parenting")
    return _form_page(
        request,
        form,
        title=title,
        caption="Corporate parenting",
        submit=submit,
        back=reverse("governance:corporate-parenting"),
        status=400 if form.errors else 200,
    )


@requires(*VOICE_EDITORS)
@methods("GET", "POST")
def voice_add(request: HttpRequest) -> HttpResponse:
    return _voice_or_commitment_form(
        request,
        VoiceForm,
        None,
        kind="governance_voice",
        title="Record what children or families said",
        submit="Save",
    )


@requires(*VOICE_EDITORS)
@methods("GET", "POST")
def voice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _voice_or_commitment_form(
        request,
        VoiceForm,
        get_object_or_404(Voice, pk=pk),
        kind="governance_voice",
        title="Update what was heard and the response",
        submit="Save changes",
    )


@requires(*VOICE_EDITORS)
@methods("GET", "POST")
def commitment_add(request: HttpRequest) -> HttpResponse:
    return _voice_or_commitment_form(
        request,
        CommitmentForm,
        None,
        kind="governance_commitment",
        title="Add a commitment",
        submit="Save",
    )


@requires(*VOICE_EDITORS)
@methods("GET", "POST")
def commitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _voice_or_commitment_form(
        request,
        CommitmentForm,
        get_object_or_404(Commitment, pk=pk),
        kind="governance_commitment",
        title="Update a commitment",
        submit="Save changes",
    )
