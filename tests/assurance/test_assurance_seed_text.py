"""The content files quote their sources exactly: every key question in the LGA leader's guide is in
key_questions.yaml word for word, under the guide's own heading, and none is invented; Ofsted's three
questions and the Isos enablers match the seed texts too. Done-when of issue 6."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from lineofsight.assurance.content import enablers, key_questions, self_evaluation_template

GUIDE = "001_509ad6addc87659a.txt"
ISOS_NEWS = "003_a0fbd61ec2f7bf60.txt"


def _seeds() -> Path:
    default = Path(__file__).resolve().parents[2] / ".." / "shared"
    seeds = Path(os.environ.get("LINEOFSIGHT_SHARED", default)) / "seeds"
    if not (seeds / GUIDE).exists():
        pytest.skip(f"the seed texts are not at {seeds} (set LINEOFSIGHT_SHARED)")
    return seeds


def _norm(text: str) -> str:
    """Compare text, not typography: curly quotes and runs of whitespace do not count."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    return " ".join(text.replace("\u201d", '"').split())


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Each 'Key questions ...:' block: its line number and its '- ' bullets (blank lines allowed)."""
    found = []
    for i, line in enumerate(lines):
        if re.match(r"^key questions\b.*:\s*$", line.strip(), re.IGNORECASE):
            bullets = []
            for following in lines[i + 1 :]:
                if following.strip().startswith("- "):
                    bullets.append(_norm(following.strip()[2:]))
                elif following.strip():
                    break
            found.append((i, bullets))
    return found


def test_every_key_question_in_the_guide_is_in_the_content_file_and_none_is_invented() -> None:
    lines = (_seeds() / GUIDE).read_text("utf-8").splitlines()
    blocks = _blocks(lines)
    assert len(blocks) == 6 and all(bullets for _, bullets in blocks)
    themes = key_questions().themes
    assert [[_norm(q.text) for q in t.questions] for t in themes] == [b for _, b in blocks]


def test_each_theme_heading_is_the_guide_heading_just_before_its_questions() -> None:
    lines = [_norm(line) for line in (_seeds() / GUIDE).read_text("utf-8").splitlines()]
    previous = 0
    for theme, (at, _) in zip(key_questions().themes, _blocks(lines), strict=True):
        assert _norm(theme.heading) in lines[previous:at], theme.id
        previous = at


def test_ofsteds_three_questions_are_quoted_from_the_guide() -> None:
    text = _norm((_seeds() / GUIDE).read_text("utf-8"))
    for question in self_evaluation_template().questions:
        assert f"- {_norm(question.text)} " in text, question.id


def test_the_seven_enablers_follow_the_isos_news_wording_in_order() -> None:
    news = _norm((_seeds() / ISOS_NEWS).read_text("utf-8")).lower()
    listed = news[news.index("these enablers include") :]
    positions = [listed.index(e.news_wording.lower()) for e in enablers().enablers]
    assert len(positions) == 7 and positions == sorted(positions)
