"""The council's assessment as plain data, for ``governance_record()`` and the briefing packs.

Reads the current round only; a key question or enabler with no answer in it is returned with
``rating=None`` so readers can say "not yet assessed" rather than leave it out.
"""

from __future__ import annotations

from lineofsight.assurance.content import QUESTION_IDS, enablers, key_questions
from lineofsight.assurance.records import RATINGS, Answer, Rating
from lineofsight.web.assessment.models import AnswerVersion
from lineofsight.web.assessment.store import current_round, current_sections, current_versions, who


def _answer(item_id: str, v: AnswerVersion | None, demo: bool) -> Answer:
    if v is None:
        return Answer(item_id, None)
    rating: Rating | None = next((r for r in RATINGS if r == v.rating), None)
    return Answer(
        question_id=item_id,
        rating=rating,
        narrative=v.narrative,
        owner=v.owner,
        review_date=v.review_date,
        updated=v.created_at.date(),
        updated_by=who(v.created_by, demo),
    )


def assessment_parts(
    la_code: str,
) -> tuple[tuple[Answer, ...], tuple[Answer, ...], dict[str, dict[str, str]]]:
    """(key-question answers, enabler answers, edited self-evaluation by section then question)."""
    round_ = current_round(la_code)
    questions = current_versions(round_, "question") if round_ else {}
    found = current_versions(round_, "enabler") if round_ else {}
    demo = bool(round_ and round_.is_demo)
    answers = tuple(_answer(q.id, questions.get(q.id), demo) for q in key_questions().questions)
    enabler_answers = tuple(_answer(e.id, found.get(e.id), demo) for e in enablers().enablers)
    texts: dict[str, dict[str, str]] = {
        section_id: {q: str(v.texts.get(q, "")) for q in QUESTION_IDS}
        for section_id, v in current_sections(la_code).items()
    }
    return answers, enabler_answers, texts
