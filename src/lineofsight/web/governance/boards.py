"""Boards and meetings: the council's boards, each board's meetings and decisions, and the
forms that add and edit them (board clerks)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify

from lineofsight.assurance.records import CLOSED_STATUSES, days_overdue
from lineofsight.web.accounts.permissions import require_in_scope, requires
from lineofsight.web.governance import common, store
from lineofsight.web.governance.access import BOARD_EDITORS, GOVERNANCE_READERS, can
from lineofsight.web.governance.forms import BoardForm, MeetingForm
from lineofsight.web.governance.models import Board, Meeting
from lineofsight.web.http import methods
from lineofsight.wording import day_month_year


def _board(request: HttpRequest, slug: str) -> Board:
    la_code = common.council(request)
    store.ensure_boards(la_code)
    board: Board = get_object_or_404(Board, la_code=la_code, slug=slug)
    return board


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting: Meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    require_in_scope(request, meeting.board.la_code)
    return meeting


@requires(*GOVERNANCE_READERS)
@methods("GET")
def index(request: HttpRequest) -> HttpResponse:
    """The council's boards, each with its last meeting and its open and overdue actions."""
    la_code = common.council(request)
    today = common.today()
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
    today = common.today()
    context = {
        "board": b,
        "meetings": b.meetings.all().prefetch_related("decisions"),
        "rows": common.action_rows(b.actions.all(), today),
        "can_edit": can(request, BOARD_EDITORS),
    }
    return render(request, "governance/board.html", context)


@requires(*BOARD_EDITORS)
@methods("GET", "POST")
def board_add(request: HttpRequest) -> HttpResponse:
    """Add a board the guide's seven do not cover (a sub-group, a panel)."""
    la_code = common.council(request)
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
        common.audit(request, "governance_board", board.pk, {"added": board.name})
        return redirect("governance:board", slug=board.slug)
    return common.form_page(
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
        common.audit(
            request, "governance_board", b.pk, {"changed": store.describe_changes(before, after)}
        )
        return redirect("governance:board", slug=b.slug)
    return common.form_page(
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
    today = common.today()
    decisions = [
        {"decision": d, "rows": common.action_rows(d.actions.all(), today)}
        for d in m.decisions.all()
    ]
    context = {
        "meeting": m,
        "decisions": decisions,
        "rows": common.action_rows(m.actions.filter(decision__isnull=True), today),
        "can_edit": can(request, BOARD_EDITORS),
    }
    return render(request, "governance/meeting.html", context)


def _save_meeting(request: HttpRequest, form: MeetingForm, board: Board, new: bool) -> Meeting:
    m: Meeting = form.save(commit=False)
    m.board = board
    m.save()
    store.save_decisions(m, form.cleaned_data.get("decisions_text", ""))
    common.audit(
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
    return common.form_page(
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
    return common.form_page(
        request,
        form,
        title=f"Edit the meeting of {day_month_year(m.date)}",
        caption=m.board.name,
        submit="Save changes",
        back=reverse("governance:meeting", kwargs={"pk": m.pk}),
        status=400 if form.errors else 200,
    )
