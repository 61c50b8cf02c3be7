"""The council's self-evaluation: the data's draft (with its live signals and, when it has
published own returns, their validation finding counts) and the DCS's edited text per section."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lineofsight.assurance.content import QUESTION_IDS
from lineofsight.assurance.self_evaluation import RETURN_NAMES, Draft, draft_self_evaluation
from lineofsight.reference.las import LA
from lineofsight.web.assessment.models import SelfEvaluationVersion
from lineofsight.web.assessment.store import current_sections
from lineofsight.web.dashboard.judgements import council_signals


def finding_counts(la_code: str) -> list[dict[str, Any]] | None:
    """Errors and queries per return of the council's current publication; None before one."""
    from lineofsight.web.returns_data.store import current_publication

    publication = current_publication(la_code)
    if publication is None:
        return None
    counts = []
    for r in publication.upload.returns:
        if r.get("kind") not in RETURN_NAMES:
            continue
        years = [str(y) for y in r.get("years") or []]
        counts.append(
            {
                "kind": r["kind"],
                "year": years[-1] if years else "",
                "errors": int(r.get("errors", 0)),
                "queries": int(r.get("queries", 0)),
            }
        )
    return counts


def council_draft(la: LA) -> Draft:
    """The data's draft for the council, with its live signals and own-return findings."""
    signals = [s.record() for s in council_signals(la.code)]
    return draft_self_evaluation(la, signals=signals, findings=finding_counts(la.code))


def draft_texts(draft: Draft, section_id: str) -> dict[str, str]:
    """A section's drafted answers as the text the editor starts from (paragraphs)."""
    section = draft.section(section_id)
    texts: dict[str, str] = {q: "\n\n".join(section.answers.get(q, ())) for q in QUESTION_IDS}
    return texts


@dataclass(frozen=True, slots=True)
class SectionView:
    """One section as the pages show it: the text in force (edited, else the draft)."""

    id: str
    title: str
    texts: dict[str, str]
    draft: dict[str, str]
    prompts: dict[str, tuple[str, ...]]
    edited: SelfEvaluationVersion | None

    @property
    def differs_from_draft(self) -> bool:
        return self.edited is not None and self.texts != self.draft


def sections(la: LA, draft: Draft | None = None) -> list[SectionView]:
    draft = draft or council_draft(la)
    edited = current_sections(la.code)
    out = []
    for s in draft.sections:
        texts = draft_texts(draft, s.id)
        mine = edited.get(s.id)
        shown: dict[str, str] = (
            {q: str(mine.texts.get(q, "")) for q in QUESTION_IDS} if mine else texts
        )
        out.append(
            SectionView(
                s.id,
                s.title,
                shown,
                texts,
                {q: tuple(s.prompts.get(q, ())) for q in QUESTION_IDS},
                mine,
            )
        )
    return out
