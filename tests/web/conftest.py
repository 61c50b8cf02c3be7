"""Fixtures for the web service tests: Django test settings, one signed-in client per role.

Why: every web test needs users of each role in a demo council and a quick way to sign them in.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import django
import pytest
from web_support import PASSWORD, STOKE

# pytest-django reads DJANGO_SETTINGS_MODULE before this (non-root) conftest loads, so configure
# Django here, before the test modules that import views are collected.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lineofsight.web.settings.test")
django.setup()


@pytest.fixture(autouse=True)
def _clear_axes_cache() -> None:
    """Lockouts must not leak between tests (axes keeps attempts in the database and cache)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def make_user(db: None) -> Callable[..., object]:
    """Create a user with a role (a Role or its code) in a council (Stoke-on-Trent by default)."""
    from lineofsight.web.accounts.models import User

    def make(role: str, *, la_code: str = STOKE, email: str | None = None, **extra: object) -> User:
        address = email or f"{role}.{la_code.lower()}@example.org"
        return User.objects.create_user(address, PASSWORD, role=role, la_code=la_code, **extra)

    return make


@pytest.fixture
def signed_in(client, make_user):  # type: ignore[no-untyped-def]
    """``signed_in(role)`` -> a test client signed in as a new user with that role."""

    def sign_in(role: str, **kwargs: object):  # type: ignore[no-untyped-def]
        user = make_user(role, **kwargs)
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def no_overview(monkeypatch: pytest.MonkeyPatch) -> None:
    """Home shows the "Your council" landing page, as it does when no overview page is installed."""
    from lineofsight.web.pages import views

    monkeypatch.setattr(views, "OVERVIEW_URL_NAME", "no-such:page")
