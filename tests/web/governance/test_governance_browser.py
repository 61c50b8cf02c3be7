"""The governance pages in a real browser: a board clerk adds an action and finds it in the log,
and axe-core finds no WCAG 2.2 AA violations on any governance page (forms and their error states
included), with the demo council's records loaded so every table and signal is on the page."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
import test_web_browser as foundation
from playwright.sync_api import expect
from test_web_browser import _axe_violations, _context, _sign_in
from web_support import STOKE

pytestmark = pytest.mark.browser
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
browser = foundation.browser
axe_source = foundation.axe_source


@pytest.fixture
def people(transactional_db: None, make_user: Any) -> dict[str, Any]:
    from lineofsight.web.governance.demo import load_demo_governance

    load_demo_governance(STOKE)
    return {
        role: make_user(role)
        for role in ("board_clerk", "leader", "corporate_parenting", "scrutiny")
    }


def _watch_csp(page: Any) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda m: found.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return found


def test_a_board_clerk_adds_an_action_and_sees_it_in_the_log(
    browser: Any, live_server: Any, people: dict[str, Any]
) -> None:
    context = _context(browser)
    page = context.new_page()
    csp = _watch_csp(page)
    _sign_in(page, live_server.url, people["board_clerk"].email)
    page.get_by_role("link", name="Action log", exact=True).first.click()
    assert page.locator("h1").inner_text() == "Action log"
    page.get_by_role("link", name="Add an action").click()
    page.get_by_role("button", name="Add action").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert "Enter the action" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Action", exact=True).fill("Report agency rates to scrutiny each quarter")
    page.get_by_label("Owner").fill("Director of children's services")
    page.get_by_label("Board", exact=True).select_option(label="Children's scrutiny committee")
    due = dt.date.today() + dt.timedelta(days=45)
    when = page.get_by_role("group", name="Due date")  # GOV.UK day, month and year boxes
    when.get_by_label("Day").fill(str(due.day))
    when.get_by_label("Month").fill(str(due.month))
    when.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Add action").click()
    assert page.locator("h1").inner_text() == "Report agency rates to scrutiny each quarter"
    expect(page.locator("#history tbody tr")).to_have_count(1)  # retries while the page loads
    page.get_by_label("Status").select_option(label="In progress")
    page.get_by_role("textbox", name="Update").fill("Template agreed with the scrutiny chair.")
    page.get_by_role("button", name="Add update").click()
    expect(page.locator("#history tbody tr")).to_have_count(2)
    page.goto(f"{live_server.url}/governance/actions/?board=childrens-scrutiny-committee")
    rows = page.locator("#actions tbody tr")
    assert rows.count() == 1
    assert "Report agency rates to scrutiny each quarter" in rows.first.inner_text()
    assert "In progress" in rows.first.inner_text()
    assert csp == []
    context.close()


def _pages(role: str) -> tuple[str, ...]:
    from lineofsight.web.governance.models import Action, Commitment, Meeting, Voice

    meeting = Meeting.objects.filter(board__la_code=STOKE).first()
    action = Action.objects.filter(la_code=STOKE, status="in_progress").first()
    common = (
        "/governance/",
        "/governance/boards/strategic-quartet/",
        "/governance/boards/area-send-partnership/",
        f"/governance/meetings/{meeting.pk}/",
        "/governance/actions/",
        "/governance/actions/?status=overdue",
        f"/governance/actions/{action.pk}/",
        "/governance/roles/",
        "/corporate-parenting/",
    )
    forms = {
        "board_clerk": (
            "/governance/boards/add/",
            "/governance/boards/improvement-board/edit/",
            "/governance/boards/improvement-board/meetings/add/",
            f"/governance/meetings/{meeting.pk}/edit/",
            "/governance/actions/add/",
            f"/governance/actions/{action.pk}/edit/",
        ),
        "leader": ("/overview/", "/governance/roles/dcs/edit/"),
        "corporate_parenting": (
            "/corporate-parenting/voices/add/",
            f"/corporate-parenting/voices/{Voice.objects.first().pk}/edit/",
            "/corporate-parenting/commitments/add/",
            f"/corporate-parenting/commitments/{Commitment.objects.first().pk}/edit/",
        ),
    }
    return common + forms.get(role, ())


@pytest.mark.parametrize("role", ["board_clerk", "leader", "corporate_parenting"])
def test_no_wcag_22_aa_violations_on_the_governance_pages(
    browser: Any, live_server: Any, people: dict[str, Any], axe_source: str, role: str
) -> None:
    context = _context(browser)
    page = context.new_page()
    csp = _watch_csp(page)
    _sign_in(page, live_server.url, people[role].email)
    found = {}
    for path in _pages(role):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        found[path] = _axe_violations(page, axe_source)
        if path.endswith(("/add/", "/edit/")) and role != "leader":
            # The error state: submit the form emptied of its required fields.
            for field in page.locator("form input[type=text], form textarea").all():
                field.fill("")
            page.locator("form .govuk-button").last.click()
            found[f"{path} (errors)"] = _axe_violations(page, axe_source)
    assert {k: v for k, v in found.items() if v} == {}
    assert csp == []
    context.close()
