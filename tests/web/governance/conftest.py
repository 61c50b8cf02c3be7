"""Fixtures for the governance tests: a board with a meeting and actions in Stoke-on-Trent.

Why: most tests need a board, an overdue action and a done one, created the way the pages create
them (``store``), dated against today so "overdue" means what the overview means by it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from web_support import STOKE


@pytest.fixture
def today() -> dt.date:
    value: dt.date = timezone.localdate()
    return value


@pytest.fixture
def actions(db: None, today: dt.date) -> dict[str, Any]:
    """An overdue open action, a done action past its date and one not yet due, on the
    improvement board, the first two from decisions of one meeting."""
    from lineofsight.web.governance import store
    from lineofsight.web.governance.models import Board, Meeting

    store.ensure_boards(STOKE)
    board = Board.objects.get(la_code=STOKE, slug="improvement-board")
    meeting = Meeting.objects.create(
        board=board, date=today - dt.timedelta(days=60), attendance="Demo Person A, chair"
    )
    store.save_decisions(meeting, "Recruit team managers\nClose the audit")
    first, second = list(meeting.decisions.all())
    late = store.add_action(
        la_code=STOKE,
        board=board,
        title="Recruit permanent team managers",
        owner="Director of children's services",
        due=today - dt.timedelta(days=10),
        meeting=meeting,
        decision=first,
    )
    done = store.add_action(
        la_code=STOKE,
        board=board,
        title="Close the practice audit",
        owner="Head of quality assurance",
        due=today - dt.timedelta(days=20),
        meeting=meeting,
        decision=second,
    )
    store.add_update(done, "done", "Audit closed and reported.")
    later = store.add_action(
        la_code=STOKE,
        board=board,
        title="Publish the care leaver offer",
        owner="Head of service",
        due=today + dt.timedelta(days=30),
    )
    return {"board": board, "meeting": meeting, "late": late, "done": done, "later": later}
