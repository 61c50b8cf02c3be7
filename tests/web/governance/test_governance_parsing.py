"""The text the governance pages parse: decisions typed one per line, themes separated by commas,
and the content files. Fuzzed: any text gives the lines people typed, in order, and re-saving the
same text keeps the same rows (so actions linked to a decision stay linked)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lineofsight.assurance.yamlcheck import load_mapping
from lineofsight.errors import UserError

LINE = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        # line breaks, and NUL, which the meeting form refuses before text reaches the store
        # (test_a_null_character_in_decisions_is_refused_by_the_form)
        blacklist_characters="\x00\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
    ),
    max_size=40,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(LINE, max_size=8), newline=st.sampled_from(["\n", "\r\n"]))
def test_decisions_are_the_non_blank_lines_in_order_and_resaving_keeps_rows(
    db: None, lines: list[str], newline: str
) -> None:
    from lineofsight.web.governance import store
    from lineofsight.web.governance.models import Board, Meeting

    board = Board.objects.create(la_code="E06000021", slug="fuzz", name="Fuzz")
    try:
        meeting = Meeting.objects.create(board=board, date=dt.date(2026, 1, 1))
        text = newline.join(lines)
        store.save_decisions(meeting, text)
        expected = [line.strip() for line in lines if line.strip()]
        saved = list(meeting.decisions.order_by("number"))
        assert [d.text for d in saved] == expected
        assert [d.number for d in saved] == list(range(1, len(expected) + 1))
        store.save_decisions(meeting, text)
        assert [d.pk for d in meeting.decisions.order_by("number")] == [d.pk for d in saved]
    finally:
        board.delete()


@given(st.text(max_size=200))
def test_themes_are_the_comma_separated_words(text: str) -> None:
    from lineofsight.web.governance.models import Voice

    themes = Voice(themes=text).theme_list
    assert all(t and t == t.strip() and "," not in t for t in themes)
    assert [t for t in (p.strip() for p in text.split(",")) if t] == themes


@given(st.text(max_size=300))
def test_any_content_text_loads_or_is_refused_with_a_sentence(text: str) -> None:
    try:
        raw = load_mapping(text, "board_questions.yaml")
    except UserError as exc:
        assert str(exc).startswith("board_questions.yaml ")
    else:
        assert isinstance(raw, dict)


def test_describe_changes_says_old_and_new() -> None:
    from lineofsight.web.governance.store import describe_changes

    said = describe_changes(
        {"Owner": "DCS", "Due date": dt.date(2027, 3, 1), "Board": "Quartet"},
        {"Owner": "Chief executive", "Due date": None, "Board": "Quartet"},
    )
    assert said == "Owner: DCS → Chief executive; Due date: 1 March 2027 → none"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ("boards: []", "give a list"),
        ("boards:\n  - slug: Bad Slug\n    name: X", "lower-case words joined by hyphens"),
        ("boards:\n  - slug: a\n    name: X\n    colour: red", "unknown key"),
        ("boards:\n  - slug: a\n    name: X\n  - slug: a\n    name: Y", "more than once"),
    ],
)
def test_a_bad_boards_file_is_refused_naming_the_problem(
    monkeypatch: pytest.MonkeyPatch, changes: str, message: str
) -> None:
    from lineofsight.web.governance import content

    monkeypatch.setattr(content, "_read", lambda name: changes)
    content.board_seeds.cache_clear()
    try:
        with pytest.raises(UserError, match=message):
            content.board_seeds()
    finally:
        content.board_seeds.cache_clear()


def test_a_null_character_in_decisions_is_refused_by_the_form(signed_in, db: None) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL text cannot hold NUL: the form says so and nothing is saved."""
    from lineofsight.web.governance.models import Meeting

    client = signed_in("board_clerk")
    response = client.post(
        "/governance/boards/corporate-parenting-board/meetings/add/",
        {"date": "2026-11-03", "attendance": "", "apologies": "", "notes": "",
         "decisions_text": "Publish\x00 the offer"},
    )  # fmt: skip
    assert response.status_code in (200, 400)
    assert "Null characters are not allowed" in response.content.decode()
    assert not Meeting.objects.exists()
