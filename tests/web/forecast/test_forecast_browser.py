"""The Forecast page in a real browser: a director saves a scenario through the form and axe-core
finds no WCAG 2.2 AA violations on the page, its error state or the scenario's view."""

from __future__ import annotations

import os
from typing import Any

import pytest
import test_web_browser as foundation
from test_web_browser import _axe_violations, _context, _sign_in
from test_web_forecast import small_rates
from web_support import STOKE

pytestmark = pytest.mark.browser
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
browser = foundation.browser
axe_source = foundation.axe_source


def test_director_saves_a_scenario_and_the_page_passes_axe(
    browser: Any, live_server: Any, transactional_db: None, make_user: Any, axe_source: str
) -> None:
    from lineofsight.web.forecast.basis import save_basis

    save_basis(STOKE, small_rates(), "synthetic demo returns", synthetic=True)
    director = make_user("director")
    page = _context(browser).new_page()
    _sign_in(page, live_server.url, director.email)
    page.get_by_role("link", name="Money", exact=True).click()
    page.get_by_role("link", name="Forecast", exact=True).first.click()
    assert page.locator("h1").inner_text() == "Forecast for Stoke-on-Trent"
    found = {"page": _axe_violations(page, axe_source)}
    page.get_by_role("button", name="Save scenario").click()
    assert "Enter a name for the scenario" in page.locator(".govuk-error-summary").inner_text()
    found["errors"] = _axe_violations(page, axe_source)
    page.get_by_label("Name").fill("Step down")
    page.get_by_label("Residential to fostering each month (%)").fill("3")
    page.get_by_role("button", name="Save scenario").click()
    assert "Scenario shown: Step down" in page.locator("main").inner_text()
    found["scenario"] = _axe_violations(page, axe_source)
    assert {k: v for k, v in found.items() if v} == {}
