"""Who may open each URL: the single table the permission test checks every URL pattern against.

A new URL must be added here (test_permissions fails for any URL pattern not listed, and for any
listed name that no longer exists). ``roles=None`` means a public page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lineofsight.web.accounts.roles import (
    ADMINISTRATORS,
    ALL_ROLES,
    ANALYSTS,
    COUNCIL_ROLES,
    FINANCE_UPLOADERS,
    READERS,
    REGIONAL_ROLES,
    Role,
)


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


# Governance editors (web/governance/access.py says why).
_CLERKS = frozenset({Role.CLERK})
_ACTION_UPDATERS = frozenset(
    {Role.CLERK, Role.LEADER, Role.LEAD_MEMBER, Role.CHIEF_EXECUTIVE, Role.DIRECTOR}
)
_FORECAST_EDITORS = frozenset({Role.DIRECTOR, Role.FINANCE_OFFICER})
_CORPORATE_PARENTS = frozenset({Role.CORPORATE_PARENTING, Role.DIRECTOR})

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
    "overview:indicator-xlsx": Rule(READERS | ADMINISTRATORS, {"indicator_id": "cla_rate_per_10k"}),
    "overview:compare": Rule(READERS | ADMINISTRATORS),
    "overview:compare-download": Rule(READERS | ADMINISTRATORS, {"fmt": "csv"}),
    "overview:ofsted": Rule(READERS | ADMINISTRATORS),
    "overview:signals": Rule(READERS | ADMINISTRATORS),
    # The Data pages: the findings name child ids, so analysts and administrators only. The table
    # test runs on an empty database, so an upload's pages are 404 for the roles allowed.
    "data:index": Rule(ANALYSTS | ADMINISTRATORS),
    "data:history": Rule(ANALYSTS | ADMINISTRATORS),
    "data:findings": Rule(ANALYSTS | ADMINISTRATORS, {"pk": 1}, signed_in_status=404),
    "data:report": Rule(ANALYSTS | ADMINISTRATORS, {"pk": 1, "fmt": "csv"}, signed_in_status=404),
    "data:publish": Rule(ANALYSTS | ADMINISTRATORS, {"pk": 1}, signed_in_status=405),
    # The assurance pages: every reading role and administrators read them; editing (POST) is
    # checked inside the view (leader, lead member and director; the self-evaluation director only).
    "assessment:index": Rule(READERS | ADMINISTRATORS),
    "assessment:question": Rule(READERS | ADMINISTRATORS, {"question_id": "kq_lead_member_04"}),
    "assessment:enablers": Rule(READERS | ADMINISTRATORS),
    "assessment:enabler": Rule(READERS | ADMINISTRATORS, {"enabler_id": "workforce"}),
    "assessment:rounds": Rule(READERS | ADMINISTRATORS),
    "assessment:self-evaluation": Rule(READERS | ADMINISTRATORS),
    "assessment:self-evaluation-section": Rule(READERS | ADMINISTRATORS, {"section_id": "context"}),
    # Governance: everyone at the council reads (not the regional roles); each form has its own
    # URL for the roles that change that record.
    # The guide's boards are seeded on first visit, so a board's pages are 200; meetings, actions,
    # voices and commitments do not exist in the empty database, so theirs are 404.
    "governance:index": Rule(COUNCIL_ROLES),
    "governance:board": Rule(COUNCIL_ROLES, {"slug": "strategic-quartet"}),
    "governance:board-add": Rule(_CLERKS),
    "governance:board-edit": Rule(_CLERKS, {"slug": "strategic-quartet"}),
    "governance:meeting-add": Rule(_CLERKS, {"slug": "improvement-board"}),
    "governance:meeting": Rule(COUNCIL_ROLES, {"pk": 1}, signed_in_status=404),
    "governance:meeting-edit": Rule(_CLERKS, {"pk": 1}, signed_in_status=404),
    "governance:actions": Rule(COUNCIL_ROLES),
    "governance:action-add": Rule(_CLERKS),
    "governance:action": Rule(COUNCIL_ROLES, {"pk": 1}, signed_in_status=404),
    "governance:action-edit": Rule(_CLERKS, {"pk": 1}, signed_in_status=404),
    "governance:action-update": Rule(_ACTION_UPDATERS, {"pk": 1}, signed_in_status=405),
    "governance:roles": Rule(COUNCIL_ROLES),
    "governance:role-edit": Rule(frozenset({Role.LEADER, Role.CHIEF_EXECUTIVE}), {"post": "dcs"}),
    "governance:corporate-parenting": Rule(COUNCIL_ROLES),
    "governance:voice-add": Rule(_CORPORATE_PARENTS),
    "governance:voice-edit": Rule(_CORPORATE_PARENTS, {"pk": 1}, signed_in_status=404),
    "governance:commitment-add": Rule(_CORPORATE_PARENTS),
    "governance:commitment-edit": Rule(_CORPORATE_PARENTS, {"pk": 1}, signed_in_status=404),
    # Briefing packs (aggregates and the council's record): every reading role and administrators;
    # the download is a POST (an audited export), so a GET is 405 for the roles allowed.
    "packs:index": Rule(READERS | ADMINISTRATORS),
    "packs:download": Rule(READERS | ADMINISTRATORS, signed_in_status=405),
    # Finance (aggregates): readers, finance officers and administrators; the upload is a POST for
    # finance officers and analysts, so a GET is 405 for them.
    "finance:index": Rule(READERS | FINANCE_UPLOADERS | ADMINISTRATORS),
    "finance:template": Rule(READERS | FINANCE_UPLOADERS | ADMINISTRATORS, {"fmt": "csv"}),
    "finance:version-csv": Rule(
        READERS | FINANCE_UPLOADERS | ADMINISTRATORS, {"pk": 1}, signed_in_status=404
    ),
    "finance:version-xlsx": Rule(
        READERS | FINANCE_UPLOADERS | ADMINISTRATORS, {"pk": 1}, signed_in_status=404
    ),
    "finance:upload": Rule(FINANCE_UPLOADERS, signed_in_status=405),
    # Forecast: readers, finance officers and administrators read it; the director and finance
    # officers save and delete scenarios (POSTs, so a GET is 405).
    "forecast:index": Rule(READERS | FINANCE_UPLOADERS | ADMINISTRATORS),
    "forecast:scenario-save": Rule(_FORECAST_EDITORS, signed_in_status=405),
    "forecast:scenario-delete": Rule(_FORECAST_EDITORS, {"pk": 1}, signed_in_status=405),
    # Regions (docs/regions.md): published aggregates after disclosure control only. The regional
    # roles read a region's pages (an unknown region is 404 on the empty database); a director
    # also opens the list, to record their own council's sharing choice. No regional role opens
    # a council's Data pages (above): nothing child-level.
    "regions:index": Rule(REGIONAL_ROLES | {Role.DIRECTOR}),
    "regions:region": Rule(REGIONAL_ROLES, {"code": "no-such-region"}, signed_in_status=404),
    "regions:download": Rule(
        REGIONAL_ROLES, {"code": "no-such-region", "fmt": "xlsx"}, signed_in_status=404
    ),
    # The regional pack shows every sharing member's figures: the region's staff only; a POST.
    "regions:pack": Rule(
        frozenset({Role.REGIONAL_ANALYST, Role.REGIONAL_LEAD}),
        {"code": "no-such-region"},
        signed_in_status=405,
    ),
    "regions:member": Rule(
        REGIONAL_ROLES, {"code": "no-such-region", "la_code": "E06000021"}, signed_in_status=404
    ),
    "regions:sharing": Rule(
        frozenset({Role.REGIONAL_LEAD, Role.DIRECTOR}),
        {"code": "no-such-region", "la_code": "E06000021"},
        signed_in_status=404,
    ),
}
