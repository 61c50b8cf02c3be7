"""Who changes what (web/governance/access.py): a reader's POST to any governance form is refused
with 403 and changes nothing; the role that keeps the record saves it, and the change is audited.
The table test (tests/web/test_web_permissions.py) covers GET for every role."""

from __future__ import annotations

from typing import Any

import pytest

from lineofsight.web.accounts.roles import Role
from lineofsight.web.audit.models import AuditEvent

VOICE = {
    "date": "2026-10-01",
    "source": "survey",
    "group": "care_leavers",
    "said": "Care leavers asked for help with driving lessons.",
    "themes": "independence, money",
    "response": "",
}
COMMITMENT = {"kind": "care_leaver_offer", "text": "Driving lessons paid for.", "status": "planned"}
ROLE = {"name": "Demo Person D", "appointed": "2026-09-01", "interim": "on"}


def _counts() -> tuple[int, ...]:
    from lineofsight.web.governance import models as m

    return tuple(
        x.objects.count()
        for x in (m.Board, m.Meeting, m.Action, m.ActionUpdate, m.RoleRecord, m.Voice, m.Commitment)
    )


def _posts(actions: dict[str, Any]) -> list[tuple[str, dict[str, Any], frozenset[Role]]]:
    late, board, meeting = actions["late"], actions["board"], actions["meeting"]
    clerk = frozenset({Role.CLERK})
    updaters = frozenset(
        {Role.CLERK, Role.LEADER, Role.LEAD_MEMBER, Role.CHIEF_EXECUTIVE, Role.DIRECTOR}
    )
    parents = frozenset({Role.CORPORATE_PARENTING, Role.DIRECTOR})
    return [
        ("/governance/boards/add/", {"name": "Demo sub-group"}, clerk),
        (
            f"/governance/boards/{board.slug}/edit/",
            {"name": "Improvement board", "chair": "X"},
            clerk,
        ),
        (f"/governance/boards/{board.slug}/meetings/add/", {"date": "2026-11-01"}, clerk),
        (f"/governance/meetings/{meeting.pk}/edit/", {"date": "2026-10-01"}, clerk),
        (
            "/governance/actions/add/",
            {"title": "New", "owner": "DCS", "board": board.pk, "due": ""},
            clerk,
        ),
        (
            f"/governance/actions/{late.pk}/edit/",
            {"title": "Renamed", "owner": "DCS", "board": board.pk, "due": ""},
            clerk,
        ),
        (f"/governance/actions/{late.pk}/update/", {"status": "done", "note": ""}, updaters),
        ("/governance/roles/dcs/edit/", ROLE, frozenset({Role.LEADER, Role.CHIEF_EXECUTIVE})),
        ("/corporate-parenting/voices/add/", VOICE, parents),
        ("/corporate-parenting/commitments/add/", COMMITMENT, parents),
    ]


@pytest.mark.parametrize("role", list(Role))
def test_each_form_saves_for_its_editors_and_refuses_everyone_else(
    role: Role, signed_in: Any, actions: dict[str, Any]
) -> None:
    client = signed_in(role)
    for url, data, editors in _posts(actions):
        before, audited = _counts(), AuditEvent.objects.filter(action="change").count()
        response = client.post(url, data)
        if role in editors:
            assert response.status_code == 302, (url, role, response.content[:2000])
            assert _counts() != before or "edit" in url, (url, role)
            assert AuditEvent.objects.filter(action="change").count() == audited + 1, url
        else:
            assert response.status_code == 403, (url, role)
            assert _counts() == before, (url, role)
            assert AuditEvent.objects.filter(action="change").count() == audited


def test_a_council_cannot_touch_another_councils_action(
    signed_in: Any, actions: dict[str, Any]
) -> None:
    client = signed_in("board_clerk", la_code="E08000026")
    late = actions["late"]
    assert client.get(f"/governance/actions/{late.pk}/").status_code == 403
    response = client.post(f"/governance/actions/{late.pk}/update/", {"status": "done"})
    assert response.status_code == 403
    late.refresh_from_db()
    assert late.status == "open"


def test_edit_links_follow_the_role(signed_in: Any, actions: dict[str, Any]) -> None:
    url = f"/governance/actions/{actions['late'].pk}/"
    clerk = signed_in("board_clerk", email="clerk@example.org").get(url).content
    assert b"Edit the action" in clerk and b"Add an update" in clerk
    scrutiny = signed_in("scrutiny").get(url).content
    assert b"Edit the action" not in scrutiny and b"Add an update" not in scrutiny
    director = signed_in("director").get(url).content
    assert b"Edit the action" not in director and b"Add an update" in director
