"""The forms tell people not to identify a child, and the board clerk role is a role like the
others (parsed from its code or label, offered a landing page with the governance pages)."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup

from lineofsight.web.accounts.roles import Role, parse_role
from lineofsight.web.governance.forms import NO_CHILD_DATA


@pytest.mark.parametrize(
    ("role", "url", "fields"),
    [
        ("corporate_parenting", "/corporate-parenting/voices/add/", ("said", "response")),
        ("director", "/corporate-parenting/commitments/add/", ("note",)),
        ("board_clerk", "/governance/actions/add/", ("title",)),
        (
            "board_clerk",
            "/governance/boards/improvement-board/meetings/add/",
            ("decisions_text", "notes"),
        ),
    ],
)
def test_free_text_hints_say_not_to_identify_a_child(
    signed_in: Any, db: None, role: str, url: str, fields: tuple[str, ...]
) -> None:
    page = BeautifulSoup(signed_in(role).get(url).content, "html.parser")
    for name in fields:
        hint = page.select_one(f"#id_{name}-hint")
        assert hint is not None, name
        assert NO_CHILD_DATA in " ".join(hint.get_text().split()), name
    assert "could identify a child" in NO_CHILD_DATA


def test_the_board_clerk_role_parses_and_sees_the_governance_pages(
    signed_in: Any, db: None, no_overview: None
) -> None:
    assert parse_role("board_clerk") is Role.CLERK
    assert parse_role("Board clerk") is Role.CLERK
    assert Role.CLERK.label == "Board clerk"
    page = BeautifulSoup(signed_in("board_clerk").get("/").content, "html.parser")
    listed = [a.get_text(strip=True) for a in page.select("main h3 a")]
    assert {"Boards and meetings", "Action log", "Statutory roles", "Corporate parenting"} <= set(
        listed
    )
    assert "Overview" not in listed
