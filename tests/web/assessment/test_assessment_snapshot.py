"""``assessment_parts``: the contract the governance record and the briefing packs read. Every key
question and enabler comes back (None where not assessed), from the current round only, with the
director's edited self-evaluation by section and question."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
from django.utils import timezone
from web_support import STOKE

from lineofsight.assurance.content import enablers, key_questions
from lineofsight.assurance.records import Answer
from lineofsight.web.assessment.forms import AnswerInput
from lineofsight.web.assessment.snapshot import assessment_parts
from lineofsight.web.assessment.store import save_answer, save_section, start_round

pytestmark = pytest.mark.django_db


def test_the_signature_is_the_agreed_one() -> None:
    sig = inspect.signature(assessment_parts)
    assert list(sig.parameters) == ["la_code"]
    assert sig.return_annotation == (
        "tuple[tuple[Answer, ...], tuple[Answer, ...], dict[str, dict[str, str]]]"
    )


def test_empty_council_gives_every_item_unassessed() -> None:
    questions, found, texts = assessment_parts(STOKE)
    assert [a.question_id for a in questions] == [q.id for q in key_questions().questions]
    assert len(questions) == 25 and len(found) == 7
    assert all(a.rating is None for a in (*questions, *found))
    assert texts == {}


def test_the_current_rounds_answers_and_the_edited_self_evaluation(make_user) -> None:  # type: ignore[no-untyped-def]
    leader = make_user("leader", full_name="Amina Leader")
    first = start_round(STOKE, "Round one", dt.date(2026, 4, 1), leader)
    save_answer(first, "question", "kq_finance_01", AnswerInput(rating="weak", owner="CFO"), leader)
    second = start_round(STOKE, "Round two", dt.date(2027, 4, 1), leader)
    save_answer(
        second,
        "question",
        "kq_finance_01",
        AnswerInput(rating="adequate", narrative="Better.", review_date=dt.date(2027, 9, 1)),
        leader,
    )
    save_answer(
        second, "enabler", "workforce", AnswerInput(rating="strong", level="leading"), leader
    )
    save_section(STOKE, "context", {"know": "K", "how": "H", "plans": "P"}, leader)
    save_section(STOKE, "context", {"know": "K2", "how": "H", "plans": "P"}, leader)
    questions, found, texts = assessment_parts(STOKE)
    finance = next(a for a in questions if a.question_id == "kq_finance_01")
    assert finance == Answer(
        "kq_finance_01",
        "adequate",
        "Better.",
        "",
        dt.date(2027, 9, 1),
        finance.updated,
        "Amina Leader",
    )
    assert finance.updated == timezone.localdate()
    workforce = next(a for a in found if a.question_id == "workforce")
    assert workforce.rating == "strong"
    assert [a.question_id for a in found] == [e.id for e in enablers().enablers]
    assert texts == {"context": {"know": "K2", "how": "H", "plans": "P"}}
