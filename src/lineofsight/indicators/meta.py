"""One view of indicator metadata for the curated catalogue and every other published LAIT measure.

The headline catalogue (``catalogue.yaml``) is curated; the ~430 LAIT measures stay reachable
as ``lait:<code>`` with the metadata DfE publishes in the LAIT data dictionary.
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from lineofsight.errors import UserError
from lineofsight.indicators import catalogue as cat
from lineofsight.published.store import load_store

LAIT_THEME = "other_published"


@dataclass(frozen=True, slots=True)
class IndicatorMeta:
    id: str
    title: str
    theme: str
    definition: str
    unit: str
    decimals: int
    polarity: str  # high_good | low_good | neither
    year_label: str  # e.g. "at 31 March", "financial year"
    publication: str
    numerator: str = ""
    denominator: str = ""
    note: str = ""
    own_data: str = ""
    curated: bool = True
    kind: str = "measure"  # measure | count | money | judgement (see catalogue.yaml)
    rate_id: str = ""  # for a count or money total: the measure that is its rate

    @property
    def compared(self) -> bool:
        """Whether councils are ranked and banded on it: only measures, never totals or judgements."""
        return self.kind == "measure"

    def record(self) -> dict[str, Any]:
        return asdict(self)


def _from_catalogue(ind: Any) -> IndicatorMeta:
    return IndicatorMeta(
        id=ind.id,
        title=ind.title,
        theme=ind.theme,
        definition=ind.definition,
        unit=ind.unit,
        decimals=int(ind.decimals),
        polarity=ind.polarity,
        year_label=cat.year_convention_label(ind.year_convention),
        publication=ind.publication,
        numerator=ind.numerator or "",
        denominator=ind.denominator or "",
        note=ind.note or "",
        own_data=ind.own_data or "",
        curated=True,
        kind=ind.kind,
        rate_id=ind.rate or "",
    )


@cache
def headline_indicators() -> list[IndicatorMeta]:
    """The curated headline set, in catalogue order."""
    return [_from_catalogue(i) for i in cat.load_catalogue()]


@cache
def _headline_by_id() -> dict[str, IndicatorMeta]:
    return {i.id: i for i in headline_indicators()}


@cache
def lait_indicators() -> dict[str, IndicatorMeta]:
    out: dict[str, IndicatorMeta] = {}
    for rec in load_store().lait_measures.to_dict("records"):
        r = {str(k): v for k, v in rec.items()}
        title = str(r["title"])
        out[str(r["id"])] = IndicatorMeta(
            id=str(r["id"]),
            title=title,
            theme=LAIT_THEME,
            definition=str(r["definition"]),
            unit="percent" if "%" in title else "",
            decimals=int(r["decimals"]),
            polarity=str(r["polarity"]),
            year_label=str(r["year_type"]),
            publication=f"DfE Local Authority Interactive Tool ({r['topic']})",
            curated=False,
        )
    return out


def all_indicators() -> list[IndicatorMeta]:
    return headline_indicators() + list(lait_indicators().values())


def lookup_indicator(indicator_id: str) -> IndicatorMeta:
    """Metadata for a headline id or ``lait:<code>``; a near miss gets 'did you mean'."""
    headline = _headline_by_id()
    if indicator_id in headline:
        return headline[indicator_id]
    lait = lait_indicators()
    if indicator_id in lait:
        return lait[indicator_id]
    if indicator_id in {"population_0_17"}:
        return IndicatorMeta(
            id="population_0_17",
            title="Children aged 0 to 17",
            theme="context",
            definition="ONS mid-year population estimate of children aged 0 to 17.",
            unit="count",
            decimals=0,
            polarity="neither",
            year_label="mid-year (30 June)",
            publication="ONS mid-year population estimates",
            kind="count",
        )
    ids = [i.id for i in headline_indicators()] + list(lait)
    close = difflib.get_close_matches(indicator_id, ids, n=3, cutoff=0.6)
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise UserError(
        f"Unknown indicator '{indicator_id}'.{hint} 'lineofsight indicators' lists them."
    )


def theme_label(theme: str) -> str:
    if theme == LAIT_THEME:
        return "Other published measures (LAIT)"
    return cat.theme_label(theme)


def theme_ids(theme: str) -> set[str]:
    """Ids in a theme; an unknown theme is a user error that lists the themes."""
    themes = {i.theme for i in headline_indicators()}
    key = theme.strip().lower().replace(" ", "_").replace("-", "_")
    if key not in themes:
        raise UserError(f"Unknown theme '{theme}'. Themes: {', '.join(sorted(themes))}.")
    return {i.id for i in headline_indicators() if i.theme == key}
