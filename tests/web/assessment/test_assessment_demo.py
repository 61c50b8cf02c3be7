"""The demo council's first assessment round: plausible, clearly marked as demo, some weak answers,
one past its review date, and loaded once (running ``lineofsight demo`` again reuses it)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from web_support import STOKE

from lineofsight.web.assessment.demo import load_demo_assessment
from lineofsight.web.assessment.models import AnswerVersion, Round
from lineofsight.web.demo_data import _LOADERS

pytestmark = pytest.mark.django_db


def test_the_demo_round(signed_in) -> None:  # type: ignore[no-untyped-def]
    assert load_demo_assessment in _LOADERS
    line = load_demo_assessment(STOKE)
    assert "demo content" in line
    round_ = Round.objects.get(la_code=STOKE)
    assert round_.is_demo
    answers = AnswerVersion.objects.filter(round=round_)
    assert answers.filter(kind="question").count() >= 5
    assert answers.filter(rating="weak").count() >= 2
    today = timezone.localdate()
    assert answers.filter(review_date__lt=today).count() == 1
    assert all(a.narrative.startswith("Demo content") for a in answers)
    assert "reused" in load_demo_assessment(STOKE)
    assert Round.objects.filter(la_code=STOKE).count() == 1
    page = BeautifulSoup(signed_in("leader").get("/key-questions/").content, "html.parser")
    assert "demo content" in page.select_one(".govuk-warning-text").get_text()
    assert page.select_one("[data-role=overdue]").get_text(strip=True) == "1"
    question = BeautifulSoup(
        signed_in("director", email="d@example.org")
        .get("/key-questions/kq_lead_member_04/")
        .content,
        "html.parser",
    )
    assert "Demo data" in question.select_one("[data-role=history]").get_text()
