"""Browser tests: Debian's chromium via Playwright against a live server, with axe-core for WCAG 2.2 AA.

Why: the HTML tests cannot see what a browser does with the CSP, the GOV.UK JavaScript or the
accessibility tree. These sign in as people do, with JavaScript on and off, and run axe-core on
every page the service has so far.
"""

from __future__ import annotations

import atexit
import base64
import hashlib
import io
import json
import os
import tarfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_support import PASSWORD

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE_VERSION = "4.14.1"  # axe-core, MPL-2.0: fetched from the npm registry, not vendored
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "lineofsight"

# Playwright's sync API runs an event loop in this thread; the ORM calls here are in test setup.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _fetch_axe() -> str:
    """axe.min.js from the npm tarball, checked against the registry's sha512, cached on disk."""
    cached = AXE_CACHE / f"axe-core-{AXE_VERSION}.min.js"
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    meta_url = f"https://registry.npmjs.org/axe-core/{AXE_VERSION}"
    with urllib.request.urlopen(meta_url, timeout=30) as response:
        dist = json.load(response)["dist"]
    with urllib.request.urlopen(dist["tarball"], timeout=60) as response:
        tarball = response.read()
    algorithm, _, expected = str(dist["integrity"]).partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if actual != expected:
        raise RuntimeError(f"axe-core {AXE_VERSION} tarball failed its {algorithm} integrity check")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        member = archive.extractfile("package/axe.min.js")
        assert member is not None
        source = member.read().decode("utf-8")
    AXE_CACHE.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")  # test processes may race to write it
    partial.write_text(source, encoding="utf-8")
    partial.replace(cached)
    return source


@pytest.fixture(scope="session")
def axe_source() -> str:
    try:
        return _fetch_axe()
    except (OSError, ValueError, KeyError, tarfile.TarError) as exc:
        pytest.skip(f"axe-core {AXE_VERSION} could not be fetched from the npm registry ({exc})")


_SHARED: dict[str, Any] = {}


def _launch() -> Any:
    """One Playwright and one chromium per test process, however many modules use the fixture.

    Playwright's sync API refuses to start a second instance while one is running, and other test
    modules reuse this fixture under their own names; so the instance lives here, not in the fixture.
    """
    if "browser" not in _SHARED:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        _SHARED["playwright"] = playwright
        _SHARED["browser"] = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        atexit.register(_close)
    return _SHARED["browser"]


def _close() -> None:
    browser = _SHARED.pop("browser", None)
    playwright = _SHARED.pop("playwright", None)
    if browser is not None:
        browser.close()
    if playwright is not None:
        playwright.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    yield _launch()


def _context(browser: Any, *, javascript: bool = True) -> Any:
    return browser.new_context(java_script_enabled=javascript)


def _sign_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def _axe_violations(page: Any, axe_source: str) -> list[str]:
    # Evaluated over the DevTools protocol, which the page's CSP does not govern (a <script> tag
    # would be blocked, as it should be).
    page.evaluate(f"{axe_source}\n;undefined")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    assert result["passes"], "axe-core ran no checks: is the page empty?"
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
    ]


@pytest.fixture
def admin(transactional_db: None, make_user) -> Any:  # type: ignore[no-untyped-def]
    from lineofsight.web.audit.log import record
    from lineofsight.web.audit.models import Action

    user = make_user("administrator", full_name="Ada Admin")
    make_user("director", full_name="Dee Director")
    record(None, Action.EXPORT, user=user, obj=("indicator", "cla_rate_per_10k"))
    return user


def test_sign_in_and_see_the_landing_page_with_javascript(
    browser, live_server, admin, no_overview
) -> None:  # type: ignore[no-untyped-def]
    context = _context(browser)
    page = context.new_page()
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    _sign_in(page, live_server.url, admin.email)
    assert page.locator("h1").inner_text() == "Stoke-on-Trent"
    assert page.locator(".govuk-generic-header__homepage-link").inner_text() == "Stoke-on-Trent"
    body_class = page.locator("body").get_attribute("class") or ""
    assert "js-enabled" in body_class and "govuk-frontend-supported" in body_class
    # The GOV.UK JavaScript ran under the CSP: the password input gained its "Show" button.
    page.get_by_role("link", name="Audit log").first.click()
    assert page.locator("h1").inner_text() == "Audit log"
    page.wait_for_load_state()  # the click waits for the new page to start loading, not to finish
    assert page.locator("tbody tr").count() >= 2
    assert csp_errors == []
    context.close()


def test_password_toggle_works_under_the_csp(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    toggle = page.get_by_role("button", name="Show password")
    toggle.click()
    assert page.locator("#password").get_attribute("type") == "text"
    context.close()


def test_every_page_works_without_javascript(browser, live_server, admin, no_overview) -> None:  # type: ignore[no-untyped-def]
    context = _context(browser, javascript=False)
    page = context.new_page()
    _sign_in(page, live_server.url, admin.email)
    assert page.locator("h1").inner_text() == "Stoke-on-Trent"
    assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")
    headings = {}
    for path in ("/accounts/", "/audit/", "/accessibility/", "/cookies/"):
        page.goto(f"{live_server.url}{path}")
        headings[path] = page.locator("h1").inner_text()
    assert headings == {
        "/accounts/": "Accounts",
        "/audit/": "Audit log",
        "/accessibility/": "Accessibility statement for Line of Sight",
        "/cookies/": "Cookies",
    }
    page.goto(f"{live_server.url}/audit/")
    page.get_by_label("Show").select_option("sign_in")
    page.get_by_role("button", name="Filter").click()
    assert page.locator("tbody tr td:nth-child(3)").all_inner_texts() == ["Signed in"]
    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()
    assert page.locator("h1").inner_text() == "You have signed out"
    page.goto(f"{live_server.url}/accounts/")
    assert page.locator("h1").inner_text() == "Sign in"
    context.close()


def test_no_wcag_22_aa_violations_on_any_page(
    browser, live_server, admin, axe_source, make_user
) -> None:  # type: ignore[no-untyped-def]
    context = _context(browser)
    page = context.new_page()
    found: dict[str, list[str]] = {}
    page.goto(f"{live_server.url}/sign-in/")
    found["sign-in"] = _axe_violations(page, axe_source)
    page.get_by_role("button", name="Sign in").click()  # the error summary state
    found["sign-in errors"] = _axe_violations(page, axe_source)
    _sign_in(page, live_server.url, admin.email)
    for path in (
        "/",
        "/accounts/",
        "/audit/",
        "/accessibility/",
        "/cookies/",
        "/no-such-page/",
        "/sign-out/",
    ):
        page.goto(f"{live_server.url}{path}")
        found[path] = _axe_violations(page, axe_source)
    leader = make_user("leader")
    page.goto(f"{live_server.url}/sign-out/")
    page.get_by_role("button", name="Sign out").click()
    found["signed out"] = _axe_violations(page, axe_source)
    _sign_in(page, live_server.url, leader.email)
    page.goto(f"{live_server.url}/audit/")
    assert page.locator("h1").inner_text() == "You cannot open this page"
    found["403"] = _axe_violations(page, axe_source)
    assert {k: v for k, v in found.items() if v} == {}
    assert len(found) == 11
    context.close()
