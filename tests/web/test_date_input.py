"""Dates people know are asked as GOV.UK day, month and year boxes and read back as one date.

Why: the Design System's date input replaces one text box with a format hint ("like 2026-03-31");
the boxes must give the same date, refuse what is not a whole date, and show back what was typed.
"""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from lineofsight.web.assessment.forms import parse_answer
from lineofsight.web.date_input import boxes, joined, with_dates
from lineofsight.web.governance.forms import ActionForm


def _parts(name: str, day: str, month: str, year: str) -> dict[str, str]:
    return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_any_date_typed_in_boxes_reads_back_and_shows_again(when: dt.date) -> None:
    text = joined(_parts("d", str(when.day), str(when.month), str(when.year)), "d")
    assert text is not None and dt.date.fromisoformat(text) == when
    assert [b["value"] for b in boxes(text)] == [str(when.day), str(when.month), str(when.year)]
    assert boxes(when) == boxes(text)


@given(st.text(max_size=6), st.text(max_size=6), st.text(max_size=6))
def test_whatever_is_typed_gives_a_date_or_a_refusal_never_an_error(d: str, m: str, y: str) -> None:
    answer = parse_answer(
        {"rating": "good", **_parts("review_date", d, m, y)}  # type: ignore[dict-item]
    )
    if answer.review_date is None and (d.strip() or m.strip() or y.strip()):
        assert ("review_date", "Review date must be a real date") in answer.errors


@pytest.mark.parametrize(
    ("day", "month", "year"), [("31", "2", "2027"), ("1", "1", "27"), ("x", "1", "2027")]
)
def test_not_a_whole_date_is_refused_and_shown_as_typed(day: str, month: str, year: str) -> None:
    answer = parse_answer({"rating": "good", **_parts("review_date", day, month, year)})
    assert answer.review_date is None
    assert ("review_date", "Review date must be a real date") in answer.errors
    assert [b["value"] for b in boxes(answer.review_text)] == [day, month, year]


def test_boxes_left_blank_mean_no_date_and_the_single_field_still_works() -> None:
    assert joined(_parts("review_date", " ", "", ""), "review_date") == ""
    assert parse_answer({"rating": "good", **_parts("review_date", "", "", "")}).review_date is None
    old = parse_answer({"rating": "good", "review_date": "2026-03-31"})
    assert old.review_date == dt.date(2026, 3, 31)
    assert with_dates({"x": "1"}, ["review_date"]) == {"x": "1"}


@pytest.mark.django_db
def test_a_governance_date_is_read_from_its_boxes_and_rendered_as_boxes(
    signed_in,  # type: ignore[no-untyped-def]
) -> None:
    form = ActionForm(
        {"title": "t", "owner": "o", **_parts("due", "27", "3", "2027")}, la_code="E06000021"
    )
    form.is_valid()
    assert form.cleaned_data.get("due") == dt.date(2027, 3, 27)
    page = BeautifulSoup(
        signed_in("board_clerk").get("/governance/actions/add/").content, "html.parser"
    )
    group = page.select_one("fieldset[role=group]")
    assert group is not None and "Due date" in group.get_text()
    assert {i["name"] for i in group.select("input")} == {"due-day", "due-month", "due-year"}
