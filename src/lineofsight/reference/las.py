"""Local authorities: find one by name, old 3-digit code or E-code, and say 'did you mean' on a near miss."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

from lineofsight.errors import UserError
from lineofsight.published.store import load_store
from lineofsight.reference.names import normalise_name


@dataclass(frozen=True, slots=True)
class LA:
    """A council with children's services responsibilities. ``code`` is the ONS E-code."""

    code: str
    old_code: str
    name: str
    region_code: str
    region_name: str
    status: str  # "current" | "predecessor"
    predecessors: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()
    ended: str = ""

    @property
    def current(self) -> bool:
        return self.status == "current"


@dataclass(frozen=True)
class Registry:
    by_code: dict[str, LA]
    aliases: dict[str, str]

    def current(self) -> list[LA]:
        """The 153 current LAs, in name order."""
        return sorted((la for la in self.by_code.values() if la.current), key=lambda la: la.name)

    def get(self, code: str) -> LA:
        return self.by_code[code]

    def resolve(self, text: str) -> LA:
        """An LA from a name, old code or E-code; a near miss raises 'did you mean …'."""
        raw = str(text).strip()
        for key in (raw.lower(), raw.lstrip("0") if raw.isdigit() else raw, normalise_name(raw)):
            if key in self.aliases:
                return self.by_code[self.aliases[key]]
        names = {normalise_name(la.name): la.name for la in self.by_code.values()}
        close = difflib.get_close_matches(normalise_name(raw), list(names), n=3, cutoff=0.6)
        hint = " or ".join(f"'{names[c]}'" for c in close)
        advice = (
            f" Did you mean {hint}?"
            if close
            else " Use a council name, its E-code or its 3-digit code."
        )
        raise UserError(f"No local authority matches '{raw}'.{advice}")


@cache
def registry() -> Registry:
    store = load_store()
    by_code: dict[str, LA] = {}
    for rec in store.las.to_dict("records"):
        r = {k: str(v) for k, v in rec.items()}
        by_code[r["code"]] = LA(
            code=r["code"],
            old_code=r["old_code"],
            name=r["name"],
            region_code=r["region_code"],
            region_name=r["region_name"],
            status=r["status"],
            predecessors=tuple(p for p in r["predecessors"].split(",") if p),
            successors=tuple(s for s in r["successors"].split(",") if s),
            ended=r["ended"],
        )
    aliases = {str(a): str(c) for a, c in zip(store.aliases.alias, store.aliases.code, strict=True)}
    return Registry(by_code, aliases)


def resolve(text: str) -> LA:
    """Resolve an LA by name, old code or E-code (see :meth:`Registry.resolve`)."""
    return registry().resolve(text)
