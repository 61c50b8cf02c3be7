"""Security headers and the no-inline-code rule, on every page the service renders.

Why: the CSP only protects users if it forbids inline script and style *and* the templates never
need them; both halves are checked here, over every URL in the permission table.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from web_permission_table import PERMISSIONS

from lineofsight.web.security import build_csp


def _pages(signed_in) -> list[tuple[str, bytes, dict[str, str]]]:  # type: ignore[no-untyped-def]
    admin = signed_in("administrator")
    out = []
    for name, rule in PERMISSIONS.items():
        response = admin.get(reverse(name, kwargs=rule.kwargs or None), follow=True)
        out.append((name, response.content, dict(response.headers)))
    anonymous = Client()
    for path in ("/sign-in/", "/no-such-page/"):
        response = anonymous.get(path)
        out.append((path, response.content, dict(response.headers)))
    return out


def test_csp_forbids_inline_code_and_framing(client: Client) -> None:
    csp = client.get("/sign-in/")["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_security_headers_on_every_page(signed_in) -> None:  # type: ignore[no-untyped-def]
    for name, _content, headers in _pages(signed_in):
        assert headers["X-Content-Type-Options"] == "nosniff", name
        assert headers["Referrer-Policy"] == "same-origin", name
        assert headers["X-Frame-Options"] == "DENY", name
        assert "'unsafe-inline'" not in headers["Content-Security-Policy"], name


@pytest.mark.django_db
def test_no_page_has_inline_script_or_style(signed_in) -> None:  # type: ignore[no-untyped-def]
    for name, content, _headers in _pages(signed_in):
        page = BeautifulSoup(content, "html.parser")
        inline_scripts = [s for s in page.find_all("script") if not s.get("src")]
        assert not inline_scripts, f"{name} has an inline <script>"
        assert not page.find_all("style"), f"{name} has a <style> element"
        assert not page.select("[style]"), f"{name} has a style attribute"
        handlers = [t.name for t in page.find_all(True) if any(a.startswith("on") for a in t.attrs)]
        assert not handlers, f"{name} has inline event handlers on {handlers}"


def test_policy_builder_refuses_unsafe_inline() -> None:
    with pytest.raises(ImproperlyConfigured, match="unsafe-inline"):
        build_csp({"style-src": ["'self'", "'unsafe-inline'"]})


@pytest.mark.django_db
def test_session_cookie_is_http_only(client: Client, make_user) -> None:  # type: ignore[no-untyped-def]
    from django.conf import settings
    from web_support import PASSWORD

    user = make_user("leader")
    response = client.post("/sign-in/", {"username": user.email, "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_scope_check_refuses_another_council(make_user) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory
    from web_support import OTHER_LA, STOKE

    from lineofsight.web.accounts.permissions import require_in_scope

    request = RequestFactory().get("/")
    request.user = make_user("director")
    require_in_scope(request, STOKE)
    with pytest.raises(PermissionDenied):
        require_in_scope(request, OTHER_LA)
