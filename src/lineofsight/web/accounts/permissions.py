"""The one way views say who may open them: ``@requires(*roles)`` or ``@public``.

Every view in the project carries one of the two (tests/web/test_web_permissions.py checks every URL
pattern against tests/web/web_permission_table.py). Example::

    from lineofsight.web.accounts.permissions import requires
    from lineofsight.web.accounts.roles import READERS

    @requires(*READERS)
    def overview(request: HttpRequest) -> HttpResponse: ...

Anonymous users are sent to the sign-in page; signed-in users without the role get the 403 page.
Views that take a council code must also check ``request.user.scope.includes(code)``
(:func:`require_in_scope`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from lineofsight.web.accounts.roles import Role

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def requires(*roles: Role) -> Callable[[View], View]:
    """Open a view to signed-in users holding one of ``roles`` (at least one role is required)."""
    if not roles:
        raise ValueError("requires() needs at least one role; use @public for open pages.")
    allowed = frozenset(Role(r) for r in roles)

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if getattr(user, "role", None) not in allowed:
                raise PermissionDenied("Your role does not include this page.")
            return view(request, *args, **kwargs)

        wrapper.required_roles = allowed  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def public(view: View) -> View:
    """Mark a view as open to everyone, signed in or not (sign-in, accessibility, cookies)."""
    view.required_roles = None  # type: ignore[attr-defined]
    view.is_public = True  # type: ignore[attr-defined]
    return view


def roles_for(view: Callable[..., Any]) -> frozenset[Role] | None:
    """The roles a view is open to, ``None`` for a public view; ``LookupError`` if it is unmarked."""
    if getattr(view, "is_public", False):
        return None
    roles = getattr(view, "required_roles", None)
    if roles is None:
        name = getattr(view, "__qualname__", repr(view))
        raise LookupError(f"The view {name} has neither @requires(...) nor @public.")
    return frozenset(roles)


def require_in_scope(request: HttpRequest, la_code: str) -> None:
    """Raise 403 unless the signed-in user's scope includes this council."""
    scope = getattr(request.user, "scope", None)
    if scope is None or not scope.includes(la_code):
        raise PermissionDenied("This council is outside your account's scope.")
