"""The Data pages in a real browser: upload returns, read the findings, publish; axe-core finds
no WCAG 2.2 AA violations on the upload, findings and history pages.

Why: the upload form is a multipart form with a multiple-file input and an acknowledgement; only
a browser shows whether it works under the CSP and is accessible (axe needs JavaScript on).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import test_web_browser as foundation
from returns_data_support import RUTLAND
from test_web_browser import _axe_violations, _context, _sign_in

pytestmark = pytest.mark.browser
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
browser = foundation.browser
axe_source = foundation.axe_source


@pytest.fixture
def analyst(transactional_db: None, make_user: Any) -> Any:
    return make_user("analyst", la_code=RUTLAND)


def test_upload_and_publish_in_a_browser(
    browser: Any, live_server: Any, analyst: Any, axe_source: str, synthetic: Path
) -> None:
    from lineofsight.web.returns_data.models import Publication

    context = _context(browser)
    page = context.new_page()
    _sign_in(page, live_server.url, analyst.email)
    page.goto(f"{live_server.url}/data/")
    assert page.locator("h1").inner_text() == "Data"
    violations = {"upload": _axe_violations(page, axe_source)}

    page.get_by_role("button", name="Upload and check").click()
    assert page.locator(".govuk-error-summary").inner_text().count("Select at least one") == 1
    violations["upload with error"] = _axe_violations(page, axe_source)

    page.get_by_label("Return files").set_input_files(
        [
            str(synthetic / "workforce" / "csww_2025.xml"),
            str(synthetic / "cin" / "cin_census_2025.xml"),
        ]
    )
    page.get_by_role("button", name="Upload and check").click()
    assert page.locator("h1").inner_text() == "Validation findings"
    violations["findings"] = _axe_violations(page, axe_source)
    page.get_by_label("I have reviewed the", exact=False).check()
    page.get_by_role("button", name="Publish these figures").click()
    assert page.locator("h1").inner_text() == "Publication history"
    assert page.locator("tbody tr").first.inner_text().startswith("1")
    violations["history"] = _axe_violations(page, axe_source)
    assert {k: v for k, v in violations.items() if v} == {}
    assert Publication.objects.get().is_current
    context.close()
