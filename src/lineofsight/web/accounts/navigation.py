"""The pages a signed-in user can open, for the header navigation and the landing page.

A feature adds its page with :func:`register_page`; who sees it is read from the view's
``@requires`` roles, so the navigation can never offer a page the user would get a 403 on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, resolve, reverse

from lineofsight.web.accounts.permissions import roles_for
from lineofsight.web.accounts.roles import Role


@dataclass(frozen=True, slots=True)
class Page:
    url_name: str
    title: str
    description: str
    in_header: bool = True


_PAGES: list[Page] = []


def register_page(url_name: str, title: str, description: str, *, in_header: bool = True) -> None:
    """Add a page (a URL name without arguments) to the navigation; later calls replace earlier ones."""
    _PAGES[:] = [p for p in _PAGES if p.url_name != url_name]
    _PAGES.append(Page(url_name, title, description, in_header))


def pages_for(role: str) -> list[Page]:
    """The registered pages whose view admits this role, in registration order."""
    visible = []
    for page in _PAGES:
        try:
            roles = roles_for(resolve(reverse(page.url_name)).func)
        except NoReverseMatch:
            continue
        if roles is None or role in roles:
            visible.append(page)
    return visible


def navigation_for(request: HttpRequest) -> list[dict[str, Any]]:
    """Items for the GOV.UK service navigation: the user's pages, the current one marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    current = getattr(getattr(request, "resolver_match", None), "view_name", None)
    return [
        {"href": reverse(p.url_name), "text": p.title, "active": p.url_name == current}
        for p in pages_for(Role(user.role))
        if p.in_header
    ]
