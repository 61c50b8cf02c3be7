"""The roles a user can hold, and the groups of roles pages are opened to.

One role per user keeps "who can see what" a table a council can read. The leadership roles are
the strategic quartet (leader, lead member, chief executive, director) plus scrutiny and the
corporate parenting board: they see aggregates only. Analysts also see child-level findings;
board clerks keep the governance pages (boards, meetings, actions) and see no figures;
administrators manage accounts and read the audit log. Finance officers load the council's budget
monitoring and read the Finance page and the figures leaders see.

The regional roles work for a regional alliance of councils (docs/regions.md): regional analysts
and leads read the region's shared figures (aggregates after disclosure control, never a council's
Data pages); regional members are a member council's staff reading the region's page as its
data-sharing agreement allows. They see none of a council's own pages.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A role's code, as stored and typed on the command line; ``label`` is what people read."""

    LEADER = "leader"
    LEAD_MEMBER = "lead_member"
    CHIEF_EXECUTIVE = "chief_executive"
    DIRECTOR = "director"
    SCRUTINY = "scrutiny"
    CORPORATE_PARENTING = "corporate_parenting"
    ANALYST = "analyst"
    FINANCE_OFFICER = "finance_officer"
    CLERK = "board_clerk"
    ADMINISTRATOR = "administrator"
    REGIONAL_ANALYST = "regional_analyst"
    REGIONAL_LEAD = "regional_lead"
    REGIONAL_MEMBER = "regional_member"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: dict[Role, str] = {
    Role.LEADER: "Leader of the council",
    Role.LEAD_MEMBER: "Lead member for children's services",
    Role.CHIEF_EXECUTIVE: "Chief executive",
    Role.DIRECTOR: "Director of children's services",
    Role.SCRUTINY: "Scrutiny committee member",
    Role.CORPORATE_PARENTING: "Corporate parenting board member",
    Role.ANALYST: "Analyst",
    Role.FINANCE_OFFICER: "Finance officer",
    Role.CLERK: "Board clerk",
    Role.ADMINISTRATOR: "Administrator",
    Role.REGIONAL_ANALYST: "Regional analyst",
    Role.REGIONAL_LEAD: "Regional lead",
    Role.REGIONAL_MEMBER: "Regional member (read only)",
}
ROLE_CHOICES: list[tuple[str, str]] = [(r.value, r.label) for r in Role]
ROLE_ORDER: tuple[Role, ...] = tuple(Role)  # the order lists and tables show roles in
ALL_ROLES: frozenset[Role] = frozenset(ROLE_ORDER)
REGIONAL_ROLES: frozenset[Role] = frozenset(
    {Role.REGIONAL_ANALYST, Role.REGIONAL_LEAD, Role.REGIONAL_MEMBER}
)
# Everyone who works for one council (every role but the regional ones).
COUNCIL_ROLES: frozenset[Role] = ALL_ROLES - REGIONAL_ROLES
LEADERSHIP: frozenset[Role] = frozenset(
    {
        Role.LEADER,
        Role.LEAD_MEMBER,
        Role.CHIEF_EXECUTIVE,
        Role.DIRECTOR,
        Role.SCRUTINY,
        Role.CORPORATE_PARENTING,
    }
)
# Everyone who reads the council's figures (aggregates): leadership and analysts.
READERS: frozenset[Role] = LEADERSHIP | {Role.ANALYST}
ANALYSTS: frozenset[Role] = frozenset({Role.ANALYST})
# Who may load the council's budget monitoring.
FINANCE_UPLOADERS: frozenset[Role] = frozenset({Role.ANALYST, Role.FINANCE_OFFICER})
ADMINISTRATORS: frozenset[Role] = frozenset({Role.ADMINISTRATOR})


def parse_role(text: str) -> Role:
    """A role from its code (``director``) or label, case-insensitively; ValueError names the choices."""
    wanted = text.strip().lower().replace("-", "_").replace(" ", "_")
    for role in Role:
        if wanted in {role.value, role.label.lower().replace(" ", "_")}:
            return role
    choices = ", ".join(r.value for r in Role)
    raise ValueError(f"Unknown role '{text}': use one of {choices}.")
