"""The four packs, by the name people type, and one call that builds any of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from lineofsight.assurance.records import GovernanceRecord
from lineofsight.errors import UserError
from lineofsight.packs.context import PackContext, make_context
from lineofsight.packs.corporate_parenting import build_corporate_parenting
from lineofsight.packs.model import Pack
from lineofsight.packs.quartet import build_quartet
from lineofsight.packs.scrutiny import build_scrutiny, theme_key
from lineofsight.packs.self_evaluation import build_self_evaluation
from lineofsight.reference.las import LA


@dataclass(frozen=True)
class PackKind:
    name: str
    title: str
    audience: str
    needs_theme: bool = False

    @property
    def in_sentence(self) -> str:
        """The title inside a sentence ("Download the strategic quartet briefing"), keeping a
        proper noun such as Ofsted capitalised."""
        if self.title.split()[0] in ("Ofsted",):
            return self.title
        return self.title[:1].lower() + self.title[1:]


PACKS: dict[str, PackKind] = {
    p.name: p
    for p in (
        PackKind(
            "quartet",
            "Strategic quartet briefing",
            "The leader, lead member, chief executive and director of children's services.",
        ),
        PackKind(
            "scrutiny",
            "Scrutiny pack",
            "A scrutiny committee looking at one theme, with the questions to ask.",
            needs_theme=True,
        ),
        PackKind(
            "corporate-parenting",
            "Corporate parenting board pack",
            "The corporate parenting board: children in care, care leavers and their views.",
        ),
        PackKind(
            "self-evaluation",
            "Ofsted annual self-evaluation",
            "The director of children's services, for the annual conversation with Ofsted.",
        ),
    )
}
DEFAULT_THEME = "children_in_care"


def pack_kind(name: str) -> PackKind:
    key = name.strip().lower().replace("_", "-")
    if key not in PACKS:
        raise UserError(f"Unknown pack '{name}'. Packs: {', '.join(PACKS)}.")
    return PACKS[key]


def build_pack(
    name: str,
    la: LA | str,
    *,
    as_at: dt.date | None = None,
    record: GovernanceRecord | None = None,
    theme: str | None = None,
    since: dt.date | None = None,
) -> Pack:
    """Build one pack; a theme is used by the scrutiny pack and refused by the others."""
    kind = pack_kind(name)
    if theme is not None and not kind.needs_theme:
        raise UserError(f"Only the scrutiny pack takes a theme; the {kind.name} pack covers all.")
    chosen = theme_key(theme or DEFAULT_THEME) if kind.needs_theme else ""
    ctx = make_context(la, as_at, record, since)
    builders: dict[str, Callable[[PackContext], Pack]] = {
        "quartet": build_quartet,
        "scrutiny": lambda c: build_scrutiny(c, chosen),
        "corporate-parenting": build_corporate_parenting,
        "self-evaluation": build_self_evaluation,
    }
    return builders[kind.name](ctx)
