"""Sign in, sign out, the locked-out page and the administrators' list of accounts."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from lineofsight.web.accounts.forms import SignInForm
from lineofsight.web.accounts.models import User
from lineofsight.web.accounts.permissions import public, requires
from lineofsight.web.accounts.roles import ADMINISTRATORS, Role
from lineofsight.web.http import methods, never_cache, sensitive_post


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return str(target)
    return None


@public
@sensitive_post("password")
@never_cache
@methods("GET", "POST")
def sign_in(request: HttpRequest) -> HttpResponseBase:
    """GOV.UK-styled sign-in; a success starts the 8-hour session clock."""
    if request.user.is_authenticated and request.method == "GET":
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        request.session["signed_in_at"] = time.time()
        return redirect(_safe_next(request) or settings.LOGIN_REDIRECT_URL)
    errors = [
        {"text": str(msg), "href": f"#{field if field != '__all__' else 'username'}"}
        for field, msgs in form.errors.items()
        for msg in msgs
    ]
    context = {"form": form, "errors": errors, "next": _safe_next(request) or ""}
    return render(request, "accounts/sign_in.html", context, status=400 if errors else 200)


@public
@never_cache
@methods("GET", "POST")
def sign_out(request: HttpRequest) -> HttpResponseBase:
    """GET asks to confirm (no JavaScript needed); POST signs out and ends the session."""
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    if request.method == "POST":
        logout(request)
        return render(request, "accounts/signed_out.html")
    return render(request, "accounts/sign_out.html")


def locked_out(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Shown by django-axes after too many failed sign-ins (status 429)."""
    hours = settings.AXES_COOLOFF_TIME
    return render(request, "accounts/locked_out.html", {"hours": hours}, status=429)


@requires(*ADMINISTRATORS)
@methods("GET")
def account_list(request: HttpRequest) -> HttpResponse:
    """Administrators: every account in their council, with role, status and last sign-in."""
    scope = request.user.scope
    users = User.objects.filter(la_code__in=scope.la_codes).order_by("role", "email")
    rows = [
        {
            "email": u.email,
            "name": u.full_name,
            "role": Role(u.role).label,
            "active": u.is_active,
            "demo": u.is_demo,
            "last_login": u.last_login,
        }
        for u in users
    ]
    return render(request, "accounts/list.html", {"rows": rows, "roles": list(Role)})
