"""A change and its audit event commit together: if the event cannot be written, nothing is kept.

Why: views saved a record, then wrote its audit event in a second step; a crash or a failed
audit write in between left a change nobody could see had been made (for a publication, 5 kills
in 6). Every writing request now runs in one transaction (``web.audit.atomic``), and the long-running
upload keeps its upload and event in one of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from web_support import STOKE

pytestmark = pytest.mark.django_db


class _Broken:
    class objects:  # stands in for a model manager
        @staticmethod
        def create(**kwargs: Any) -> None:
            raise RuntimeError("the audit log could not be written")


@pytest.fixture
def audit_fails(monkeypatch: pytest.MonkeyPatch) -> Any:
    """From now on writing an audit event fails (sign in before using it)."""

    def start() -> None:
        monkeypatch.setattr("lineofsight.web.audit.log.AuditEvent", _Broken)

    return start


def test_a_key_question_answer_is_not_kept_without_its_event(
    signed_in: Any, audit_fails: Any
) -> None:
    from lineofsight.web.assessment.models import AnswerVersion

    client = signed_in("leader")
    audit_fails()
    with pytest.raises(RuntimeError):
        client.post(
            "/key-questions/kq_lead_member_04/",
            {"rating": "adequate", "narrative": "Reports reach the quartet.", "owner": "Leader",
             "review_date": "2027-03-31", "evidence": ""},
        )  # fmt: skip
    assert not AnswerVersion.objects.exists()


def test_a_governance_action_is_not_kept_without_its_event(
    signed_in: Any, audit_fails: Any
) -> None:
    from lineofsight.web.governance import store
    from lineofsight.web.governance.models import Action

    client = signed_in("board_clerk")
    board = store.ensure_boards(STOKE)[0]
    audit_fails()
    with pytest.raises(RuntimeError):
        client.post(
            "/governance/actions/add/",
            {"title": "Review the offer", "owner": "Head of service", "board": board.pk,
             "decision": "", "due": ""},
        )  # fmt: skip
    assert not Action.objects.exists()


def test_an_upload_is_not_kept_without_its_event(
    signed_in: Any, audit_fails: Any, tmp_path: Path
) -> None:
    from lineofsight.reference.las import resolve
    from lineofsight.synth.generate import _rng
    from lineofsight.synth.targets import targets
    from lineofsight.synth.workforce import simulate_workforce, write_xml
    from lineofsight.web.returns_data.models import Upload

    la = resolve(STOKE)
    [wf] = simulate_workforce(_rng(1, la, "workforce"), {2025: targets(la.code, 2025)}, [2025])
    write_xml(wf, la.old_code, tmp_path / "csww_2025.xml")
    client = signed_in("analyst")
    audit_fails()
    upload = SimpleUploadedFile("csww_2025.xml", (tmp_path / "csww_2025.xml").read_bytes())
    with pytest.raises(RuntimeError):
        client.post("/data/", {"files": [upload]})
    assert not Upload.objects.exists()


def test_a_write_with_its_event_still_commits(signed_in: Any) -> None:
    from lineofsight.web.assessment.models import AnswerVersion
    from lineofsight.web.audit.models import AuditEvent

    client = signed_in("leader")
    response = client.post(
        "/key-questions/kq_lead_member_04/",
        {"rating": "adequate", "narrative": "Reports reach the quartet.", "owner": "Leader",
         "review_date": "2027-03-31", "evidence": ""},
    )  # fmt: skip
    assert response.status_code == 302
    assert AnswerVersion.objects.count() == 1
    assert AuditEvent.objects.filter(action="change", la_code=STOKE).count() == 1
