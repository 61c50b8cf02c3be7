"""The landing page, the accessibility statement, the cookies page and the 403/404/500 pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, resolve, reverse

from lineofsight.web.accounts.navigation import pages_for
from lineofsight.web.accounts.permissions import public, requires, roles_for
from lineofsight.web.accounts.roles import ALL_ROLES, Role
from lineofsight.web.http import methods

# When a feature registers this URL name, the home page sends the roles it admits there.
OVERVIEW_URL_NAME = "overview:index"


def _overview_for(role: Role) -> str | None:
    try:
        url = reverse(OVERVIEW_URL_NAME)
    except NoReverseMatch:
        return None
    roles = roles_for(resolve(url).func)
    return url if roles is None or role in roles else None


@requires(*ALL_ROLES)
@methods("GET")
def home(request: HttpRequest) -> HttpResponseBase:
    """Send the user to the overview when their role has one, else show what they can open."""
    role = Role(request.user.role)
    if overview := _overview_for(role):
        return redirect(overview)
    pages = [p for p in pages_for(role) if p.url_name != "pages:home"]
    return render(request, "pages/home.html", {"pages": pages, "role": role})


@public
@methods("GET")
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (WCAG 2.2 AA, how it is tested, how to report a problem)."""
    return render(request, "pages/accessibility.html")


@public
@methods("GET")
def cookies(request: HttpRequest) -> HttpResponse:
    """The cookies page: the session and CSRF cookies only, both strictly necessary."""
    return render(request, "pages/cookies.html")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: the page exists but the user's role or council does not include it."""
    return render(request, "pages/403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: plain English, with a way back."""
    return render(request, "pages/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: says sorry and what to do; the error itself goes to the server log."""
    return render(request, "pages/500.html", status=500)
