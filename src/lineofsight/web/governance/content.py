"""The governance content files: the boards a council starts with, and the corporate parenting
board's questions from the leader's guide. Kept as YAML beside this module, with their sources,
so they can be reviewed without reading code; read strictly (unknown keys and repeats refused)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from lineofsight.assurance.yamlcheck import Entry, load_mapping, unique

BOARDS_FILE = "boards.yaml"
QUESTIONS_FILE = "board_questions.yaml"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class BoardSeed:
    slug: str
    name: str
    purpose: str


@dataclass(frozen=True, slots=True)
class QuestionSection:
    heading: str
    questions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BoardQuestions:
    title: str
    publisher: str
    published: dt.date | None
    url: str
    sections: tuple[QuestionSection, ...]


def _read(name: str) -> str:
    return resources.files("lineofsight.web.governance").joinpath(name).read_text("utf-8")


@cache
def board_seeds() -> tuple[BoardSeed, ...]:
    """The seven boards the guide names, in the order the pages list them."""
    raw = load_mapping(_read(BOARDS_FILE), BOARDS_FILE)
    top = Entry(raw, BOARDS_FILE, ("boards",), ("boards",))
    seeds = []
    for i, item in enumerate(top.list_of("boards", required=True), start=1):
        e = Entry(item, f"{BOARDS_FILE} board {i}", ("slug", "name", "purpose"), ("slug", "name"))
        slug = e.text("slug")
        if not _SLUG.fullmatch(slug):
            raise e.fail("slug", f"'{slug}' must be lower-case words joined by hyphens")
        seeds.append(BoardSeed(slug, e.text("name"), e.optional_text("purpose")))
    unique((s.slug for s in seeds), "board slug", BOARDS_FILE)
    return tuple(seeds)


@cache
def board_questions() -> BoardQuestions:
    """The corporate parenting board's questions, quoted from the guide, by the guide's heading."""
    raw = load_mapping(_read(QUESTIONS_FILE), QUESTIONS_FILE)
    top = Entry(raw, QUESTIONS_FILE, ("source", "sections"), ("source", "sections"))
    src = Entry(
        top.raw["source"],
        f"{QUESTIONS_FILE} source",
        ("title", "publisher", "published", "url", "note"),
        ("title", "publisher", "url"),
    )
    sections = []
    for i, item in enumerate(top.list_of("sections", required=True), start=1):
        e = Entry(item, f"{QUESTIONS_FILE} section {i}", ("heading", "questions"), ("heading",))
        questions = e.text_list("questions")
        if not questions:
            raise e.fail("questions", "give at least one question")
        sections.append(QuestionSection(e.text("heading"), questions))
    unique((q for s in sections for q in s.questions), "question", QUESTIONS_FILE)
    return BoardQuestions(
        src.text("title"),
        src.text("publisher"),
        src.optional_date("published"),
        src.text("url"),
        tuple(sections),
    )
