"""Key questions and enablers: every save is a new version with visible history, rounds carry the
last answers over and leave the old round intact, only the leader, lead member and director may
edit, every save is audited, and the evidence block shows the council's actual published figures.
"""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from web_support import STOKE

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.indicators.meta import lookup_indicator
from lineofsight.reference.las import resolve
from lineofsight.web.assessment.models import AnswerVersion, Round
from lineofsight.web.audit.models import AuditEvent
from lineofsight.wording import show

pytestmark = pytest.mark.django_db
Q = "kq_lead_member_04"
URL = f"/key-questions/{Q}/"


def _soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def _answer(**changes: str) -> dict[str, str]:
    form = {
        "rating": "adequate",
        "narrative": "Quarterly performance reports reach the quartet.",
        "owner": "Leader of the council",
        "review_date": "2027-03-31",
        "evidence": "Quartet minutes, May | https://example.org/minutes-may.pdf",
    }
    form.update(changes)
    return form


def test_a_leader_saves_an_answer_and_sees_it(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    response = client.post(URL, _answer())
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?saved=1#answer"
    page = _soup(client.get(response["Location"]))
    answer = page.select_one("[data-role=current-answer]")
    assert answer.select_one("[data-rating]")["data-rating"] == "adequate"
    assert "Quarterly performance reports reach the quartet." in answer.get_text()
    link = answer.select_one("[data-role=links] a")
    assert link["href"] == "https://example.org/minutes-may.pdf"
    assert link.get_text(strip=True) == "Quartet minutes, May"
    assert "version 1" in page.select_one(".govuk-notification-banner").get_text()
    round_ = Round.objects.get(la_code=STOKE)
    assert round_.number == 1


def test_an_edit_keeps_the_old_answer_and_shows_it_in_the_history(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("lead_member")
    client.post(URL, _answer())
    client.post(
        URL, _answer(rating="weak", narrative="Leaders do not hear from children directly.")
    )
    versions = AnswerVersion.objects.filter(item_id=Q).order_by("version")
    assert [(v.version, v.rating) for v in versions] == [(1, "adequate"), (2, "weak")]
    assert versions[0].narrative == "Quarterly performance reports reach the quartet."
    page = _soup(client.get(URL))
    assert page.select_one("[data-role=current-answer] [data-rating]")["data-rating"] == "weak"
    history = page.select("[data-role=history] > li")
    assert [li["data-version"] for li in history] == ["2", "1"]
    latest = history[0]
    rating = latest.select_one("[data-change=Rating]").get_text(" ", strip=True)
    assert rating == "Rating: changed from Adequate to Weak"
    narrative = latest.select_one("div[data-change=Narrative]")
    assert "Quarterly performance reports" in narrative.select_one("[data-role=before]").get_text()
    assert "do not hear from children" in narrative.select_one("[data-role=after]").get_text()
    assert "lead_member.e06000021@example.org" in latest.get_text()
    # an unchanged owner is not listed as a change
    assert latest.select_one("[data-change=Owner]") is None


def test_scrutiny_reads_but_cannot_save(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("scrutiny")
    page = _soup(client.get(URL))
    assert page.select_one("form[method=post]") is None
    response = client.post(URL, _answer())
    assert response.status_code == 403
    assert not AnswerVersion.objects.exists()
    assert not Round.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("leader", 302),
        ("lead_member", 302),
        ("director", 302),
        ("chief_executive", 403),
        ("scrutiny", 403),
        ("corporate_parenting", 403),
        ("analyst", 403),
        ("administrator", 403),
        ("board_clerk", 403),
    ],
)
def test_who_may_edit_key_questions_and_enablers(signed_in, role: str, status: int) -> None:  # type: ignore[no-untyped-def]
    client = signed_in(role)
    assert client.post(URL, _answer()).status_code == status
    enabler = _answer(level="developing")
    assert client.post("/enablers/workforce/", enabler).status_code == status
    assert client.post(
        "/assessment-rounds/", {"name": "x", "started": "2026-04-01"}
    ).status_code == (status)


def test_every_save_is_audited(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    client.post(URL, _answer())
    client.post(URL, _answer(rating="strong"))
    events = list(AuditEvent.objects.filter(action="change").order_by("id"))
    assert len(events) == 2
    assert events[-1].object_type == "assessment_answer"
    assert events[-1].details["item"] == Q
    assert events[-1].details["version"] == 2
    assert events[-1].details["previous_rating"] == "adequate"
    assert events[-1].details["rating"] == "strong"
    assert events[-1].la_code == STOKE


def test_a_bad_form_is_refused_with_errors_and_nothing_saved(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    response = client.post(
        URL, _answer(rating="", review_date="next year", evidence="javascript:alert(1)")
    )
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    links = [a["href"] for a in page.select(".govuk-error-summary a")]
    assert links == ["#rating", "#review_date", "#evidence"]
    # the refused form sits right under its errors, not below the evidence (it was ~2,000 px down)
    headings = [h.get("id") for h in page.select("main h2")]
    assert headings.index("update") < headings.index("from-the-data")
    assert len(page.select("main form[method=post]")) == 1
    assert not AnswerVersion.objects.exists()
    assert not AuditEvent.objects.filter(action="change").exists()


def test_a_new_round_carries_answers_over_and_the_old_round_stays(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("director")
    client.post(URL, _answer())
    client.post(URL, _answer(rating="weak"))
    client.post("/enablers/workforce/", _answer(level="emerging"))
    response = client.post(
        "/assessment-rounds/", {"name": "Assessment 2027", "started": "2027-04-01"}
    )
    assert response.status_code == 302
    first, second = Round.objects.filter(la_code=STOKE).order_by("number")
    assert second.copied_from == first and second.name == "Assessment 2027"
    carried = AnswerVersion.objects.get(round=second, item_id=Q)
    assert (carried.version, carried.rating, carried.carried_over) == (1, "weak", True)
    assert AnswerVersion.objects.get(round=second, item_id="workforce").level == "emerging"
    # editing in the new round leaves the old round as it was
    client.post(URL, _answer(rating="strong"))
    assert [
        v.rating for v in AnswerVersion.objects.filter(round=first, item_id=Q).order_by("version")
    ] == [
        "adequate",
        "weak",
    ]
    old = _soup(client.get(f"{URL}?round=1"))
    assert old.select_one("[data-role=current-answer] [data-rating]")["data-rating"] == "weak"
    assert old.select_one("[data-role=old-round]") is not None
    assert old.select_one("form[method=post]") is None
    new = _soup(client.get(URL))
    assert new.select_one("[data-role=current-answer] [data-rating]")["data-rating"] == "strong"
    assert "Carried over from round 1" in new.select_one("[data-role=history]").get_text()
    index = _soup(client.get("/key-questions/?round=1"))
    row = index.select_one(f"tr[data-question={Q}]")
    assert row.select_one("[data-rating]")["data-rating"] == "weak"
    assert row.a["href"] == f"{URL}?round=1"
    assert client.get("/key-questions/?round=9").status_code == 404


def test_a_save_after_a_new_round_started_elsewhere_is_not_lost_silently(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    client.post(URL, _answer())
    client.post("/assessment-rounds/", {"name": "Round two", "started": "2027-04-01"})
    response = client.post(URL, _answer(round="1", rating="strong"))
    assert response.status_code == 400
    assert "Round 2 (Round two) started after you opened this page" in response.content.decode()


def test_the_index_flags_overdue_reviews_and_groups_by_theme(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    past = (timezone.localdate() - dt.timedelta(days=3)).isoformat()
    client.post(URL, _answer(review_date=past))
    client.post("/key-questions/kq_finance_01/", _answer(rating="weak"))
    page = _soup(client.get("/key-questions/"))
    themes = [t["id"] for t in page.select("table[id^=theme-]")]
    assert themes == [
        "theme-lead_member",
        "theme-ofsted",
        "theme-governance",
        "theme-corporate_parenting",
        "theme-voices",
        "theme-finance",
    ]
    assert len(page.select("tr[data-question]")) == 25
    row = page.select_one(f"tr[data-question={Q}]")
    assert row.select_one("[data-flag]")["data-flag"] == "Review overdue"
    assert row.select_one("[data-role=owner]").get_text(strip=True) == "Leader of the council"
    assert page.select_one("[data-role=overdue]").get_text(strip=True) == "1"
    finance = page.select_one("tr[data-question=kq_finance_01]")
    assert finance.select_one("[data-rating]")["data-rating"] == "weak"
    assert finance.select_one("[data-flag]") is None  # review in 2027


def test_the_evidence_block_shows_the_councils_live_values(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("scrutiny").get(URL))
    la = resolve(STOKE)
    bench = get_benchmark()
    for ident in ("cla_rate_per_10k", "care_leavers_eet_19_21_pct"):
        entry = bench.entry(la, ident)
        assert entry is not None and entry.value.ok
        row = page.select_one(f"#evidence-figures tr[data-indicator={ident}]")
        meta = lookup_indicator(ident)
        assert row.select_one("[data-role=value]").get_text(strip=True) == show(entry.value, meta)
        assert row.select_one("[data-role=england]").get_text(strip=True) == show(
            entry.england, meta
        )
        assert row.select_one("[data-role=neighbours]").get_text(strip=True) == show(
            entry.neighbours_median, meta
        )
        assert row.a["href"] == f"/indicators/{ident}/"
    cla = bench.entry(la, "cla_rate_per_10k")
    assert cla is not None and cla.value.number is not None
    cla_row = page.select_one("#evidence-figures tr[data-indicator=cla_rate_per_10k]")
    assert (
        cla_row.select_one("[data-role=value]").get_text(strip=True) == f"{cla.value.number:,.0f}"
    )
    assert "at 31 March 2025" in cla_row.get_text()


def test_the_evidence_block_lists_the_councils_signals_of_the_linked_families(signed_in) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.assurance.content import SIGNAL_FAMILY, key_questions
    from lineofsight.web.dashboard.judgements import council_signals

    q = key_questions().question(Q)
    expected = {
        f"{s.indicator_id}/{s.kind}"
        for s in council_signals(STOKE)
        if s.indicator_id in q.evidence.indicators
        and SIGNAL_FAMILY.get(s.kind) in q.evidence.signals
    }
    page = _soup(signed_in("analyst").get(URL))
    shown = {li["data-signal"] for li in page.select("[data-role=signals] li")}
    assert shown == expected


def test_an_enabler_records_a_maturity_level(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    assert client.post("/enablers/workforce/", _answer(level="")).status_code == 400
    client.post("/enablers/workforce/", _answer(level="developing", rating="weak"))
    client.post("/enablers/workforce/", _answer(level="established", rating="weak"))
    page = _soup(client.get("/enablers/workforce/"))
    assert (
        page.select_one("[data-role=current-answer] [data-role=level]").get_text() == "Established"
    )
    change = page.select_one("[data-role=history] li [data-change='Maturity level']")
    assert (
        change.get_text(" ", strip=True) == "Maturity level: changed from Developing to Established"
    )
    index = _soup(client.get("/enablers/"))
    assert len(index.select("tr[data-enabler]")) == 7
    row = index.select_one("tr[data-enabler=workforce]")
    assert row.select_one("[data-role=level]").get_text(strip=True) == "Established"


def test_unknown_items_are_404(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    assert client.get("/key-questions/kq_nope/").status_code == 404
    assert client.get("/enablers/nope/").status_code == 404
    assert client.get("/self-evaluation/nope/").status_code == 404


def test_answers_are_kept_per_council(signed_in, make_user, client) -> None:  # type: ignore[no-untyped-def]
    from web_support import OTHER_LA

    signed_in("leader").post(URL, _answer(rating="strong"))
    other = make_user("leader", la_code=OTHER_LA, email="leader.other@example.org")
    client.force_login(other)
    page = _soup(client.get(URL))
    assert page.select_one("[data-role=current-answer] [data-rating]") is None
    assert client.get("/key-questions/?round=1").status_code == 404


def test_own_figures_appear_beside_the_published_ones(signed_in) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.web.returns_data.models import IndicatorValue, Publication, Status, Upload

    upload = Upload.objects.create(la_code=STOKE, kind="ssda903", status=Status.PUBLISHED)
    publication = Publication.objects.create(
        la_code=STOKE, version=1, upload=upload, is_current=True
    )
    IndicatorValue.objects.create(
        publication=publication,
        indicator_id="cla_rate_per_10k",
        period_start=dt.date(2024, 11, 1),
        period_end=dt.date(2025, 10, 31),
        value=181.4,
        state="value",
        numerator=1000,
        denominator=55000,
        returns="from the 2024-25 to 2025-26 returns",
    )
    page = _soup(signed_in("director").get(URL))
    row = page.select_one("#evidence-figures tr[data-indicator=cla_rate_per_10k]")
    text = row.get_text(" ", strip=True)
    assert "181 (year to 31 October 2025, from the 2024-25 to 2025-26 returns)" in text


def test_typed_text_is_escaped(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    client.post(URL, _answer(narrative="<script>alert(1)</script>", owner="<b>me</b>"))
    body = client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
    assert "<b>me</b>" not in body


def test_starting_a_round_is_audited(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("lead_member")
    client.post(URL, _answer())
    client.post("/assessment-rounds/", {"name": "Second", "started": "2027-04-01"})
    event = AuditEvent.objects.get(object_type="assessment_round")
    assert event.details["round"] == 2
    assert event.details["carried_over_from"] == 1
    assert event.details["answers_carried_over"] == 1
    page = _soup(client.get("/assessment-rounds/"))
    assert [tr["data-round"] for tr in page.select("tr[data-round]")] == ["2", "1"]
    assert client.post("/assessment-rounds/", {"name": "", "started": "soon"}).status_code == 400


def test_typed_text_with_a_null_character_is_saved_without_it(signed_in) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL text cannot hold NUL; a pasted one is dropped rather than failing the save."""
    from lineofsight.web.assessment.models import Round

    client = signed_in("leader")
    response = client.post(
        "/assessment-rounds/", {"name": "Spring\x00 review", "started": "2027-04-01"}
    )
    assert response.status_code == 302
    assert Round.objects.get().name == "Spring review"
