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


# The header's sections, each opening its first page the user may see; a section's other pages
# are its sub-navigation. One short row instead of a dozen links wrapping onto two. A URL
# namespace belongs to the section of its pages (the indicator pages to Overview, an action to
# Governance); a page registered in no section is a section of its own.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Overview", ("overview:index", "overview:compare", "overview:ofsted", "overview:signals")),
    ("Self-assessment", ("assessment:index", "assessment:enablers", "assessment:self-evaluation")),
    (
        "Governance",
        (
            "governance:index",
            "governance:actions",
            "governance:roles",
            "governance:corporate-parenting",
        ),
    ),
    ("Money", ("finance:index", "forecast:index")),
    ("Packs", ("packs:index",)),
    ("Data", ("data:index",)),
    ("Administration", ("accounts:list", "audit:log")),
)


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    pages: tuple[Page, ...]
    namespaces: frozenset[str]


def sections_for(role: str) -> list[Section]:
    """The role's pages grouped into the header's sections, in the order of ``SECTIONS``."""
    visible = [p for p in pages_for(role) if p.in_header or p.url_name in _GROUPED]
    by_name = {p.url_name: p for p in visible}
    out = []
    for title, names in SECTIONS:
        pages = tuple(by_name[n] for n in names if n in by_name)
        if pages:
            out.append(Section(title, pages, frozenset(n.split(":")[0] for n in names)))
    for page in visible:
        if page.url_name not in _GROUPED and page.in_header:
            out.append(Section(page.title, (page,), frozenset()))
    return out


_GROUPED = frozenset(n for _, names in SECTIONS for n in names)


def _current(request: HttpRequest) -> tuple[str | None, str | None]:
    match = getattr(request, "resolver_match", None)
    return getattr(match, "view_name", None), getattr(match, "namespace", None)


def _section_of(sections: list[Section], request: HttpRequest) -> Section | None:
    view, namespace = _current(request)
    for section in sections:
        if any(p.url_name == view for p in section.pages):
            return section
    for section in sections:
        if namespace and namespace in section.namespaces:
            return section
    return None


def navigation_for(request: HttpRequest) -> list[dict[str, Any]]:
    """Items for the GOV.UK service navigation: one per section, the current one marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    sections = sections_for(Role(user.role))
    current = _section_of(sections, request)
    return [
        {"href": reverse(s.pages[0].url_name), "text": s.title, "active": s is current}
        for s in sections
    ]


def subnavigation_for(request: HttpRequest) -> dict[str, Any] | None:
    """The current section's pages (when it has more than one), the current page marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    current = _section_of(sections_for(Role(user.role)), request)
    if current is None or len(current.pages) < 2:
        return None
    view, _ = _current(request)
    return {
        "title": current.title,
        "items": [
            {"href": reverse(p.url_name), "text": p.title, "active": p.url_name == view}
            for p in current.pages
        ],
    }
