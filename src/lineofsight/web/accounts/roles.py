"""The roles a user can hold, and the groups of roles pages are opened to.

One role per user keeps "who can see what" a table a council can read. The leadership roles are
the strategic quartet (leader, lead member, chief executive, director) plus scrutiny and the
corporate parenting board: they see aggregates only. Analysts also see child-level findings;
board clerks keep the governance pages (boards, meetings, actions) and see no figures;
administrators manage accounts and read the audit log.
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
    CLERK = "board_clerk"
    ADMINISTRATOR = "administrator"

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
    Role.CLERK: "Board clerk",
    Role.ADMINISTRATOR: "Administrator",
}
ROLE_CHOICES: list[tuple[str, str]] = [(r.value, r.label) for r in Role]
ROLE_ORDER: tuple[Role, ...] = tuple(Role)  # the order lists and tables show roles in
ALL_ROLES: frozenset[Role] = frozenset(ROLE_ORDER)
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
ADMINISTRATORS: frozenset[Role] = frozenset({Role.ADMINISTRATOR})


def parse_role(text: str) -> Role:
    """A role from its code (``director``) or label, case-insensitively; ValueError names the choices."""
    wanted = text.strip().lower().replace("-", "_").replace(" ", "_")
    for role in Role:
        if wanted in {role.value, role.label.lower().replace(" ", "_")}:
            return role
    choices = ", ".join(r.value for r in Role)
    raise ValueError(f"Unknown role '{text}': use one of {choices}.")
