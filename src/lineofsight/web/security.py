"""Security middleware Django 5.2 lacks: a Content-Security-Policy header and session time limits.

The CSP comes from ``settings.CONTENT_SECURITY_POLICY`` (directive -> sources) and must never allow
inline scripts or styles: templates load ``static`` files only. Sessions end 30 minutes after the
last request or 8 hours after sign-in, whichever is first (``SESSION_IDLE_SECONDS``,
``SESSION_ABSOLUTE_SECONDS``).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponseBase

Handler = Callable[[HttpRequest], HttpResponseBase]

# Write the idle clock at most once a minute, so most requests do not save the session.
_TOUCH_EVERY_SECONDS = 60


def build_csp(policy: dict[str, list[str]]) -> str:
    """The header value for a policy; refuses 'unsafe-inline' and 'unsafe-eval' outright."""
    parts = []
    for directive, sources in policy.items():
        banned = {"'unsafe-inline'", "'unsafe-eval'"} & set(sources)
        if banned:
            raise ImproperlyConfigured(
                f"CONTENT_SECURITY_POLICY {directive} allows {', '.join(sorted(banned))}: "
                "load scripts and styles from static files instead."
            )
        parts.append(" ".join([directive, *sources]))
    return "; ".join(parts)


class ContentSecurityPolicyMiddleware:
    """Adds Content-Security-Policy and Permissions-Policy to every response."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response
        self.header = build_csp(settings.CONTENT_SECURITY_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.header)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response


# URL namespaces whose pages name children (the Data pages' findings), so are never stored.
CHILD_LEVEL_NAMESPACES = frozenset({"data"})


class DownloadsNotStoredMiddleware:
    """``Cache-Control: no-store, private`` on every download (a response with a
    ``Content-Disposition: attachment``) and on the pages that name children: findings reports
    name children, and neither they nor an export should be kept by a shared computer's browser
    cache or a proxy after the session ends."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        download = response.headers.get("Content-Disposition", "").lower().startswith("attachment")
        if download or (match is not None and match.namespace in CHILD_LEVEL_NAMESPACES):
            response.headers["Cache-Control"] = "no-store, private"
        return response


class SessionExpiryMiddleware:
    """Signs a user out after the idle or absolute limit and sends them to sign in again."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            signed_in_at = float(session.setdefault("signed_in_at", now))
            last_seen = float(session.get("last_seen", now))
            idle = now - last_seen > settings.SESSION_IDLE_SECONDS
            too_old = now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS
            if idle or too_old:
                logout(request)
                return redirect_to_login(request.get_full_path())
            if now - last_seen >= _TOUCH_EVERY_SECONDS or "last_seen" not in session:
                session["last_seen"] = now
        return self.get_response(request)
