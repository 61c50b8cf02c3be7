"""The Ofsted self-evaluation pages: the draft carries the council's actual figures, the director's
edits are versioned with history, "reset to the data's draft" is a version too, only the director
edits, and an own-data publication's validation counts reach the draft."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from web_support import STOKE

from lineofsight.assurance.prose import figure
from lineofsight.benchmark.engine import get_benchmark
from lineofsight.indicators.meta import lookup_indicator
from lineofsight.reference.las import resolve
from lineofsight.web.assessment.models import SelfEvaluationVersion
from lineofsight.web.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = "/self-evaluation/children_in_care/"


def _soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def _figure(ident: str) -> str:
    entry = get_benchmark().entry(resolve(STOKE), ident)
    assert entry is not None and entry.value.number is not None
    meta = lookup_indicator(ident)
    return figure(entry.value.number, meta.unit, meta.decimals)


def test_the_page_contains_the_councils_actual_figures(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("chief_executive").get("/self-evaluation/"))
    sections = [s["data-section"] for s in page.select("section[data-section]")]
    assert sections == [
        "context",
        "leadership",
        "help_and_protection",
        "children_in_care",
        "care_leavers",
    ]
    care = page.select_one("section[data-section=children_in_care] [data-question=know]").get_text()
    entry = get_benchmark().entry(resolve(STOKE), "cla_rate_per_10k")
    assert entry is not None and entry.england.number is not None
    assert (
        f"At 31 March 2025, {_figure('cla_rate_per_10k')} children per 10,000 were looked after, "
        f"against {entry.neighbours_median.number:,.0f} among statistical neighbours"
    ) in " ".join(care.split())
    assert f"and {entry.england.number:,.0f} in England" in care
    context = page.select_one("section[data-section=context]").get_text()
    # the live signals were passed in, so the draft does not say they were missing
    assert "Early-warning signals were not supplied" not in context
    assert len(page.select("#questions li")) == 3
    assert "Edit " not in page.select_one("section[data-section=context]").get_text()


def test_the_director_edits_a_section_and_each_save_is_a_version(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("director")
    page = _soup(client.get(URL))
    prefilled = page.select_one("textarea#know").get_text()
    draft = page.select_one("[data-draft=know]").get_text(" ", strip=True)
    assert _figure("cla_rate_per_10k") in prefilled
    assert prefilled.split("\n\n")[0][:60] in draft
    first = {
        "know": "We know our children in care well.",
        "how": "Audits.",
        "plans": "Sufficiency.",
    }
    response = client.post(URL, {**first, "action": "save"})
    assert response.status_code == 302 and response["Location"] == f"{URL}?saved=1"
    second = {**first, "know": "We know most of our children in care well."}
    client.post(URL, {**second, "action": "save"})
    versions = list(
        SelfEvaluationVersion.objects.filter(section_id="children_in_care").order_by("version")
    )
    assert [v.texts["know"] for v in versions] == [first["know"], second["know"]]
    page = _soup(client.get(URL))
    assert page.select_one("textarea#know").get_text().strip() == second["know"]
    history = page.select("[data-role=history] > li")
    assert [li["data-version"] for li in history] == ["2", "1"]
    change = history[0].select_one("div[data-change='What we know']")
    assert (
        "We know our children in care well." in change.select_one("[data-role=before]").get_text()
    )
    assert history[0].select_one("div[data-change='Our plans']") is None
    whole = _soup(client.get("/self-evaluation/"))
    section = whole.select_one("section[data-section=children_in_care]")
    assert section.select_one("[data-question=know]").get_text(strip=True) == second["know"]
    assert "Version 2" in section.select_one("[data-role=status]").get_text()
    events = AuditEvent.objects.filter(action="change", object_type="self_evaluation_section")
    assert events.count() == 2
    assert events.order_by("id").last().details["changed"] == ["know"]


def test_reset_to_the_datas_draft_is_a_new_version(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("director")
    client.post(URL, {"know": "Mine.", "how": "", "plans": ""})
    page = _soup(client.get(URL))
    assert (
        "differs from the data's current draft"
        in page.select_one("#edited [data-role=status]").get_text()
    )
    client.post(URL, {"action": "reset"})
    latest = SelfEvaluationVersion.objects.filter(section_id="children_in_care").order_by(
        "-version"
    )[0]
    assert latest.version == 2 and latest.from_draft
    assert _figure("cla_rate_per_10k") in latest.texts["know"]
    page = _soup(client.get(URL))
    assert "Reset to the data's draft" in page.select_one("[data-role=history] > li").get_text()
    assert "Mine." in page.select_one("[data-role=history]").get_text()


@pytest.mark.parametrize(
    "role", ["leader", "lead_member", "chief_executive", "scrutiny", "analyst", "administrator"]
)
def test_only_the_director_edits_the_self_evaluation(signed_in, role: str) -> None:  # type: ignore[no-untyped-def]
    client = signed_in(role)
    page = _soup(client.get(URL))
    assert page.select_one("textarea") is None
    assert client.post(URL, {"know": "x", "how": "", "plans": ""}).status_code == 403
    assert client.post(URL, {"action": "reset"}).status_code == 403
    assert not SelfEvaluationVersion.objects.exists()


def test_a_too_long_answer_is_refused(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("director")
    response = client.post(URL, {"know": "x" * 20_001, "how": "", "plans": ""})
    assert response.status_code == 400
    assert not SelfEvaluationVersion.objects.exists()


def test_an_own_data_publication_puts_its_finding_counts_in_the_draft(signed_in) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.web.returns_data.models import Publication, Status, Upload

    upload = Upload.objects.create(
        la_code=STOKE,
        kind="ssda903, cin",
        status=Status.PUBLISHED,
        returns=[
            {"kind": "ssda903", "years": [2024, 2025], "errors": 0, "queries": 7},
            {"kind": "cin", "years": [2025], "errors": 0, "queries": 1},
        ],
        queries=8,
    )
    Publication.objects.create(la_code=STOKE, version=1, upload=upload, is_current=True)
    page = _soup(signed_in("director").get("/self-evaluation/"))
    how = page.select_one("section[data-section=context] [data-question=how]").get_text(
        " ", strip=True
    )
    assert "SSDA903 (children looked after) for 2025 had 0 errors and 7 queries" in how
    assert "CIN census for 2025 had 0 errors and 1 query" in how
