"""``governance_record(la_code, as_at)`` returns what was entered through the pages, as the plain
data the overview and the briefing packs read: actions with their latest update, meetings with
decisions and attendance, current role holders and voices; overdue judged at ``as_at``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from web_support import STOKE

from lineofsight.assurance.records import GovernanceRecord


def test_the_record_holds_what_was_entered(
    signed_in: Any, actions: dict[str, Any], today: dt.date
) -> None:
    from lineofsight.web.governance.record import governance_record

    leader = signed_in("leader")
    leader.post(
        "/governance/roles/dcs/edit/",
        {"name": "Demo Person D", "appointed": "2026-01-05", "interim": "on"},
    )
    leader.post("/governance/roles/dcs/edit/", {"name": "Demo Person H", "appointed": "2026-06-01"})
    signed_in("corporate_parenting").post(
        "/corporate-parenting/voices/add/",
        {
            "date": "2026-10-01",
            "source": "children_in_care_council",
            "group": "children_in_care",
            "said": "Children asked for more say in their reviews.",
            "themes": "reviews, participation",
            "response": "Reviews now start with the child's own agenda.",
            "reported_to_council": "on",
            "reported_on": "2026-11-01",
        },
    )
    signed_in("board_clerk").post(
        f"/governance/actions/{actions['later'].pk}/update/",
        {"status": "in_progress", "note": "Draft shared with care leavers."},
    )
    record = governance_record(STOKE, today)
    assert isinstance(record, GovernanceRecord) and not record.is_empty
    assert record.la_code == STOKE and record.as_at == today
    by_title = {a.title: a for a in record.actions}
    assert set(by_title) == {
        "Recruit permanent team managers",
        "Close the practice audit",
        "Publish the care leaver offer",
    }
    assert by_title["Close the practice audit"].status == "done"
    assert by_title["Close the practice audit"].latest_update == "Audit closed and reported."
    assert (
        by_title["Publish the care leaver offer"].latest_update == "Draft shared with care leavers."
    )
    assert by_title["Publish the care leaver offer"].board == "Improvement board"
    assert [a.title for a in record.overdue_actions()] == ["Recruit permanent team managers"]
    assert record.overdue_actions()[0].days_overdue(today) == 10
    (meeting,) = record.meetings
    assert meeting.board == "Improvement board"
    assert meeting.decisions == ("Recruit team managers", "Close the audit")
    assert meeting.attendance == ("Demo Person A, chair",)
    (dcs,) = record.roles
    assert (dcs.post, dcs.name, dcs.appointed, dcs.interim) == (
        "dcs",
        "Demo Person H",
        dt.date(2026, 6, 1),
        False,
    )
    (voice,) = record.voices
    assert voice.source == "Children in care council" and voice.group == "Children in care"
    assert voice.themes == ("reviews", "participation")
    assert voice.response.startswith("Reviews now start") and voice.reported_to_council


def test_overdue_is_judged_at_the_date_asked(actions: dict[str, Any], today: dt.date) -> None:
    from lineofsight.web.governance.record import governance_record

    earlier = governance_record(STOKE, today - dt.timedelta(days=30))
    assert earlier.overdue_actions() == []
    later = governance_record(STOKE, today + dt.timedelta(days=31))
    assert [a.title for a in later.overdue_actions()] == [
        "Recruit permanent team managers",
        "Publish the care leaver offer",
    ]


def test_a_council_with_nothing_recorded_gets_an_empty_record(db: None, today: dt.date) -> None:
    from lineofsight.web.governance.record import governance_record

    record = governance_record("E08000026", today)
    assert record.actions == () and record.meetings == () and record.roles == ()
    assert record.voices == ()


def test_answers_and_the_self_evaluation_come_from_the_assessment_app(
    make_user: Any, today: dt.date
) -> None:
    from lineofsight.web.assessment.forms import AnswerInput
    from lineofsight.web.assessment.store import save_answer, save_section, start_round
    from lineofsight.web.governance.record import governance_record

    leader = make_user("leader")
    director = make_user("director")
    first = start_round(STOKE, "Round one", today, leader)
    save_answer(first, "question", "kq_lead_member_01", AnswerInput(rating="weak"), leader)
    save_answer(first, "enabler", "workforce", AnswerInput(rating="adequate"), leader)
    save_section(STOKE, "context", {"know": "Demo know", "how": "", "plans": ""}, director)
    record = governance_record(STOKE, today)
    assert record.answer("kq_lead_member_01").rating == "weak"  # type: ignore[union-attr]
    assert len(record.answers) == 25 and len(record.enabler_answers) == 7
    assert [a.rating for a in record.enabler_answers if a.question_id == "workforce"] == [
        "adequate"
    ]
    assert record.self_evaluation["context"]["know"] == "Demo know"


def test_the_overdue_query_and_the_overdue_rule_agree(
    actions: dict[str, Any], today: dt.date
) -> None:
    """The database query behind the overview and the action log filter is the records rule."""
    from lineofsight.assurance.records import days_overdue
    from lineofsight.web.governance import store
    from lineofsight.web.governance.models import Action

    for when in (today - dt.timedelta(days=30), today, today + dt.timedelta(days=30)):
        by_query = set(store.overdue(Action.objects.all(), when).values_list("pk", flat=True))
        by_rule = {a.pk for a in Action.objects.all() if days_overdue(a.status, a.due, when) > 0}
        assert by_query == by_rule
    assert store.overdue(Action.objects.all(), today).exists()
