"""Typed wrappers around Django's view decorators (Django ships no type hints, and mypy --strict
rejects untyped decorators); use these in views alongside ``@requires``/``@public``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from django.db.transaction import non_atomic_requests as _non_atomic_requests
from django.http import HttpResponseBase
from django.views.decorators.cache import never_cache as _never_cache
from django.views.decorators.debug import sensitive_post_parameters as _sensitive_post_parameters
from django.views.decorators.http import require_http_methods as _require_http_methods

from lineofsight.values import is_digits

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def methods(*names: str) -> Callable[[View], View]:
    """Allow only these HTTP methods (others get 405)."""

    def decorate(view: View) -> View:
        return cast(View, _require_http_methods(list(names))(view))

    return decorate


def long_running(view: View) -> View:
    """A view that runs long before it writes (checking returns, making a PDF) is not wrapped in
    one transaction by ``audit.atomic`` (with SQLite that would hold the write lock throughout);
    it keeps its writes and their audit event in a short transaction of its own."""
    return cast(View, _non_atomic_requests(view))


def never_cache(view: View) -> View:
    """Responses must not be cached by the browser or a proxy (sign-in, sign-out)."""
    return cast(View, _never_cache(view))


def sensitive_post(*fields: str) -> Callable[[View], View]:
    """Keep these POST fields out of error reports."""

    def decorate(view: View) -> View:
        return cast(View, _sensitive_post_parameters(*fields)(view))

    return decorate


def query_number(text: str) -> int | None:
    """A whole number from a query string, or None: ASCII digits only (``str.isdigit`` also
    accepts "²", which ``int`` refuses) and at most 9 of them (a database integer)."""
    text = text.strip()
    if not text or len(text) > 9 or not is_digits(text):
        return None
    return int(text)
