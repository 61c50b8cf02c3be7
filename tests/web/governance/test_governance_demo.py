"""The demo council's governance records: invented, the same every run on a given day, loaded
once, and showing what a leader should see (overdue actions, an interim DCS signal)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bs4 import BeautifulSoup
from web_support import STOKE


def test_the_demo_loads_once_and_shows_overdue_actions_and_an_interim_dcs(
    signed_in: Any, db: None, today: dt.date
) -> None:
    from lineofsight.web.governance.demo import ACTIONS, load_demo_governance
    from lineofsight.web.governance.models import Action, ActionUpdate, Meeting, RoleRecord, Voice
    from lineofsight.web.governance.record import governance_record

    line = load_demo_governance(STOKE)
    assert line == (
        f"Governance: 7 boards, 3 meetings, {len(ACTIONS)} actions (2 overdue), 4 statutory posts "
        f"and 3 voices recorded for {STOKE} (demo content)."
    )
    counts = (Meeting.objects.count(), Action.objects.count(), ActionUpdate.objects.count())
    assert load_demo_governance(STOKE).endswith("already has governance records; reused.")
    assert (Meeting.objects.count(), Action.objects.count(), ActionUpdate.objects.count()) == counts
    assert all("Demo" in r.name for r in RoleRecord.objects.all())
    whos = set(ActionUpdate.objects.values_list("by_email", flat=True))
    assert whos == {"Demo data (lineofsight demo)"}
    assert Voice.objects.filter(response="").count() == 1
    record = governance_record(STOKE, today)
    assert [a.title for a in record.overdue_actions()] == [
        "Recruit permanent team managers for the assessment service",
        "Refresh the improvement plan",
    ]
    assert {a.status for a in record.actions} == {"open", "in_progress", "done", "dropped"}
    page = BeautifulSoup(signed_in("leader").get("/governance/roles/").content, "html.parser")
    signals = [li.get_text(" ", strip=True) for li in page.select("#role-signals li")]
    assert "Demo Person D is interim director of children's services (DCS)." in signals
