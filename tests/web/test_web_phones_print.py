"""Phones and print in a real browser: at 320 px wide no main page scrolls sideways (WCAG 2.2
reflow; wide tables scroll in their own labelled box) and axe-core finds no WCAG 2.2 AA
violation, and the overview printed from Chromium is at most four A4 pages without navigation
or link addresses.

Why: at 390 px the overview was 772 px wide, and it printed as 13 pages with the navigation and
every link's address.
"""

from __future__ import annotations

import io
import os
from typing import Any

import pypdf
import pytest
import test_web_browser as foundation
from test_web_browser import _axe_violations, _sign_in
from web_support import STOKE

pytestmark = pytest.mark.browser
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
browser = foundation.browser
axe_source = foundation.axe_source

PAGES = (
    "/overview/",
    "/indicators/cla_rate_per_10k/",
    "/ofsted/",
    "/signals/",
    "/key-questions/",
    "/enablers/",
    "/self-evaluation/",
    "/governance/",
    "/governance/actions/",
    "/governance/roles/",
    "/corporate-parenting/",
    "/finance/",
    "/forecast/",
    "/packs/",
)


@pytest.fixture
def director(transactional_db: None, make_user) -> Any:  # type: ignore[no-untyped-def]
    from lineofsight.web.assessment.demo import load_demo_assessment
    from lineofsight.web.governance.demo import load_demo_governance
    from lineofsight.web.warm import warm_up

    load_demo_governance(STOKE)
    load_demo_assessment(STOKE)
    # Build the published data and the overview's figures here, in the live server's process,
    # so the first page the browser asks for does not wait on them.
    warm_up([STOKE])
    return make_user("director")


def test_no_page_scrolls_sideways_at_320_px(browser, live_server, director, axe_source) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    _sign_in(page, live_server.url, director.email)
    wide = {}
    found = {}
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        # Open every details element: a table shown on demand must not widen the page either.
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide[path] = width
        found[path] = _axe_violations(page, axe_source)
    assert wide == {}
    assert {k: v for k, v in found.items() if v} == {}
    page.goto(f"{live_server.url}/overview/")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    box = page.locator(".los-table-scroll").first
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label")
    # A sparkline keeps its drawn size inside the table's box rather than shrinking to a stub.
    spark = page.locator(".los-table-scroll svg.sparkline").first.bounding_box()
    assert spark is not None and spark["width"] >= 80
    assert _axe_violations(page, axe_source) == []
    context.close()


def test_the_overview_prints_on_four_pages_without_navigation(
    browser, live_server, director
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    _sign_in(page, live_server.url, director.email)
    page.goto(f"{live_server.url}/overview/")
    pdf = page.pdf(format="A4")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    assert len(reader.pages) <= 4, len(reader.pages)
    assert "What needs your attention" in text
    assert "This is a demonstration" in text  # a printed demo page still says so
    assert "Sign out" not in text and "Skip to main content" not in text
    assert "(/indicators/" not in text and "(/" not in text and "http" not in text
    context.close()
