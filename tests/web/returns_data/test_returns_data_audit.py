"""The audit log's record of uploads and publications: the right council, in the same transaction.

Why: command-line loads were recorded with no council, so every council's administrator read them;
and the publication's event was written after the commit, so a crash between the two left a
published version nobody could see had been published.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from returns_data_support import RUTLAND

ROW = {
    "indicator_id": "sw_fte",
    "period_start": "2024-10-01",
    "period_end": "2025-09-30",
    "value": 40.0,
    "state": "value",
    "numerator": 40.0,
    "denominator": None,
}


def test_command_line_load_events_name_the_council(tmp_path: Path, synthetic: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["LINEOFSIGHT_HOME"] = str(tmp_path)

    def load(folder: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(Path(sys.executable).parent / "lineofsight"), "load", str(synthetic / folder),
             "--la", "Rutland"],
            capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip

    assert load("cin").returncode == 0
    done = load("workforce")  # a publication is per return: the CIN figures stay
    assert done.returncode == 0, done.stderr
    assert "Kept the CIN census figures of version 1" in done.stdout
    with sqlite3.connect(tmp_path / "lineofsight.sqlite3") as db:
        rows = db.execute(
            "SELECT action, la_code, email FROM audit_auditevent ORDER BY id"
        ).fetchall()
    assert (
        rows == [("upload", RUTLAND, "command line"), ("publication", RUTLAND, "command line")] * 2
    )


@pytest.mark.django_db
def test_old_events_without_a_council_get_their_uploads_council() -> None:
    from django.apps import apps

    from lineofsight.web.audit.models import Action, AuditEvent
    from lineofsight.web.returns_data.models import Status, Upload

    upload = Upload.objects.create(la_code=RUTLAND, kind="workforce", status=Status.VALIDATED)
    mine = AuditEvent.objects.create(
        action=Action.UPLOAD, object_type="returns_upload", object_id=str(upload.pk)
    )
    gone = AuditEvent.objects.create(
        action=Action.UPLOAD, object_type="returns_upload", object_id="99999"
    )
    failed = AuditEvent.objects.create(action=Action.SIGN_IN_FAILED, email="x@example.org")
    module = __import__(
        "lineofsight.web.audit.migrations.0002_council_on_load_events", fromlist=["x"]
    )
    module.council_from_object(apps, None)
    codes = dict(AuditEvent.objects.values_list("pk", "la_code"))
    assert codes == {mine.pk: RUTLAND, gone.pk: "", failed.pk: ""}


@pytest.mark.django_db(transaction=True)
def test_a_failure_before_the_audit_event_leaves_no_publication(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lineofsight.web.audit.models import Action, AuditEvent
    from lineofsight.web.returns_data import store
    from lineofsight.web.returns_data.models import Publication, Status, Upload

    upload = Upload.objects.create(
        la_code=RUTLAND, kind="workforce", status=Status.VALIDATED, aggregates=[ROW]
    )

    def crash(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the process died here")

    monkeypatch.setattr(store, "record", crash)
    with pytest.raises(RuntimeError):
        store.publish(upload, actor="command line")
    assert not Publication.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.PUBLICATION).exists()
    upload.refresh_from_db()
    assert upload.status == Status.VALIDATED and upload.aggregates == [ROW]

    monkeypatch.undo()
    publication = store.publish(upload, actor="command line")
    event = AuditEvent.objects.get(action=Action.PUBLICATION)
    assert event.object_id == str(publication.pk) and event.la_code == RUTLAND
