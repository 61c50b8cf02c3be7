"""Reading the answer and self-evaluation forms: what the user typed, checked, or the errors to show.

Evidence documents and minutes are typed one a line as ``Title | https://link``; a line that is
only a link uses the link as its title. Only http and https links are kept, so a page never renders
a ``javascript:`` link someone typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lineofsight.assurance.content import QUESTION_IDS
from lineofsight.assurance.records import RATINGS
from lineofsight.web.date_input import with_dates

MAX_NARRATIVE = 20_000
MAX_OWNER = 200
MAX_TITLE = 300
MAX_URL = 2_000
MAX_LINKS = 50


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str


@dataclass
class AnswerInput:
    """A checked answer, or ``errors`` as (field id, message) pairs in the order of the form."""

    rating: str = ""
    level: str = ""
    narrative: str = ""
    owner: str = ""
    review_date: dt.date | None = None
    evidence: list[Link] = field(default_factory=list)
    evidence_text: str = ""
    review_text: str = ""
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def error_map(self) -> dict[str, str]:
        return dict(self.errors)


def parse_links(text: str) -> tuple[list[Link], list[str]]:
    """The evidence lines as links, and one sentence per line that could not be read."""
    links: list[Link] = []
    problems: list[str] = []
    lines = [line.strip() for line in text.splitlines()]
    for n, line in enumerate(lines, start=1):
        if not line:
            continue
        title, bar, url = line.rpartition("|")
        if not bar:
            title, url = "", line
        title, url = title.strip(), url.strip()
        if not _web_link(url):
            problems.append(
                f"Evidence line {n}: '{url[:60]}' is not a web link starting http:// or https://."
            )
            continue
        if len(url) > MAX_URL or len(title) > MAX_TITLE:
            problems.append(f"Evidence line {n} is too long.")
            continue
        links.append(Link(title or url, url))
    if len(links) > MAX_LINKS:
        problems.append(f"Give at most {MAX_LINKS} evidence links.")
    return links, problems


def _web_link(url: str) -> bool:
    if not url or any(ch.isspace() for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def links_text(links: list[dict[str, str]]) -> str:
    """Stored links back into the lines the form shows."""
    return "\n".join(
        link["url"] if link["title"] == link["url"] else f"{link['title']} | {link['url']}"
        for link in links
    )


def parse_date(text: str) -> dt.date | None:
    """A date typed as 2026-03-31 or 31/3/2026; None if it is neither."""
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def typed_text(post: Mapping[str, str], key: str) -> str:
    """A typed field as text: Windows line ends made plain and NUL characters dropped (no browser
    sends them on purpose, and PostgreSQL text cannot hold them)."""
    return post.get(key, "").replace("\x00", "").replace("\r\n", "\n").strip()


def parse_answer(post: Mapping[str, str], levels: tuple[str, ...] = ()) -> AnswerInput:
    """The answer form; ``levels`` are the maturity levels to choose from (enablers only)."""
    got = AnswerInput(
        rating=typed_text(post, "rating"),
        level=typed_text(post, "level"),
        narrative=typed_text(post, "narrative"),
        owner=" ".join(typed_text(post, "owner").split()),
        evidence_text=typed_text(post, "evidence"),
        review_text=typed_text(with_dates(post, ["review_date"]), "review_date"),
    )
    if levels and got.level not in levels:
        got.errors.append(("level", "Select a maturity level"))
    if got.rating not in RATINGS:
        got.errors.append(("rating", "Select a rating"))
    if len(got.narrative) > MAX_NARRATIVE:
        got.errors.append(("narrative", f"Narrative must be {MAX_NARRATIVE:,} characters or fewer"))
    if len(got.owner) > MAX_OWNER:
        got.errors.append(("owner", f"Owner must be {MAX_OWNER} characters or fewer"))
    if got.review_text:
        got.review_date = parse_date(got.review_text)
        if got.review_date is None:
            got.errors.append(("review_date", "Review date must be a real date"))
    got.evidence, problems = parse_links(got.evidence_text)
    if problems:
        got.errors.append(("evidence", " ".join(problems[:3])))
    return got


def parse_section(post: Mapping[str, str]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The three answers of a self-evaluation section, and errors for any that is too long."""
    texts: dict[str, str] = {q: typed_text(post, q) for q in QUESTION_IDS}
    errors: list[tuple[str, str]] = [
        (q, f"Keep this answer under {MAX_NARRATIVE:,} characters.")
        for q, text in texts.items()
        if len(text) > MAX_NARRATIVE
    ]
    return texts, errors
