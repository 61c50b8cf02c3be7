"""Every SSDA903 placement code (PLACE) and provider (PLACE_PROVIDER), each mapped to one type.

The one table for the whole project: the forecast, and any other module that groups placements,
reads it here. Codes are those in the 903 specification for 2016-17 to 2025-26
(``returns/ssda903/schema/ssda903.yaml``); a test checks every one of them is mapped.
Descriptions follow DfE's guidance (see ``../shared/domain/REFERENCE.md``, appendix B.1).
"""

from __future__ import annotations

from typing import Final

# The placement types a forecast or a cost is given by (order is display order).
TYPES: Final = ("fostering", "residential", "supported", "adoption", "with_parents", "other")
TYPE_NAMES: Final = {
    "fostering": "Fostering",
    "residential": "Residential: homes, schools, secure, health, custody",
    "supported": "Supported accommodation and independent living",
    "adoption": "Placed for adoption",
    "with_parents": "Placed with parents",
    "other": "Temporary and other placements",
}

# PLACE -> (type, description)
PLACEMENTS: Final[dict[str, tuple[str, str]]] = {
    "A3": ("adoption", "Placed for adoption with parental consent, with current foster carer(s)"),
    "A4": (
        "adoption",
        "Placed for adoption with parental consent, not with current foster carer(s)",
    ),
    "A5": ("adoption", "Placed for adoption with a placement order, with current foster carer(s)"),
    "A6": (
        "adoption",
        "Placed for adoption with a placement order, not with current foster carer(s)",
    ),
    "H5": (
        "supported",
        "Semi-independent living not subject to children's homes regulations (to 2023-24)",
    ),
    "K1": ("residential", "Secure children's home"),
    "K2": ("residential", "Children's home subject to the Children's Homes Regulations"),
    "K3": ("supported", "Registered supported accommodation (from 2024-25)"),
    "P1": ("with_parents", "Placed with parent(s) or others with parental responsibility"),
    "P2": (
        "supported",
        "Independent living: flat, lodgings, bedsit, B&B or with friends (to 2023-24)",
    ),
    "P3": ("supported", "Residential employment (living where the young person works)"),
    "R1": ("residential", "Residential care home"),
    "R2": ("residential", "NHS or health trust establishment providing medical or nursing care"),
    "R3": ("residential", "Family centre or mother and baby unit"),
    "R5": ("residential", "Young offender institution or prison"),
    "S1": ("residential", "Residential school (not dual-registered as a children's home)"),
    "T0": ("other", "Temporary move of all types not listed elsewhere"),
    "T1": ("other", "Temporary period in hospital"),
    "T2": ("other", "Temporary absence on holiday"),
    "T3": ("other", "Temporary accommodation while the usual carers are on holiday"),
    "T4": ("other", "Temporary accommodation of seven days or less for any other reason"),
    "U1": ("fostering", "Foster placement with relative or friend, long term"),
    "U2": ("fostering", "Foster placement with relative or friend who is an approved adopter"),
    "U3": ("fostering", "Foster placement with relative or friend, other"),
    "U4": ("fostering", "Foster placement with other foster carer, long term"),
    "U5": ("fostering", "Foster placement with other foster carer who is an approved adopter"),
    "U6": ("fostering", "Foster placement with other foster carer, other"),
    "Z1": ("other", "Other placement (on a schedule sent to DfE; to 2024-25)"),
    "Z11": ("other", "Other placement, from 2025-26 (Z1 split in four)"),
    "Z12": ("other", "Other placement, from 2025-26 (Z1 split in four)"),
    "Z13": ("other", "Other placement, from 2025-26 (Z1 split in four)"),
    "Z14": ("other", "Other placement, from 2025-26 (Z1 split in four)"),
}

# PLACE_PROVIDER -> (in-house?, description). In-house means the council's own or another public
# provider; agency means private or voluntary (for fostering: an independent fostering agency).
PROVIDERS: Final[dict[str, tuple[bool, str]]] = {
    "PR0": (True, "Parent or person with parental responsibility"),
    "PR1": (True, "Own council's provision (including a regional adoption agency it hosts)"),
    "PR2": (True, "Another council's provision"),
    "PR3": (True, "Other public provision (for example a primary care trust)"),
    "PR4": (False, "Private provision"),
    "PR5": (False, "Voluntary or third sector provision"),
}


def placement_type(code: str | None) -> str:
    """The type of a PLACE code; a blank or unknown code is 'other' (the validator reports it)."""
    if code is None:
        return "other"
    entry = PLACEMENTS.get(code.strip().upper())
    return entry[0] if entry else "other"


def in_house(provider: str | None) -> bool:
    """Whether a PLACE_PROVIDER is the council's own (or public) provision; blank counts as own."""
    if provider is None:
        return True
    entry = PROVIDERS.get(provider.strip().upper())
    return entry[0] if entry else True
