"""The corporate parenting board's questions are quoted word for word from the LGA leader's guide,
under the guide's own headings and in its order; none is invented."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from lineofsight.web.governance.content import board_questions, board_seeds

GUIDE = "001_509ad6addc87659a.txt"


def _guide() -> list[str]:
    default = Path(__file__).resolve().parents[3] / ".." / "shared"
    seeds = Path(os.environ.get("LINEOFSIGHT_SHARED", default)) / "seeds"
    if not (seeds / GUIDE).exists():
        pytest.skip(f"the seed texts are not at {seeds} (set LINEOFSIGHT_SHARED)")
    return (seeds / GUIDE).read_text("utf-8").splitlines()


def _norm(text: str) -> str:
    """Compare words, not typography: curly quotes and runs of whitespace do not count."""
    for curly, plain in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, plain)
    return " ".join(text.split())


def _bullets_after(lines: list[str], heading: str) -> list[str]:
    """The '- ' bullets of the first 'Key questions ...:' block after the heading line."""
    start = next(i for i, line in enumerate(lines) if _norm(line) == _norm(heading))
    at = next(
        i
        for i in range(start, len(lines))
        if re.match(r"^key questions\b.*:\s*$", lines[i].strip(), re.IGNORECASE)
    )
    bullets = []
    for line in lines[at + 1 :]:
        if line.strip().startswith("- "):
            bullets.append(_norm(line.strip()[2:]))
        elif line.strip():
            break
    return bullets


def test_each_question_is_quoted_exactly_under_its_heading_in_the_guide() -> None:
    lines = _guide()
    sections = board_questions().sections
    assert [s.heading for s in sections] == [
        "Corporate parenting",
        "The voices of children and young people, and parents and carers",
    ]
    for section in sections:
        quoted = [_norm(q) for q in section.questions]
        assert quoted == _bullets_after(lines, section.heading), section.heading


def test_every_question_appears_in_the_guide_as_a_bullet() -> None:
    text = "\n".join(_norm(line) for line in _guide())
    for section in board_questions().sections:
        for question in section.questions:
            assert f"- {_norm(question)}" in text, question


def test_the_source_is_the_leaders_guide() -> None:
    q = board_questions()
    assert q.publisher == "Local Government Association (LGA)"
    assert q.title == "Must know: The role of a council leader in improving outcomes for children"
    assert _norm(q.title) in [_norm(line) for line in _guide()]


def test_the_seeded_boards_are_the_seven_the_guide_names() -> None:
    text = _norm(" ".join(_guide())).lower()
    names = [b.name for b in board_seeds()]
    assert len(names) == 7
    for phrase in (
        "quartet",
        "improvement board",
        "scrutiny committee",
        "corporate parenting board",
        "safeguarding partnership",
        "health and wellbeing board",
        "send partnership",
    ):
        assert phrase in text, phrase
        assert any(phrase in n.lower() for n in names), phrase
