"""The action log keeps its history: a status change or a note is a new row with who and when,
the old status stays visible, the list filters by board and status and marks overdue actions,
and every change is in the audit log."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup

from lineofsight.web.audit.models import AuditEvent


def _soup(response: Any) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_a_status_change_keeps_the_old_status_in_the_history(
    signed_in: Any, actions: dict[str, Any]
) -> None:
    from lineofsight.web.governance.models import ActionUpdate

    client = signed_in("board_clerk")
    late = actions["late"]
    url = f"/governance/actions/{late.pk}/"
    first = client.post(url + "update/", {"status": "in_progress", "note": "Two posts filled."})
    assert first.status_code == 302 and first["Location"] == url
    second = client.post(url + "update/", {"status": "in_progress", "note": "Four posts filled."})
    assert second.status_code == 302
    page = _soup(client.get(url))
    rows = [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in page.select("#history tbody tr")
    ]
    assert [r[2] for r in rows] == ["In progress", "Not started → In progress", "Not started"]
    assert [r[3] for r in rows] == ["Four posts filled.", "Two posts filled.", "Action added."]
    assert rows[0][1] == "board_clerk.e06000021@example.org"
    assert ActionUpdate.objects.filter(action=late).count() == 3
    late.refresh_from_db()
    assert late.status == "in_progress"


def test_an_update_with_no_change_and_no_note_is_refused(
    signed_in: Any, actions: dict[str, Any]
) -> None:
    client = signed_in("director")
    response = client.post(
        f"/governance/actions/{actions['late'].pk}/update/", {"status": "open", "note": " "}
    )
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    summary = page.select_one(".govuk-error-summary")
    assert "Write an update, or change the status" in summary.get_text(" ", strip=True)


def test_editing_an_action_records_what_changed(signed_in: Any, actions: dict[str, Any]) -> None:
    client = signed_in("board_clerk")
    late, board = actions["late"], actions["board"]
    response = client.post(
        f"/governance/actions/{late.pk}/edit/",
        {
            "title": late.title,
            "owner": "Chief executive",
            "board": board.pk,
            "decision": late.decision_id,
            "due": late.due.isoformat(),
        },
    )
    assert response.status_code == 302
    page = _soup(client.get(f"/governance/actions/{late.pk}/"))
    notes = [tr.select("td")[3].get_text(strip=True) for tr in page.select("#history tbody tr")]
    assert notes[0] == "Edited. Owner: Director of children's services → Chief executive."
    event = AuditEvent.objects.filter(object_type="governance_action", object_id=str(late.pk))
    assert event.first().details["changed"].startswith("Owner:")


def test_the_log_filters_by_board_and_status_and_marks_overdue(
    signed_in: Any, actions: dict[str, Any]
) -> None:
    client = signed_in("scrutiny")
    page = _soup(client.get("/governance/actions/"))
    count = " ".join(page.select_one("#action-count").get_text().split())
    assert count == "3 actions, 1 overdue."
    overdue_rows = page.select("#actions tr.los-overdue")
    assert [r.th.get_text(strip=True) for r in overdue_rows] == ["Recruit permanent team managers"]
    assert overdue_rows[0].select_one("[data-role=overdue]").get_text(strip=True) == (
        "Overdue by 10 days"
    )
    done = _soup(client.get("/governance/actions/?status=done"))
    assert [r.th.get_text(strip=True) for r in done.select("#actions tbody tr")] == [
        "Close the practice audit"
    ]
    late = _soup(client.get("/governance/actions/?status=overdue"))
    assert [r.th.get_text(strip=True) for r in late.select("#actions tbody tr")] == [
        "Recruit permanent team managers"
    ]
    quartet = _soup(client.get("/governance/actions/?board=strategic-quartet"))
    assert quartet.select("#actions tbody tr") == []
    assert (
        quartet.select_one("#action-count").get_text(" ", strip=True).startswith("0 actions match.")
    )


def test_a_clerk_adds_a_meeting_with_decisions_and_an_action_from_one(
    signed_in: Any, db: None
) -> None:
    from lineofsight.web.governance.models import Action, Meeting

    client = signed_in("board_clerk")
    response = client.post(
        "/governance/boards/corporate-parenting-board/meetings/add/",
        {
            "date": "2026-11-03",
            "attendance": "Councillor Demo Person B, chair\nDemo Person G, head of service",
            "apologies": "",
            "notes": "",
            "decisions_text": "Publish the offer\n\nInvite care leavers to full council\n",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert [d.text for d in meeting.decisions.all()] == [
        "Publish the offer",
        "Invite care leavers to full council",
    ]
    decision = meeting.decisions.get(number=2)
    response = client.post(
        "/governance/actions/add/",
        {
            "title": "Arrange the care leavers' presentation",
            "owner": "Democratic services",
            "board": meeting.board.pk,
            "decision": decision.pk,
            "due": "2027-02-01",
        },
    )
    action = Action.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/governance/actions/{action.pk}/"
    )
    assert action.meeting == meeting and action.decision == decision
    page = _soup(client.get(f"/governance/meetings/{meeting.pk}/"))
    decisions = [li.get_text(" ", strip=True) for li in page.select("#decisions > li")]
    assert decisions[1].startswith("Invite care leavers to full council")
    assert "Action: Arrange the care leavers' presentation (not started)" in decisions[1]
    assert [li.get_text(strip=True) for li in page.select("#attendance li")] == [
        "Councillor Demo Person B, chair",
        "Demo Person G, head of service",
    ]
    kinds = list(AuditEvent.objects.filter(action="change").values_list("object_type", flat=True))
    assert sorted(kinds) == ["governance_action", "governance_meeting"]


def test_a_decision_from_another_board_is_refused(signed_in: Any, actions: dict[str, Any]) -> None:
    from lineofsight.web.governance.models import Board

    quartet = Board.objects.get(la_code=actions["board"].la_code, slug="strategic-quartet")
    response = signed_in("board_clerk").post(
        "/governance/actions/add/",
        {
            "title": "Anything",
            "owner": "Anyone",
            "board": quartet.pk,
            "decision": actions["late"].decision_id,
            "due": "",
        },
    )
    assert response.status_code == 400
    assert b"Select a decision of the same board, or none" in response.content


def test_an_action_added_from_a_meeting_keeps_the_meeting_without_a_decision(
    signed_in: Any, actions: dict[str, Any]
) -> None:
    from lineofsight.web.governance.models import Action

    meeting, board = actions["meeting"], actions["board"]
    client = signed_in("board_clerk")
    form = _soup(client.get(f"/governance/actions/add/?meeting={meeting.pk}"))
    chosen = form.select_one("#id_board option[selected]")
    assert chosen is not None and chosen.get_text(strip=True) == "Improvement board"
    response = client.post(
        f"/governance/actions/add/?meeting={meeting.pk}",
        {"title": "Write to the DfE adviser", "owner": "Chief executive", "board": board.pk},
    )
    assert response.status_code == 302
    action = Action.objects.get(title="Write to the DfE adviser")
    assert action.meeting == meeting and action.decision is None
    page = _soup(client.get(f"/governance/meetings/{meeting.pk}/"))
    others = [r.th.get_text(strip=True) for r in page.select("#meeting-actions tbody tr")]
    assert others == ["Write to the DfE adviser"]
