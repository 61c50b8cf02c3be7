"""The governance block on the overview: the council's overdue actions, with links, and the
statutory roles signals. Kept small so the overview stays about the figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lineofsight.assurance.records import RoleSignal, days_overdue, role_signals
from lineofsight.web.governance import store
from lineofsight.web.governance.models import Action

MAX_LISTED = 10  # the longest overdue; the action log has the rest


@dataclass(frozen=True, slots=True)
class OverdueAction:
    pk: int
    title: str
    owner: str
    board: str
    due: dt.date
    days: int


@dataclass(frozen=True, slots=True)
class GovernanceSummary:
    overdue: list[OverdueAction]
    overdue_total: int
    role_signals: list[RoleSignal]


def overview_summary(la_code: str, today: dt.date) -> GovernanceSummary:
    """Open actions past their due date (longest overdue first) and the roles signals; the same
    rule as ``records.Action.overdue``, asked of the database so the overview loads no more rows."""
    late = (
        store.overdue(Action.objects.filter(la_code=la_code), today)
        .select_related("board")
        .order_by("due", "pk")
    )
    total = late.count()
    overdue = [
        OverdueAction(
            a.pk, a.title, a.owner, a.board.name, a.due, days_overdue(a.status, a.due, today)
        )
        for a in late[:MAX_LISTED]
    ]
    holders = tuple(store.holder(r) for r in store.current_roles(la_code).values())
    signals = role_signals(holders, today) if holders else []
    return GovernanceSummary(overdue, total, signals)
