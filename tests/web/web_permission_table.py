"""Who may open each URL: the single table the permission test checks every URL pattern against.

A new URL must be added here (test_permissions fails for any URL pattern not listed, and for any
listed name that no longer exists). ``roles=None`` means a public page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lineofsight.web.accounts.roles import ADMINISTRATORS, ALL_ROLES, ANALYSTS, READERS, Role


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role] | None
    kwargs: dict[str, Any] = field(default_factory=dict)
    # What an allowed, signed-in user gets (e.g. the sign-in page redirects them home), or a
    # function of their role.
    signed_in_status: int | Callable[[Role], int] = 200
    # What an anonymous visitor gets on a public page (e.g. sign-out sends them to sign in).
    anonymous_status: int = 200


def _home_status(role: Role) -> int:
    """Home sends roles the overview admits there (302) and shows the rest their landing page."""
    overview = PERMISSIONS.get("overview:index")
    return 302 if overview is not None and overview.roles and role in overview.roles else 200


PERMISSIONS: dict[str, Rule] = {
    "pages:home": Rule(ALL_ROLES, signed_in_status=_home_status),
    "pages:accessibility": Rule(None),
    "pages:cookies": Rule(None),
    "accounts:sign-in": Rule(None, signed_in_status=302),
    "accounts:sign-out": Rule(None, anonymous_status=302),
    "accounts:list": Rule(ADMINISTRATORS),
    "audit:log": Rule(ADMINISTRATORS),
    # The data pages (published aggregates only): every reading role and administrators.
    "overview:index": Rule(READERS | ADMINISTRATORS),
    "overview:indicator": Rule(READERS | ADMINISTRATORS, {"indicator_id": "cla_rate_per_10k"}),
    "overview:indicator-csv": Rule(READERS | ADMINISTRATORS, {"indicator_id": "cla_rate_per_10k"}),
    "overview:compare": Rule(READERS | ADMINISTRATORS),
    "overview:ofsted": Rule(READERS | ADMINISTRATORS),
    "overview:signals": Rule(READERS | ADMINISTRATORS),
    # The Data pages: the findings name child ids, so analysts and administrators only. The table
    # test runs on an empty database, so an upload's pages are 404 for the roles allowed.
    "data:index": Rule(ANALYSTS | ADMINISTRATORS),
    "data:history": Rule(ANALYSTS | ADMINISTRATORS),
    "data:findings": Rule(ANALYSTS | ADMINISTRATORS, {"pk": 1}, signed_in_status=404),
    "data:report": Rule(ANALYSTS | ADMINISTRATORS, {"pk": 1, "fmt": "csv"}, signed_in_status=404),
    "data:publish": Rule(ANALYSTS | ADMINISTRATORS, {"pk": 1}, signed_in_status=405),
}
