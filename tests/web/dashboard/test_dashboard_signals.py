"""The Signals page and the signal flags: a leader must see exactly the signals the engine raises
for their council (sentences word for word, grouped by severity, each with its evidence), the
same count on the overview and the same signals on each indicator page, and the risk estimate
with the model's own caveats; only roles that may read the overview may open it."""

from __future__ import annotations

from collections import Counter

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from web_permission_table import PERMISSIONS

from lineofsight.reference.las import resolve
from lineofsight.signals.engine import signals_for
from lineofsight.web.accounts.roles import Role
from lineofsight.web.dashboard import signals_page

pytestmark = pytest.mark.django_db
STOKE = "E06000021"


def _soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture(scope="module")
def expected() -> list:  # type: ignore[type-arg]
    return signals_for(resolve(STOKE))


def test_page_lists_exactly_the_engine_signals_grouped_by_severity(signed_in, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected, "Stoke-on-Trent's published figures raise signals; the test needs some"
    page = _soup(signed_in("leader").get("/signals/"))
    assert page.h1.get_text(strip=True) == "Signals"
    shown = []
    for severity in ("high", "medium", "low"):
        heading = page.find("h3", id=f"severity-{severity}")
        want = [s for s in expected if s.severity.label == severity]
        assert heading.get_text(strip=True) == f"{severity.capitalize()} ({len(want)})"
        items = page.select(f"ul[data-severity={severity}] > li")
        got = [li.select_one("[data-role=sentence]").get_text() for li in items]
        assert got == [s.sentence for s in want]
        for li, s in zip(items, want, strict=True):
            link = li.select_one("a[data-role=indicator]")
            assert link["href"] == f"/indicators/{s.indicator_id}/"
            details = li.select_one("details")
            assert details.summary.get_text(strip=True) == "How this was worked out"
            assert details.select_one("[data-role=rule]").get_text() == s.rule
            assert details.select_one("[data-role=rule]").parent.get_text() == (
                f"Rule that fired: {s.rule}."
            )
            assert s.period in details.get_text()
        shown += items
    assert len(shown) == len(expected)
    counts = Counter(s.severity.label for s in expected)
    summary = page.select_one("#signal-summary").get_text(" ", strip=True)
    assert summary.startswith(f"{len(expected)} signals: {counts['high']} high")


def test_evidence_shows_the_numbers_that_fired(signed_in, expected) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("director").get("/signals/"))
    threshold = next(s for s in expected if s.kind == "threshold")
    li = page.select_one(f"li[data-signal='{threshold.indicator_id}/threshold/{threshold.period}']")
    rows = {
        r.dt.get_text(strip=True): r.dd.get_text(strip=True)
        for r in li.select(".govuk-summary-list__row")
    }
    assert rows["Cut-off basis"] == threshold.evidence["basis"]
    value = float(threshold.evidence["value"])
    assert rows["Latest figure"] == signals_page.evidence_rows(threshold)[0][1]
    assert float(rows["Latest figure"].replace(",", "")) == pytest.approx(value, abs=0.01)


def test_page_explains_signals_and_links_to_the_risk_estimate(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("lead_member").get("/signals/"))
    about = page.select_one("#about-signals").get_text(" ", strip=True)
    assert "prompts for questions, not judgements" in about
    assert page.select_one("#risk").find_next("a")["href"] == "/ofsted/#risk"
    assert not page.select("a[href$='.md']"), "links must stay on the site"


def test_overview_shows_count_and_a_tag_per_flagged_row(signed_in, expected) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("leader").get("/overview/"))
    link = page.select_one("#signal-count a")
    high = sum(s.severity.label == "high" for s in expected)
    assert link.get_text(strip=True) == f"{len(expected)} signals ({high} high)"
    assert link["href"] == "/signals/"
    per_indicator = Counter(s.indicator_id for s in expected)
    rows = page.select("tr[data-indicator]")
    tagged = {
        r["data-indicator"]: r.select_one("[data-role=signal-tag]").get_text(strip=True)
        for r in rows
        if r.select_one("[data-role=signal-tag]")
    }
    shown = {r["data-indicator"] for r in rows}
    want = {i: n for i, n in per_indicator.items() if i in shown}
    assert want, "some flagged indicators are on the overview"
    assert tagged == {i: f"{n} signal{'' if n == 1 else 's'}" for i, n in want.items()}


def test_indicator_page_shows_its_signals(signed_in, expected) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("analyst")
    flagged = next(s.indicator_id for s in expected if s.indicator_id == "cla_placed_20_miles_pct")
    page = _soup(client.get(f"/indicators/{flagged}/"))
    got = [s.get_text() for s in page.select("[data-role=signals] [data-role=sentence]")]
    assert got == [s.sentence for s in expected if s.indicator_id == flagged]
    quiet = next(
        i
        for i in ("cin_rate_per_10k", "referrals_rate_per_10k", "cpp_rate_per_10k")
        if i not in {s.indicator_id for s in expected}
    )
    page = _soup(client.get(f"/indicators/{quiet}/"))
    assert not page.select("[data-role=signals]")
    assert page.select_one("[data-role=no-signals]")


def test_signals_page_in_navigation_and_permission_table(signed_in) -> None:  # type: ignore[no-untyped-def]
    rule = PERMISSIONS["overview:signals"]
    assert rule.roles == PERMISSIONS["overview:index"].roles
    page = _soup(signed_in("scrutiny").get("/overview/"))
    nav = [a.get_text(strip=True) for a in page.select("[data-role=subnav] a")]
    assert "Signals" in nav
    for role in Role:
        if role not in (rule.roles or frozenset()):
            client = signed_in(role.value, email=f"{role.value}.outside@example.org")
            assert client.get("/signals/").status_code == 403
    anonymous = Client().get("/signals/")
    assert anonymous.status_code == 302 and "sign-in" in anonymous["Location"]


def test_signals_are_cached_per_council() -> None:
    assert signals_page.council_signals(STOKE) is signals_page.council_signals(STOKE)


def test_signals_page_opens_with_one_judgement_per_indicator(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = BeautifulSoup(signed_in("director").get("/signals/").content, "html.parser")
    items = page.select("[data-role=judgements] > li")
    ids = [li["data-indicator"] for li in items]
    assert ids and len(ids) == len(set(ids))
    assert "cla_rate_per_10k" in ids
    for li in items:
        assert li.select_one("[data-role=variation]").get_text(strip=True).startswith("Variation: ")
    assert "102%" not in page.get_text()


def test_indicator_page_gives_its_judgement(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = BeautifulSoup(
        signed_in("director").get("/indicators/care_leavers_in_touch_19_21_pct/").content,
        "html.parser",
    )
    box = page.select_one("[data-role=judgement]")
    assert box is not None
    text = box.get_text(" ", strip=True)
    assert "process limits need 12, so none are drawn" in text and "High" not in text
    assert box.select_one("a[href^='/key-questions/']") is not None
