"""Synthetic people: ids, dates of birth, sex, ethnicity, UPNs. Never real children."""

from __future__ import annotations

import bisect
import itertools
import random

from lineofsight.synth.model import Child

ETHNIC = (
    ("WBRI", 68.0),
    ("WOTH", 5.0),
    ("WIRI", 0.5),
    ("WROM", 0.5),
    ("WIRT", 0.3),
    ("MWBC", 3.0),
    ("MWBA", 1.0),
    ("MWAS", 1.0),
    ("MOTH", 2.5),
    ("AIND", 1.5),
    ("APKN", 3.0),
    ("ABAN", 1.0),
    ("AOTH", 1.5),
    ("BCRB", 1.0),
    ("BAFR", 4.0),
    ("BOTH", 1.0),
    ("CHNE", 0.2),
    ("OOTH", 2.5),
    ("REFU", 0.5),
    ("NOBT", 1.0),
)
DISABILITY = ("AUT", "BEH", "COMM", "CON", "DDA", "HAND", "HEAR", "INC", "LD", "MOB", "PC", "VIS")
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
_ETH_CODES = [e for e, _ in ETHNIC]
_ETH_WEIGHTS = tuple(w for _, w in ETHNIC)
_ETH_CUM = list(itertools.accumulate(_ETH_WEIGHTS))
_UASC_ETHNIC = ("OOTH", "BAFR", "AOTH", "MOTH")


class People:
    """Hands out children with ids unique within a council."""

    def __init__(self, rng: random.Random, prefix: str) -> None:
        self.rng = rng
        self.prefix = prefix
        self.children: list[Child] = []

    def new(self, dob: int, uasc: bool = False, u: list[float] | None = None) -> Child:
        """A child born on ``dob``; ``u`` (six uniforms) when the caller pre-drew them."""
        if u is None:
            u = [self.rng.random() for _ in range(6)]
        n = len(self.children) + 1
        if uasc:
            eth = _UASC_ETHNIC[int(u[0] * len(_UASC_ETHNIC))]
        else:
            pos = bisect.bisect(_ETH_CUM, u[0] * _ETH_CUM[-1])
            eth = _ETH_CODES[min(pos, len(_ETH_CODES) - 1)]
        upn = f"{_UPN_LETTERS[int(u[2] * len(_UPN_LETTERS))]}{int(u[3] * 10**12):012d}"
        child = Child(
            id=f"{self.prefix}{n:06d}",
            dob=dob,
            sex=1 if u[1] < (0.9 if uasc else 0.52) else 2,
            ethnic=eth,
            upn=upn,
            disability="NONE" if u[4] < 0.88 else DISABILITY[int(u[5] * len(DISABILITY))],
            uasc=uasc,
        )
        self.children.append(child)
        return child


def postcode(rng: random.Random) -> str:
    """A made-up postcode in the right shape (the area letters are not real areas)."""
    area = rng.choice(("QA", "QB", "QC", "QD", "QE"))
    unit = rng.choice(_UNIT) + rng.choice(_UNIT)
    return f"{area}{rng.randint(1, 29)} {rng.randint(1, 9)}{unit}"


_UNIT = "ABDEFGHJLNPQRSTUWXYZ"
