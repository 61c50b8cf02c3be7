"""The answer form's readers: evidence lines, dates and the whole answer, fuzzed with hypothesis so
no input can crash them or smuggle a non-web link onto a page."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from lineofsight.web.assessment.forms import (
    Link,
    links_text,
    parse_answer,
    parse_date,
    parse_links,
    parse_section,
)


def test_evidence_lines() -> None:
    links, problems = parse_links(
        "Board minutes | https://example.org/a.pdf\n\nhttps://example.org/b\n"
        "A | B | http://example.org/c\njavascript:alert(1)\nNo link at all"
    )
    assert links == [
        Link("Board minutes", "https://example.org/a.pdf"),
        Link("https://example.org/b", "https://example.org/b"),
        Link("A | B", "http://example.org/c"),
    ]
    assert [p.split(":")[0] for p in problems] == ["Evidence line 5", "Evidence line 6"]


def test_links_round_trip_through_the_form_text() -> None:
    links, _ = parse_links("Minutes | https://example.org/m\nhttps://example.org/x")
    stored = [{"title": link.title, "url": link.url} for link in links]
    assert parse_links(links_text(stored))[0] == links


def test_dates() -> None:
    assert parse_date("2026-03-31") == dt.date(2026, 3, 31)
    assert parse_date(" 31/3/2026 ") == dt.date(2026, 3, 31)
    assert parse_date("31 March") is None
    assert parse_date("2026-02-30") is None


def test_a_good_answer() -> None:
    got = parse_answer(
        {
            "rating": "weak",
            "owner": "  Chief   executive ",
            "review_date": "2027-01-02",
            "level": "leading",
        },
        ("emerging", "leading"),
    )
    assert got.errors == []
    assert (got.rating, got.owner, got.review_date, got.level) == (
        "weak",
        "Chief executive",
        dt.date(2027, 1, 2),
        "leading",
    )


@given(st.text(max_size=400))
def test_parse_links_never_crashes_and_keeps_only_web_links(text: str) -> None:
    links, problems = parse_links(text)
    for link in links:
        assert link.url.lower().startswith(("http://", "https://"))
        assert not any(ch.isspace() for ch in link.url)
        assert link.title
    assert (
        len(links) + len(problems) <= len([line for line in text.splitlines() if line.strip()]) + 1
    )


@given(st.text(max_size=40))
def test_parse_date_never_crashes(text: str) -> None:
    got = parse_date(text)
    assert got is None or isinstance(got, dt.date)


@given(
    st.dictionaries(
        st.sampled_from(["rating", "level", "narrative", "owner", "review_date", "evidence", "x"]),
        st.text(max_size=200),
    )
)
def test_parse_answer_never_crashes(post: dict[str, str]) -> None:
    got = parse_answer(post, ("emerging", "developing"))
    if not got.errors:
        assert got.rating in ("strong", "adequate", "weak", "dont_know")
        assert got.level in ("emerging", "developing")
    fields = {field for field, _ in got.errors}
    assert fields <= {"rating", "level", "narrative", "owner", "review_date", "evidence"}
    # nothing reaches the database that PostgreSQL text refuses
    assert "\x00" not in got.narrative + got.owner + got.evidence_text


@given(st.dictionaries(st.sampled_from(["know", "how", "plans", "other"]), st.text(max_size=100)))
def test_parse_section_never_crashes(post: dict[str, str]) -> None:
    texts, errors = parse_section(post)
    assert set(texts) == {"know", "how", "plans"} and errors == []
