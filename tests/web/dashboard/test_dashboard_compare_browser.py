"""Compare in a real browser: chosen by keyboard alone with JavaScript off (presets, a region's
checkboxes, the Compare button), no axe-core WCAG 2.2 AA violations at 1280 and 320 px wide, and
at 320 px the page itself never scrolls sideways (the wide table scrolls in its own box)."""

from __future__ import annotations

import os
from typing import Any

import pytest
import test_web_browser as foundation
from test_web_browser import _axe_violations, _sign_in

pytestmark = pytest.mark.browser
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
browser = foundation.browser
axe_source = foundation.axe_source


@pytest.fixture
def director(transactional_db: None, make_user) -> Any:  # type: ignore[no-untyped-def]
    return make_user("director")


def _tab_to(page: Any, locator: Any, limit: int = 300) -> None:
    """Press Tab until ``locator`` has the focus (as a keyboard user would reach it)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{locator} never took the focus by Tab")


def _columns(page: Any) -> list[str]:
    return page.locator("#comparison thead th").all_inner_texts()


def test_compare_by_keyboard_without_javascript(browser, live_server, director) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    _sign_in(page, live_server.url, director.email)
    page.goto(f"{live_server.url}/compare/")
    preset = page.get_by_role("link", name="Stoke-on-Trent and its 10 statistical neighbours")
    _tab_to(page, preset)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert len(_columns(page)) == 1 + 11 + 3
    # Open the choices and the North East by keyboard, tick Hartlepool with the space bar,
    # submit with Enter.
    _tab_to(page, page.locator("#choose > summary"))
    page.keyboard.press("Enter")
    summary = page.locator("details[data-region='North East'] summary")
    _tab_to(page, summary)
    page.keyboard.press("Enter")
    box = page.get_by_label("Hartlepool", exact=True)
    _tab_to(page, box)
    page.keyboard.press("Space")
    assert box.is_checked()
    button = page.get_by_role("button", name="Compare")
    _tab_to(page, button)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Hartlepool" in _columns(page) and len(_columns(page)) == 1 + 12 + 3
    links = page.locator("#downloads a")
    assert links.all_inner_texts() == [
        "Download this comparison (CSV)",
        "Download this comparison (Excel, .xlsx)",
    ]
    assert page.locator("figure svg[role=img]").count() == 5
    context.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_compare_has_no_violations_and_no_sideways_scroll(
    browser, live_server, director, axe_source, width
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    _sign_in(page, live_server.url, director.email)
    found = {}
    for query in ("", "?preset=region", "?la=E99999999&indicator=cla_rate"):
        page.goto(f"{live_server.url}/compare/{query}")
        found[query] = _axe_violations(page, axe_source)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{width} px {query!r}: the page scrolls sideways by {overflow} px"
    assert {k: v for k, v in found.items() if v} == {}
    if width == 320:  # the wide table scrolls inside its own box instead
        page.goto(f"{live_server.url}/compare/?preset=region")
        box = page.get_by_role("region", name="Comparison")
        assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    context.close()
