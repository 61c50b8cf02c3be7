"""Query strings and downloads as an attacker or a careless link would try them.

Why: ``str.isdigit`` accepts "²" and ``int`` refuses it, so a pasted link with a superscript gave
HTTP 500 on the key-question, enabler and action pages; downloads naming children must not stay in
a shared computer's cache; and one council's administrator must never read another's uploads.
"""

from __future__ import annotations

from typing import Any

import pytest
from web_support import STOKE

from lineofsight.assurance.content import enablers

pytestmark = pytest.mark.django_db

HOSTILE = ["%C2%B2", "%D9%A3", "1%C2%B2", "99999999999999999999", "-1", "1.0", "%20"]


@pytest.mark.parametrize("value", HOSTILE)
def test_odd_round_and_meeting_numbers_are_404_or_ignored_never_500(
    signed_in: Any, value: str
) -> None:
    leader = signed_in("leader")
    enabler = enablers().enablers[0].id
    for url in (
        f"/key-questions/kq_lead_member_04/?round={value}",
        f"/enablers/?round={value}",
        f"/enablers/{enabler}/?round={value}",
    ):
        response = leader.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
    clerk = signed_in("board_clerk", email="clerk@example.org")
    response = clerk.get(f"/governance/actions/add/?meeting={value}")
    assert response.status_code == 200


def test_a_real_round_number_still_opens(signed_in: Any) -> None:
    from lineofsight.web.assessment import store

    store.ensure_round(STOKE)
    leader = signed_in("leader")
    assert leader.get("/enablers/?round=1").status_code == 200
    assert leader.get("/enablers/?round=2").status_code == 404


def test_downloads_are_never_stored(signed_in: Any) -> None:
    from lineofsight.web.returns_data.models import Status, Upload

    upload = Upload.objects.create(
        la_code=STOKE, kind="ssda903", status=Status.REJECTED, report_csv="rule_id\n"
    )
    analyst = signed_in("analyst")
    for fmt in ("csv", "json", "html"):
        response = analyst.get(f"/data/uploads/{upload.pk}/findings.{fmt}")
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
    assert "no-store" in analyst.get(f"/data/uploads/{upload.pk}/")["Cache-Control"]
    overview = signed_in("director", email="director@example.org").get("/overview/")
    assert "no-store" not in overview.get("Cache-Control", "")


def test_an_administrator_reads_only_their_councils_uploads(signed_in: Any, make_user: Any) -> None:
    """An event with no council (as command-line loads were stored) is nobody's to read, bar
    failed sign-ins for unknown addresses, which the log has always shown."""
    from lineofsight.web.audit.log import record
    from lineofsight.web.audit.models import Action

    other = "E06000017"
    record(None, Action.UPLOAD, email="command line", la_code=other, obj=("returns_upload", 901))
    record(None, Action.UPLOAD, email="command line", obj=("returns_upload", 902))
    record(None, Action.SIGN_IN_FAILED, email="nobody@example.org")
    admin = signed_in("administrator")
    text = admin.get("/audit/").content.decode()
    assert "nobody@example.org" in text
    assert "returns_upload 901" not in text and "returns_upload 902" not in text
    rutland = make_user("administrator", la_code=other)
    admin.force_login(rutland)
    text = admin.get("/audit/").content.decode()
    assert "returns_upload 901" in text and "returns_upload 902" not in text
