"""The briefing packs page and download: who may use them, what a download returns, and that
every download is written to the audit log.

Why: a pack is an export of the council's figures and record; the audit log must show who took
one, and a bad form must not produce a half-made file.
"""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from lineofsight.web.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def test_the_page_lists_the_four_packs_with_a_form_each(signed_in) -> None:  # type: ignore[no-untyped-def]
    response = signed_in("scrutiny").get(reverse("packs:index"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    forms = page.select("main form")
    assert [f.find("input", {"name": "pack"})["value"] for f in forms] == [  # type: ignore[index]
        "quartet",
        "scrutiny",
        "corporate-parenting",
        "self-evaluation",
    ]
    assert page.find("select", {"name": "theme"}) is not None
    for form in forms:
        assert form.find("input", {"name": "csrfmiddlewaretoken"}) is not None


def test_html_download_is_the_pack_and_is_audited(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("corporate_parenting")
    response = client.post(
        reverse("packs:download"), {"pack": "corporate-parenting", "format": "html"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="stoke-on-trent-corporate-parenting-pack-')
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html is not None and page.html["lang"] == "en-GB"
    assert page.title is not None
    assert "Corporate parenting board pack" in page.title.get_text()
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert event.email.startswith("corporate_parenting.")
    assert event.object_type == "pack" and event.object_id == "corporate-parenting"
    assert event.details["format"] == "html" and event.details["la_code"] == "E06000021"


def test_pdf_download_for_scrutiny_with_a_theme(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("director")
    response = client.post(
        reverse("packs:download"), {"pack": "scrutiny", "theme": "workforce", "format": "pdf"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"].get_object()
    assert isinstance(root, pypdf.generic.DictionaryObject) and "/StructTreeRoot" in root
    assert "Social work workforce" in (reader.pages[0].extract_text() or "")
    assert AuditEvent.objects.filter(action=Action.EXPORT, details__theme="workforce").exists()


def test_a_bad_choice_shows_the_page_again_and_records_nothing(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    response = client.post(reverse("packs:download"), {"pack": "annual", "format": "docx"})
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    text = page.get_text(" ", strip=True)
    assert "Select one of the four packs" in text
    assert "Select PDF or web page (HTML)" in text
    # Each message in the GOV.UK error summary links to a control that is on the page.
    links = page.select(".govuk-error-summary__list a")
    assert len(links) == 2
    for link in links:
        assert page.find(id=str(link["href"]).lstrip("#")) is not None, link["href"]
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_the_pack_carries_what_the_council_has_recorded(signed_in) -> None:  # type: ignore[no-untyped-def]
    """An overdue action entered on the governance pages is in the quartet pack downloaded."""
    from django.utils import timezone

    from lineofsight.web.governance import store
    from lineofsight.web.governance.models import Board

    store.ensure_boards("E06000021")
    board = Board.objects.get(la_code="E06000021", slug="improvement-board")
    store.add_action(
        la_code="E06000021",
        board=board,
        title="Recruit permanent team managers",
        owner="Director of children's services",
        due=timezone.localdate() - dt.timedelta(days=10),
    )
    client = signed_in("leader")
    response = client.post(reverse("packs:download"), {"pack": "quartet", "format": "html"})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    overdue = page.find(id="actions")
    assert overdue is not None
    text = overdue.get_text(" ", strip=True)
    assert "Recruit permanent team managers" in text and "Improvement board" in text


def test_download_buttons_keep_proper_nouns(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = BeautifulSoup(signed_in("director").get(reverse("packs:index")).content, "html.parser")
    buttons = [b.get_text(strip=True) for b in page.select("main form button")]
    assert "Download the Ofsted annual self-evaluation" in buttons
    assert "Download the strategic quartet briefing" in buttons
