"""Ofsted judgements for a council and its neighbours, from the bundled published tables.

ILACS (inspections of local authority children's services) give four-point judgements; area SEND
inspections give an outcome whose wording depends on the framework (2016 or 2023).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lineofsight.published.store import load_store
from lineofsight.wording import date_text

ILACS_PARTS = (
    ("overall", "Overall effectiveness"),
    ("leadership", "Impact of leaders on social work practice"),
    ("help_and_protection", "Experiences and progress of children who need help and protection"),
    ("children_in_care", "Experiences and progress of children in care"),
    ("care_leavers", "Experiences and progress of care leavers"),
)
SEND_FRAMEWORKS = {
    "2016": "Joint Ofsted and CQC local area SEND inspection, 2016 framework",
    "2023": "Area SEND inspection, 2023 framework",
}


@dataclass(frozen=True)
class Inspection:
    """One inspection as the page shows it: dates written out, judgements by part."""

    inspection_date: str
    publication_date: str
    kind: str
    judgements: tuple[tuple[str, str], ...]  # (part, judgement), blank parts left out
    source: str

    @property
    def headline(self) -> str:
        return self.judgements[0][1] if self.judgements else "Not known"


def _source(source_id: Any) -> str:
    src = load_store().sources
    row = src[src.source_id == int(source_id)]
    if row.empty:
        return ""
    r = row.iloc[0]
    return f"{r.publication} ({r.publisher}, released {date_text(str(r.release))})"


@lru_cache(maxsize=512)
def ilacs_history(la_code: str) -> tuple[Inspection, ...]:
    """Every ILACS inspection of the council, newest first (the bundled data never changes)."""
    t = load_store().ofsted_ilacs
    rows = t[t.la_code == la_code].sort_values("inspection_date", ascending=False)
    return tuple(
        Inspection(
            date_text(str(r.inspection_date)),
            date_text(str(r.publication_date)),
            str(r.inspection_type),
            tuple((label, str(getattr(r, key))) for key, label in ILACS_PARTS if getattr(r, key)),
            _source(r.source_id),
        )
        for r in rows.itertuples(index=False)
    )


@lru_cache(maxsize=512)
def send_history(la_code: str) -> tuple[Inspection, ...]:
    """Every area SEND inspection of the council's area, newest first."""
    t = load_store().ofsted_send
    rows = t[t.la_code == la_code].sort_values("inspection_date", ascending=False)
    out = []
    for r in rows.itertuples(index=False):
        parts = [("Outcome", str(r.outcome or "Not known"))]
        if r.revisit_outcome:
            parts.append(("Revisit outcome", str(r.revisit_outcome)))
        kind = SEND_FRAMEWORKS.get(
            str(r.framework), f"Area SEND inspection, {r.framework} framework"
        )
        out.append(
            Inspection(
                date_text(str(r.inspection_date)),
                date_text(str(r.publication_date)),
                kind,
                tuple(parts),
                _source(r.source_id),
            )
        )
    return tuple(out)


@lru_cache(maxsize=8)
def england_judged(part: str = "overall") -> tuple[tuple[str, int], ...]:
    """How councils in England were judged at their latest ILACS inspection, grade by grade.

    A judgement is a grade, not a number, so it is compared by counting councils, never averaged.
    """
    t = load_store().ofsted_ilacs
    latest = t.sort_values("inspection_date").groupby("la_code", observed=True).tail(1)
    counts = latest[part].astype(str).value_counts()
    order = ("Outstanding", "Good", "Requires improvement to be good", "Inadequate")
    return tuple((j, int(counts.get(j, 0))) for j in order)


def latest_inspection_date(la_code: str) -> str:
    """The date of the council's latest ILACS inspection, written out ('' when none)."""
    history = ilacs_history(la_code)
    return history[0].inspection_date if history else ""
