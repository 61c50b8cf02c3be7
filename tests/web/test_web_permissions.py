"""Every URL pattern × every role: allowed roles get the page, others 403, anonymous the sign-in page.

Why: the permission table is the contract for who sees what; a URL added without a row in
web_permission_table.py, or a view whose @requires roles disagree with the table, fails here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from web_permission_table import PERMISSIONS, Rule

from lineofsight.web.accounts.permissions import roles_for
from lineofsight.web.accounts.roles import Role


def _patterns(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _patterns(entry, full)
        else:
            name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
            yield name, entry


ALL_PATTERNS = dict(_patterns(get_resolver()))
CASES = [(name, role) for name in sorted(PERMISSIONS) for role in [None, *Role]]


def test_every_url_pattern_is_in_the_permission_table() -> None:
    unnamed = [str(p.pattern) for n, p in ALL_PATTERNS.items() if n.endswith("None")]
    assert not unnamed, f"URL patterns without a name cannot be permission-tested: {unnamed}"
    missing = sorted(set(ALL_PATTERNS) - set(PERMISSIONS))
    assert not missing, f"Add these URLs to tests/web/web_permission_table.py: {missing}"
    stale = sorted(set(PERMISSIONS) - set(ALL_PATTERNS))
    assert not stale, f"The permission table lists URLs that no longer exist: {stale}"


@pytest.mark.parametrize("name", sorted(ALL_PATTERNS))
def test_view_roles_match_the_table(name: str) -> None:
    rule = PERMISSIONS.get(name)
    assert rule is not None, f"Add {name} to tests/web/web_permission_table.py"
    view = ALL_PATTERNS[name].callback
    assert roles_for(view) == rule.roles, f"{name}: @requires disagrees with the table"


def _url(name: str, rule: Rule) -> str:
    return reverse(name, kwargs=rule.kwargs or None)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r or 'anonymous'}" for n, r in CASES])
def test_url_by_role(name: str, role: Role | None, client, signed_in) -> None:  # type: ignore[no-untyped-def]
    rule = PERMISSIONS[name]
    url = _url(name, rule)
    browser = client if role is None else signed_in(role)
    response = browser.get(url)
    if role is None:
        if rule.roles is None:
            assert response.status_code == rule.anonymous_status
        else:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("accounts:sign-in") + "?next=")
    elif rule.roles is None or role in rule.roles:
        status = rule.signed_in_status
        assert response.status_code == (status(role) if callable(status) else status)
    else:
        assert response.status_code == 403
        heading = BeautifulSoup(response.content, "html.parser").h1
        assert heading is not None and heading.get_text(strip=True) == "You cannot open this page"
