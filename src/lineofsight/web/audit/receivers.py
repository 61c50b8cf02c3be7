"""Record sign-ins, sign-outs, failed sign-ins and lockouts from Django's and django-axes' signals."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from lineofsight.web.audit.log import record
from lineofsight.web.audit.models import Action


def _known_user(email: str) -> Any:
    """The account an attempted email belongs to, so failures show against it; None if unknown."""
    return get_user_model().objects.filter(email=email.strip().lower()).first()


def _signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record(request, Action.SIGN_IN, user=user)


def _signed_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(request, Action.SIGN_OUT, user=user)


def _sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    email = str(credentials.get("username") or credentials.get("email") or "")
    record(request, Action.SIGN_IN_FAILED, user=_known_user(email), email=email)


def _locked_out(sender: Any, request: HttpRequest, username: str | None, **kwargs: Any) -> None:
    email = username or ""
    record(request, Action.LOCKED_OUT, user=_known_user(email), email=email)


user_logged_in.connect(_signed_in, dispatch_uid="audit-sign-in")
user_logged_out.connect(_signed_out, dispatch_uid="audit-sign-out")
user_login_failed.connect(_sign_in_failed, dispatch_uid="audit-sign-in-failed")
user_locked_out.connect(_locked_out, dispatch_uid="audit-locked-out")
