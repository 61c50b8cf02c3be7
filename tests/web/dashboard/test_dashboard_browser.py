"""The data pages in a real browser: axe-core finds no WCAG 2.2 AA violations on any of them
(charts included), and a leader can go from the overview to an indicator and read a chart's data
with JavaScript switched off."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import test_web_browser as foundation
from playwright.sync_api import expect
from test_web_browser import _axe_violations, _context, _sign_in

pytestmark = pytest.mark.browser
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The foundation's session fixtures: Debian's chromium and a checked copy of axe-core.
browser = foundation.browser
axe_source = foundation.axe_source

PAGES = (
    "/overview/",
    "/indicators/cla_rate_per_10k/",
    "/indicators/care_leavers_eet_17_18_pct/",
    "/compare/",
    "/compare/?la=E99999999&indicator=cla_rate_per_10k",
    "/ofsted/",
    "/signals/",
)


@pytest.fixture
def director(transactional_db: None, make_user) -> Any:  # type: ignore[no-untyped-def]
    return make_user("director")


def test_no_wcag_22_aa_violations_on_the_data_pages(
    browser, live_server, director, axe_source
) -> None:  # type: ignore[no-untyped-def]
    context = _context(browser)
    page = context.new_page()
    csp: list[str] = []
    page.on(
        "console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None
    )
    _sign_in(page, live_server.url, director.email)
    found = {}
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        found[path] = _axe_violations(page, axe_source)
    assert {k: v for k, v in found.items() if v} == {}
    assert csp == []
    context.close()


def test_overview_to_indicator_without_javascript(browser, live_server, director) -> None:  # type: ignore[no-untyped-def]
    context = _context(browser, javascript=False)
    page = context.new_page()
    _sign_in(page, live_server.url, director.email)
    assert page.locator("h1").inner_text() == "Overview"
    page.locator("[data-role=tiles]").get_by_role(
        "link", name="Children looked after per 10,000 children"
    ).click()
    assert page.locator("h1").inner_text() == "Children looked after per 10,000 children"
    chart = page.get_by_role(
        "img", name="Children looked after per 10,000 children: Stoke-on-Trent", exact=False
    ).first
    assert chart.is_visible()
    table = page.locator("#trend + details table")
    assert not table.is_visible()
    page.locator("#trend + details summary").click()
    assert table.is_visible()
    assert table.locator("tbody tr").count() >= 5
    page.get_by_role("link", name="Compare").click()
    page.wait_for_load_state()  # a click waits for the next page to start loading, not to finish
    page.locator("#choose > summary").click()
    chosen = [b.get_attribute("id") for b in page.locator("input[name=indicator]:checked").all()]
    for ident in chosen:
        page.locator(f"label[for='{ident}']").click()
    page.get_by_label("Children looked after per 10,000 children", exact=True).check()
    page.get_by_label("Children in need per 10,000 children", exact=True).check()
    page.get_by_role("button", name="Compare").click()
    expect(page.locator("#comparison tbody tr")).to_have_count(2)  # retries while the page loads
    context.close()


SCREENSHOTS = Path(os.environ.get("LOS_SCREENSHOTS", "/tmp/los-screenshots"))


def test_the_attention_list_is_on_the_first_screen(
    browser, live_server, director, axe_source
) -> None:  # type: ignore[no-untyped-def]
    """At 1280 x 800 a leader sees what needs attention before scrolling, even under the demo
    notice every page of the demo carries; axe finds nothing."""
    from lineofsight.web.assessment.demo import load_demo_assessment
    from lineofsight.web.governance.demo import load_demo_governance

    load_demo_governance(director.la_code)
    load_demo_assessment(director.la_code)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    _sign_in(page, live_server.url, director.email)
    page.goto(f"{live_server.url}/overview/")
    notice = page.locator("main [data-role=demo-notice]")
    assert notice.is_visible() and "demonstration" in notice.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "overview-1280x800.png"))
    page.screenshot(path=str(SCREENSHOTS / "overview-full.png"), full_page=True)
    heading = page.get_by_role("heading", name="What needs your attention")
    box = heading.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 800
    items = page.locator("[data-role=attention] > li")
    assert 1 <= items.count() <= 7
    first = items.first.bounding_box()
    assert first is not None and first["y"] + first["height"] <= 800
    assert _axe_violations(page, axe_source) == []
    context.close()
