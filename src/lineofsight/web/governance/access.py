"""Who reads and who changes the governance records.

Everyone signed in at the council reads them (not the regional roles): anyone can see what was
decided and whether it was done. Changes follow the roles (issue 6):

- board clerks keep the boards, meetings, decisions and actions (add and edit);
- the strategic quartet (leader, lead member, chief executive, director) and board clerks add
  updates to actions. Owners are written as text ("Director of children's services"), not
  accounts, so the service cannot tell which actions a person owns: any of the quartet may record
  progress, and every update says who recorded it;
- the leader and chief executive keep the statutory roles register;
- corporate parenting board members and the director keep the voices of children and the care
  leaver offer and covenant commitments.
"""

from __future__ import annotations

from django.http import HttpRequest

from lineofsight.web.accounts.roles import COUNCIL_ROLES, Role

GOVERNANCE_READERS: frozenset[Role] = COUNCIL_ROLES  # not the regional roles (docs/regions.md)
BOARD_EDITORS: frozenset[Role] = frozenset({Role.CLERK})
ACTION_UPDATERS: frozenset[Role] = frozenset(
    {Role.CLERK, Role.LEADER, Role.LEAD_MEMBER, Role.CHIEF_EXECUTIVE, Role.DIRECTOR}
)
ROLE_EDITORS: frozenset[Role] = frozenset({Role.LEADER, Role.CHIEF_EXECUTIVE})
VOICE_EDITORS: frozenset[Role] = frozenset({Role.CORPORATE_PARENTING, Role.DIRECTOR})


def can(request: HttpRequest, roles: frozenset[Role]) -> bool:
    """Whether the signed-in user's role is one of ``roles`` (to show or hide an edit link)."""
    return getattr(request.user, "role", None) in roles
