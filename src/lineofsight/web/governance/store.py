"""Reading and changing the governance records, so views stay thin and the history rules live in
one place: an action's status only changes through a new ``ActionUpdate``, and a statutory post
only changes through a new ``RoleRecord``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from lineofsight.assurance.records import CLOSED_STATUSES, POSTS, RoleHolder
from lineofsight.web.governance.content import board_seeds
from lineofsight.web.governance.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Board,
    Decision,
    Meeting,
    RoleRecord,
)
from lineofsight.wording import day_month_year


def overdue(actions: QuerySet[Action], today: dt.date) -> QuerySet[Action]:
    """The actions overdue at ``today``: the rule of ``records.days_overdue``, as a query."""
    return actions.filter(due__lt=today).exclude(status__in=CLOSED_STATUSES)


def ensure_boards(la_code: str) -> QuerySet[Board]:
    """The council's boards, seeding the guide's seven from ``boards.yaml`` the first time."""
    boards = Board.objects.filter(la_code=la_code)
    if not boards.exists():
        with transaction.atomic():
            for order, seed in enumerate(board_seeds(), start=1):
                Board.objects.get_or_create(
                    la_code=la_code,
                    slug=seed.slug,
                    defaults={"name": seed.name, "purpose": seed.purpose, "order": order * 10},
                )
    return Board.objects.filter(la_code=la_code)


def _email(user: Any, who: str = "") -> str:
    """Who made a change, as the history shows it: the account's email, else ``who``."""
    return str(getattr(user, "email", "") or who)


def _user(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


def add_action(
    *,
    la_code: str,
    board: Board,
    title: str,
    owner: str,
    due: dt.date | None,
    meeting: Meeting | None = None,
    decision: Decision | None = None,
    user: Any = None,
    note: str = "",
    who: str = "",
) -> Action:
    """A new action, opened with its first history row ("Action added")."""
    with transaction.atomic():
        action = Action.objects.create(
            la_code=la_code,
            board=board,
            meeting=meeting,
            decision=decision,
            title=title,
            owner=owner,
            due=due,
            status=ActionStatus.OPEN,
        )
        ActionUpdate.objects.create(
            action=action,
            status=ActionStatus.OPEN,
            note=note or "Action added.",
            by=_user(user),
            by_email=_email(user, who),
        )
    return action  # type: ignore[no-any-return]  # Django models are untyped


def add_update(
    action: Action, status: str, note: str, user: Any = None, who: str = ""
) -> ActionUpdate:
    """A new history row; the action's status becomes the row's. Earlier rows are left as they are."""
    with transaction.atomic():
        update = ActionUpdate.objects.create(
            action=action,
            status=ActionStatus(status),
            previous_status=action.status,
            note=note,
            by=_user(user),
            by_email=_email(user, who),
        )
        if action.status != status:
            action.status = status
            action.save(update_fields=["status"])
    return update  # type: ignore[no-any-return]


def describe_changes(before: dict[str, object], after: dict[str, object]) -> str:
    """'Due date: 1 March 2027 → 1 April 2027' for each field an edit changed, for the history."""
    parts = []
    for key, old in before.items():
        new = after.get(key)
        if old != new:
            parts.append(f"{key}: {_say(old)} → {_say(new)}")
    return "; ".join(parts)


def _say(value: object) -> str:
    if value is None or value == "":
        return "none"
    if isinstance(value, dt.date):
        return f"{day_month_year(value)}"
    return str(value)


def save_decisions(meeting: Meeting, text: str) -> None:
    """The meeting's decisions from one-per-line text: unchanged lines keep their row (and the
    actions linked to it); removed lines go; new lines are added in order."""
    wanted = [line.strip() for line in text.splitlines() if line.strip()]
    existing = list(meeting.decisions.all())
    kept: set[int] = set()
    with transaction.atomic():
        for number, line in enumerate(wanted, start=1):
            match = next((d for d in existing if d.text == line and d.pk not in kept), None)
            if match is None:
                match = Decision.objects.create(meeting=meeting, number=number, text=line)
            elif match.number != number:
                match.number = number
                match.save(update_fields=["number"])
            kept.add(match.pk)
        meeting.decisions.exclude(pk__in=kept).delete()


def current_roles(la_code: str) -> dict[str, RoleRecord]:
    """The latest register entry for each post that has one."""
    out: dict[str, RoleRecord] = {}
    for rec in RoleRecord.objects.filter(la_code=la_code).order_by("-recorded_at", "-pk"):
        out.setdefault(rec.post, rec)
    return {post: out[post] for post in POSTS if post in out}


def role_history(la_code: str, post: str) -> list[RoleRecord]:
    """Every entry for a post, newest first."""
    return list(
        RoleRecord.objects.filter(la_code=la_code, post=post).order_by("-recorded_at", "-pk")
    )


def holder(rec: RoleRecord) -> RoleHolder:
    """The plain-data form the signals and packs read."""
    return RoleHolder(
        post=rec.post,
        name=rec.name,
        appointed=rec.appointed,
        interim=rec.interim,
        additional_responsibilities=rec.additional_responsibilities,
        assurance_test_date=rec.assurance_test_date,
        deputy=rec.deputy,
        portfolio=rec.portfolio,
    )


def record_role(
    la_code: str, post: str, fields: dict[str, Any], user: Any = None, who: str = ""
) -> RoleRecord:
    """A new register entry for the post; the previous one stays as history."""
    rec: RoleRecord = RoleRecord.objects.create(
        la_code=la_code,
        post=post,
        recorded_by=_user(user),
        recorded_by_email=_email(user, who),
        **fields,
    )
    return rec
