"""The assurance pages in a real browser: a leader completes an assessment of a key question, the
director edits a self-evaluation section, and axe-core finds no WCAG 2.2 AA violations on any of
the pages (with an error summary, history and an old round included).

Why: the forms are radios, textareas and a second "reset" form beside the editor; only a browser
shows whether they work under the CSP and are accessible.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import test_web_browser as foundation
from playwright.sync_api import expect
from test_web_browser import _axe_violations, _context, _sign_in

pytestmark = pytest.mark.browser
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
browser = foundation.browser
axe_source = foundation.axe_source
QUESTION = "/key-questions/kq_corporate_parenting_01/"


@pytest.fixture
def people(transactional_db: None, make_user: Any) -> dict[str, Any]:
    return {
        "leader": make_user("leader", full_name="Lee Leader"),
        "director": make_user("director", full_name="Dee Director"),
    }


def _watch_csp(page: Any) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda m: found.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return found


def test_a_leader_completes_an_assessment(
    browser: Any, live_server: Any, people: dict[str, Any], axe_source: str
) -> None:
    context = _context(browser)
    page = context.new_page()
    csp = _watch_csp(page)
    _sign_in(page, live_server.url, people["leader"].email)
    violations: dict[str, list[str]] = {}
    page.goto(f"{live_server.url}/key-questions/")
    assert page.locator("h1").inner_text() == "Key questions for leaders"
    violations["index"] = _axe_violations(page, axe_source)
    page.locator("tr[data-question=kq_corporate_parenting_01] a").click()
    assert page.url.endswith(QUESTION)
    violations["question"] = _axe_violations(page, axe_source)

    page.get_by_role("button", name="Save answer").click()  # nothing chosen
    assert "Select a rating" in page.locator(".govuk-error-summary").inner_text()
    violations["question with errors"] = _axe_violations(page, axe_source)

    page.get_by_label("Weak").check()
    page.get_by_label("Narrative").fill("Placement stability is below our neighbours.")
    page.get_by_label("Owner").fill("Lead member for children's services")
    review = page.get_by_role("group", name="Review date")  # GOV.UK day, month and year boxes
    review.get_by_label("Day").fill("31")
    review.get_by_label("Month").fill("1")
    review.get_by_label("Year").fill("2027")
    page.get_by_label("Documents and minutes").fill(
        "Corporate parenting board, June | https://example.org/cpb-june.pdf"
    )
    page.get_by_role("button", name="Save answer").click()
    assert "saved as version 1" in page.locator(".govuk-notification-banner").inner_text()
    answer = page.locator("[data-role=current-answer]")
    assert answer.locator("[data-rating]").inner_text() == "Weak"
    assert "Placement stability is below our neighbours." in answer.inner_text()

    page.get_by_label("Adequate").check()
    page.get_by_role("button", name="Save answer").click()
    history = page.locator("[data-role=history] > li")
    expect(history).to_have_count(2)  # retries while the page loads
    assert "Rating: changed from Weak to Adequate" in history.first.inner_text()
    assert "Lee Leader" in history.first.inner_text()
    violations["question with history"] = _axe_violations(page, axe_source)

    page.goto(f"{live_server.url}/enablers/")
    violations["enablers"] = _axe_violations(page, axe_source)
    page.goto(f"{live_server.url}/enablers/workforce/")
    violations["enabler"] = _axe_violations(page, axe_source)
    page.goto(f"{live_server.url}/assessment-rounds/")
    page.get_by_label("Name of the round").fill("Assessment 2027")
    page.get_by_role("button", name="Start a new round").click()
    assert page.locator("h1").inner_text() == "Key questions for leaders"
    page.goto(f"{live_server.url}/assessment-rounds/")
    assert page.locator("tr[data-round]").count() == 2
    violations["rounds"] = _axe_violations(page, axe_source)
    page.goto(f"{live_server.url}{QUESTION}?round=1")
    assert page.locator("[data-role=old-round]").is_visible()
    violations["old round"] = _axe_violations(page, axe_source)
    assert {k: v for k, v in violations.items() if v} == {}
    assert csp == []
    context.close()


def test_the_director_edits_a_self_evaluation_section(
    browser: Any, live_server: Any, people: dict[str, Any], axe_source: str
) -> None:
    context = _context(browser)
    page = context.new_page()
    csp = _watch_csp(page)
    _sign_in(page, live_server.url, people["director"].email)
    violations: dict[str, list[str]] = {}
    page.goto(f"{live_server.url}/self-evaluation/")
    assert page.locator("h1").inner_text() == "Ofsted self-evaluation"
    violations["self-evaluation"] = _axe_violations(page, axe_source)
    page.get_by_role("link", name="Edit the local context").click()
    assert page.locator("h1").inner_text() == "The local context"
    violations["section"] = _axe_violations(page, axe_source)
    know = page.locator("textarea#know")
    assert "per 10,000" in know.input_value()  # pre-filled from the data's draft
    know.fill("Demand is high and rising; leaders know why.")
    page.get_by_role("button", name="Save section").click()
    assert "saved as version 1" in page.locator(".govuk-notification-banner").inner_text()
    assert know.input_value() == "Demand is high and rising; leaders know why."
    page.get_by_role("button", name="Reset to the data's draft").click()
    assert "saved as version 2" in page.locator(".govuk-notification-banner").inner_text()
    assert "per 10,000" in page.locator("textarea#know").input_value()
    expect(page.locator("[data-role=history] > li")).to_have_count(2)
    violations["section with history"] = _axe_violations(page, axe_source)
    assert {k: v for k, v in violations.items() if v} == {}
    assert csp == []
    context.close()
