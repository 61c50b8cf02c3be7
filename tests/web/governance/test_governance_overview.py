"""Overdue actions and statutory roles signals surface on the overview (issue 6: "overdue actions
surface on the overview"): an open action past its due date is listed with a link, a done one is
not, and an interim DCS appears as a signal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bs4 import BeautifulSoup
from web_support import STOKE


def _overview(client: Any) -> BeautifulSoup:
    response = client.get("/overview/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_an_overdue_action_is_listed_with_its_link_and_a_done_one_is_not(
    signed_in: Any, actions: dict[str, Any]
) -> None:
    page = _overview(signed_in("leader"))
    block = page.select_one("#governance")
    assert block is not None
    assert block.select_one("#overdue-count").get_text(strip=True) == "1 overdue action"
    items = block.select("#overdue-actions li")
    assert len(items) == 1
    link = items[0].a
    assert link.get_text(strip=True) == "Recruit permanent team managers"
    assert link["href"] == f"/governance/actions/{actions['late'].pk}/"
    assert "10 days overdue" in items[0].get_text(" ", strip=True)
    assert "Improvement board" in items[0].get_text(" ", strip=True)
    text = block.get_text(" ", strip=True)
    assert "Close the practice audit" not in text
    assert "Publish the care leaver offer" not in text


def test_an_action_marked_done_leaves_the_overview(signed_in: Any, actions: dict[str, Any]) -> None:
    from lineofsight.web.governance import store

    store.add_update(actions["late"], "done", "All five posts filled.")
    block = _overview(signed_in("director")).select_one("#governance")
    assert block.select("#overdue-actions li") == []
    assert (
        block.select_one("#overdue-count")
        .get_text(" ", strip=True)
        .startswith("No actions are overdue.")
    )


def test_role_signals_appear_on_the_overview(signed_in: Any, db: None, today: dt.date) -> None:
    from lineofsight.web.governance import store

    store.record_role(
        STOKE,
        "dcs",
        {"name": "Demo Person D", "appointed": today - dt.timedelta(days=60), "interim": True},
    )
    store.record_role(STOKE, "lmcs", {"name": ""})
    items = [
        li.get_text(" ", strip=True)
        for li in _overview(signed_in("chief_executive")).select("#role-signals li")
    ]
    assert "High Demo Person D is interim director of children's services (DCS)." in items
    assert "High The post of lead member for children's services (LMCS) is vacant." in items
    assert any("less than a year ago" in i for i in items)


def test_another_councils_overdue_actions_are_not_shown(
    signed_in: Any, actions: dict[str, Any]
) -> None:
    page = _overview(signed_in("leader", la_code="E08000026"))
    assert page.select("#overdue-actions li") == []
