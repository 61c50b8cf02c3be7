"""Typed wrappers around Django's view decorators (Django ships no type hints, and mypy --strict
rejects untyped decorators); use these in views alongside ``@requires``/``@public``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from django.http import HttpResponseBase
from django.views.decorators.cache import never_cache as _never_cache
from django.views.decorators.debug import sensitive_post_parameters as _sensitive_post_parameters
from django.views.decorators.http import require_http_methods as _require_http_methods

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def methods(*names: str) -> Callable[[View], View]:
    """Allow only these HTTP methods (others get 405)."""

    def decorate(view: View) -> View:
        return cast(View, _require_http_methods(list(names))(view))

    return decorate


def never_cache(view: View) -> View:
    """Responses must not be cached by the browser or a proxy (sign-in, sign-out)."""
    return cast(View, _never_cache(view))


def sensitive_post(*fields: str) -> Callable[[View], View]:
    """Keep these POST fields out of error reports."""

    def decorate(view: View) -> View:
        return cast(View, _sensitive_post_parameters(*fields)(view))

    return decorate
