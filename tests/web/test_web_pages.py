"""The pages users see: council header without the crown, landing page by role, audit log, accounts,
accessibility, cookies, 403 and 404, all rendered as GOV.UK pages.

Why: these assertions are on the HTML a person reads, so a broken layout or a page offered to the
wrong role shows up as a failing heading or link, not just a status code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from web_support import OTHER_LA, PASSWORD

from lineofsight.web.accounts.roles import Role
from lineofsight.web.audit.log import record
from lineofsight.web.audit.models import Action
from lineofsight.web.pages import views as pages_views


def _soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    return BeautifulSoup(response.content, "html.parser")


def _nav(page: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in page.select(".govuk-service-navigation__list a")]


def test_header_names_council_and_service_without_crown(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("administrator").get("/accounts/"))
    assert page.select_one(".govuk-generic-header__homepage-link").get_text(strip=True) == (
        "Stoke-on-Trent"
    )
    assert page.select_one(".govuk-service-navigation__service-name").get_text(strip=True) == (
        "Line of Sight"
    )
    html = str(page)
    assert "govuk-logo" not in html and "govuk-header__logotype" not in html
    assert "govuk-footer__crown" not in html and "govuk-footer__copyright-logo" not in html
    assert "Crown copyright" not in html and "GOV.UK" not in html
    footer = page.select_one(".govuk-footer").get_text(" ", strip=True)
    assert "Open Government Licence v3.0" in footer and "Department for Education" in footer


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_navigation_and_landing_page_offer_only_pages_the_role_can_open(
    signed_in, no_overview, role: str
) -> None:  # type: ignore[no-untyped-def]
    client = signed_in(role)
    page = _soup(client.get("/"))
    assert page.select_one(".govuk-caption-l").get_text(strip=True) == Role(role).label
    nav = _nav(page)
    assert nav[-1] == "Sign out" and "Your council" not in nav
    assert len(nav) == len(set(nav)) <= 8  # one short row of sections, no duplicates
    assert ("Administration" in nav) == (role == "administrator")
    links = [a["href"] for a in page.select("main h3 a")]
    # The landing page lists every page the role can open; each section opens one of them.
    hrefs = [a["href"] for a in page.select(".govuk-service-navigation__list a")][:-1]
    assert set(hrefs) <= set(links)
    for href in links:
        assert client.get(href).status_code == 200, f"{role} is offered {href} but cannot open it"


def test_landing_page_for_a_role_with_no_pages_says_so(signed_in, no_overview, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.web.accounts import navigation

    monkeypatch.setattr(
        navigation, "_PAGES", [p for p in navigation._PAGES if p.url_name == "pages:home"]
    )
    text = _soup(signed_in("corporate_parenting").get("/")).main.get_text(" ", strip=True)
    assert "has no pages yet for Stoke-on-Trent" in text
    assert "Corporate parenting board member" in text


def test_home_sends_roles_the_overview_admits_to_it(signed_in, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(pages_views, "OVERVIEW_URL_NAME", "audit:log")  # stands in: admins only
    admin = signed_in("administrator").get("/")
    assert admin.status_code == 302 and admin["Location"] == "/audit/"
    assert signed_in("leader", email="leader2@example.org").get("/").status_code == 200


def test_audit_log_shows_this_councils_events_only(client: Client, make_user) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("administrator")
    elsewhere = make_user("analyst", la_code=OTHER_LA)
    record(None, Action.EXPORT, user=elsewhere, obj=("indicator", "cla_rate_per_10k"))
    client.post("/sign-in/", {"username": admin.email, "password": PASSWORD})
    record(None, Action.PUBLICATION, user=admin, obj=("returns", 7), details={"files": 3})
    page = _soup(client.get("/audit/"))
    rows = [
        [td.get_text(" ", strip=True) for td in tr.select("td")] for tr in page.select("tbody tr")
    ]
    assert [r[2] for r in rows] == ["Published data", "Signed in"]
    assert rows[0][1] == admin.email and rows[0][3] == "returns 7" and rows[0][4] == "files: 3"
    assert rows[1][5] == "127.0.0.1"
    assert page.select_one("caption").get_text(strip=True) == "2 events"
    filtered = _soup(client.get("/audit/?action=sign_in"))
    assert [tr.select("td")[2].get_text(strip=True) for tr in filtered.select("tbody tr")] == [
        "Signed in"
    ]


def test_accounts_page_lists_users_and_roles_of_this_council(signed_in, make_user) -> None:  # type: ignore[no-untyped-def]
    make_user("director", full_name="Dana Director")
    make_user("leader", la_code=OTHER_LA)
    page = _soup(signed_in("administrator").get("/accounts/"))
    rows = {
        tr.select("td")[0].get_text(strip=True): [td.get_text(strip=True) for td in tr.select("td")]
        for tr in page.select("table.govuk-table tbody tr")
    }
    assert set(rows) == {"administrator.e06000021@example.org", "director.e06000021@example.org"}
    assert rows["director.e06000021@example.org"][1:4] == [
        "Dana Director",
        "Director of children's services",
        "Active",
    ]


def test_accessibility_statement_and_cookies_page_are_public(client: Client) -> None:
    statement = _soup(client.get("/accessibility/"))
    assert statement.h1.get_text(strip=True) == "Accessibility statement for Line of Sight"
    assert "WCAG" in statement.main.get_text()
    cookies = _soup(client.get("/cookies/"))
    names = [tr.select_one("td").get_text(strip=True) for tr in cookies.select("tbody tr")]
    assert names == [settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME]


@pytest.mark.django_db
def test_404_page_is_a_govuk_page(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = _soup(response)
    assert page.h1.get_text(strip=True) == "Page not found"
    assert page.select_one("link[rel=stylesheet]")["href"].endswith("govuk-frontend.min.css")


def test_compiled_css_uses_arial_and_no_gds_transport() -> None:
    from django.contrib.staticfiles import finders

    path = finders.find("govuk/govuk-frontend.min.css")
    assert path is not None
    css = Path(path).read_text(encoding="utf-8")
    assert "font-family:arial,sans-serif" in css
    assert "GDS Transport" not in css and "govuk-crest" not in css


def test_a_section_shows_its_pages_below_the_header(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("administrator").get("/governance/actions/"))
    nav = _nav(page)
    active = page.select_one(".govuk-service-navigation__item--active")
    assert active is not None and active.get_text(strip=True) == "Governance"
    subnav = page.select_one("[data-role=subnav]")
    assert subnav is not None and subnav["aria-label"] == "Governance pages"
    items = [a.get_text(strip=True) for a in subnav.select("a")]
    assert items == ["Boards and meetings", "Action log", "Statutory roles", "Corporate parenting"]
    current = subnav.select_one("[aria-current=page]")
    assert current is not None and current.get_text(strip=True) == "Action log"
    assert not set(items) & set(nav)
    banner = page.select_one("[data-role=phase-banner]")
    assert banner is not None and "Beta" in banner.get_text() and "new service" in banner.get_text()
