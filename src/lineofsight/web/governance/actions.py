"""The action log: every action with its history, filterable by board and status; clerks add and
edit actions, the strategic quartet and clerks record updates."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from lineofsight.assurance.records import ACTION_STATUS_LABELS, days_overdue
from lineofsight.web.accounts.permissions import require_in_scope, requires
from lineofsight.web.governance import common, govuk_form, store
from lineofsight.web.governance.access import (
    ACTION_UPDATERS,
    BOARD_EDITORS,
    GOVERNANCE_READERS,
    can,
)
from lineofsight.web.governance.forms import ActionForm, ActionUpdateForm
from lineofsight.web.governance.models import Action, Board, Meeting
from lineofsight.web.http import methods, query_number


def _action(request: HttpRequest, pk: int) -> Action:
    action: Action = get_object_or_404(Action.objects.select_related("board"), pk=pk)
    require_in_scope(request, action.la_code)
    return action


@requires(*GOVERNANCE_READERS)
@methods("GET")
def actions(request: HttpRequest) -> HttpResponse:
    """Every action, filterable by board and status; overdue ones are marked."""
    la_code = common.council(request)
    boards = list(store.ensure_boards(la_code))
    today = common.today()
    chosen_board = request.GET.get("board", "")
    chosen_status = request.GET.get("status", "")
    qs = Action.objects.filter(la_code=la_code).select_related("board")
    if chosen_board:
        qs = qs.filter(board__slug=chosen_board)
    if chosen_status == "overdue":
        qs = store.overdue(qs, today)
    elif chosen_status in ACTION_STATUS_LABELS:
        qs = qs.filter(status=chosen_status)
    rows = common.action_rows(qs, today)
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
        "overdue_days": days_overdue(a.status, a.due, common.today()),
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
    common.audit(
        request,
        "governance_action",
        a.pk,
        {"update": update.pk, "from": previous, "to": update.status},
    )
    return redirect("governance:action", pk=a.pk)


def _from_meeting(request: HttpRequest, la_code: str) -> Meeting | None:
    """The meeting an action is being added from (``?meeting=``), if it is this council's."""
    meeting_pk = query_number(request.GET.get("meeting", ""))
    if meeting_pk is None:
        return None
    found: Meeting | None = (
        Meeting.objects.filter(pk=meeting_pk, board__la_code=la_code)
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
    la_code = common.council(request)
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
        common.audit(
            request,
            "governance_action",
            a.pk,
            {"added": a.title, "board": a.board.name, "due": a.due.isoformat() if a.due else ""},
        )
        return redirect("governance:action", pk=a.pk)
    return common.form_page(
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
        common.audit(request, "governance_action", a.pk, {"changed": changed})
        return redirect("governance:action", pk=a.pk)
    return common.form_page(
        request,
        form,
        title="Edit the action",
        caption="Action log",
        submit="Save changes",
        back=reverse("governance:action", kwargs={"pk": a.pk}),
        status=400 if form.errors else 200,
    )
