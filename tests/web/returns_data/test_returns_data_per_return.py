"""A publication is per return: a workforce census replaces the workforce figures only.

Why: publishing a workforce-only upload replaced the whole publication, so the own figures on a
leader's overview went from 46 to 6 with no warning. Now the other returns' figures are carried
into the new version, and replacing everything is an explicit choice the page warns about.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from returns_data_support import RUTLAND

pytestmark = pytest.mark.django_db


def _upload(client: Any, *paths: Path) -> int:
    from lineofsight.web.returns_data.models import Upload

    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in paths]
    response = client.post(reverse("data:index"), {"files": files})
    assert response.status_code == 302
    return int(Upload.objects.order_by("-pk").values_list("pk", flat=True)[0])


def _publish(client: Any, pk: int, **extra: str) -> None:
    response = client.post(
        reverse("data:publish", kwargs={"pk": pk}), {"acknowledge": "yes", **extra}
    )
    assert response.status_code == 302, response.content[:2000]


def _own_lines(client: Any) -> list[str]:
    page = BeautifulSoup(client.get(reverse("overview:index")).content, "html.parser")
    return [s.get_text(" ", strip=True) for s in page.select('[data-role="own"]')]


def test_a_workforce_census_keeps_the_903_and_cin_figures(
    signed_in: Any, make_user: Any, synthetic: Path
) -> None:
    from django.test import Client

    from lineofsight.web.audit.models import Action, AuditEvent
    from lineofsight.web.returns_data.models import Publication

    analyst = signed_in("analyst", la_code=RUTLAND)
    everything = sorted((synthetic / "ssda903" / "2025").glob("*.csv"))
    everything += [
        synthetic / "cin" / "cin_census_2025.xml",
        synthetic / "workforce" / "csww_2025.xml",
    ]
    _publish(analyst, _upload(analyst, *everything))
    first = Publication.objects.get(is_current=True)
    client = Client()  # the director reads the overview in their own session
    client.force_login(make_user("director", la_code=RUTLAND))

    workforce = _upload(analyst, synthetic / "workforce" / "csww_2025.xml")
    findings = BeautifulSoup(
        analyst.get(reverse("data:findings", kwargs={"pk": workforce})).content, "html.parser"
    )
    scope = findings.select_one('[data-role="publish-scope"]').get_text(" ", strip=True)
    assert "replace the Children's social work workforce census figures in version 1" in scope
    assert "SSDA903 (children looked after) and CIN census" in scope
    assert "Replace all own figures" in scope

    before = _own_lines(client)
    _publish(analyst, workforce)
    after = _own_lines(client)
    assert len(before) > 6 and len(after) == len(before)  # the 46 stays 46
    second = Publication.objects.get(is_current=True)
    assert second.version == 2
    assert second.values.count() == first.values.count()
    event = AuditEvent.objects.filter(action=Action.PUBLICATION).order_by("-pk").first()
    assert event.details["kept_from_version"] == 1
    assert set(event.details["kept"]) == {"ssda903", "cin"}
    assert event.details["replaced_all"] is False

    again = _upload(analyst, synthetic / "workforce" / "csww_2025.xml")
    _publish(analyst, again, replace="all")
    only = _own_lines(client)
    assert 0 < len(only) < len(before)
    third = Publication.objects.get(is_current=True)
    assert {v.indicator_id[:3] for v in third.values.all()} == {"sw_"}
    event = AuditEvent.objects.filter(action=Action.PUBLICATION).order_by("-pk").first()
    assert event.details["replaced_all"] is True and event.details["kept"] == {}
