"""What part of the country a user may see: one council now, a region later.

Views ask ``request.user.scope.includes(la_code)`` instead of comparing codes, so a regional scope
(``ScopeKind.REGION`` covering every council in an E12 region) can be added without touching them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

E_CODE = re.compile(r"^E(06|08|09|10)\d{6}$")


class ScopeKind(StrEnum):
    COUNCIL = "council"


@dataclass(frozen=True, slots=True)
class Scope:
    """A set of councils, identified by ONS E-codes, with a label for the header."""

    kind: ScopeKind
    code: str
    label: str
    la_codes: frozenset[str]

    @classmethod
    def council(cls, la_code: str) -> Scope:
        """One council's scope; its name comes from the bundled reference data when known."""
        return cls(ScopeKind.COUNCIL, la_code, council_name(la_code), frozenset({la_code}))

    def includes(self, la_code: str) -> bool:
        """Whether a user with this scope may see this council's own data."""
        return la_code in self.la_codes

    @property
    def primary_la(self) -> str:
        """The council a page should open on."""
        return self.code


def council_name(la_code: str) -> str:
    """The council's name from the bundled LA list, or the code itself if the list lacks it."""
    from lineofsight.errors import UserError
    from lineofsight.reference.las import resolve

    try:
        return resolve(la_code).name
    except (UserError, KeyError, FileNotFoundError):
        return la_code


def validate_la_code(text: str) -> str:
    """An E-code of a council with children's services (E06/E08/E09/E10), or ValueError saying so."""
    code = text.strip().upper()
    if not E_CODE.match(code):
        raise ValueError(
            f"'{text}' is not a council E-code: use the ONS code of a county, unitary, "
            "metropolitan or London borough council, e.g. E06000021."
        )
    return code
