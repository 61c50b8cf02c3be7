"""The statutory roles register: the page shows the signals the leader's guide asks for (vacant,
interim, changed recently, a DCS with other duties and no test of assurance), tenure against the
national picture, and keeps every earlier holder as history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bs4 import BeautifulSoup
from web_support import STOKE


def _page(client: Any) -> BeautifulSoup:
    response = client.get("/governance/roles/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_interim_and_vacant_posts_are_signalled_on_the_register(
    signed_in: Any, db: None, today: dt.date
) -> None:
    from lineofsight.web.governance import store

    appointed = today - dt.timedelta(days=100)
    store.record_role(
        STOKE,
        "dcs",
        {
            "name": "Demo Person D",
            "appointed": appointed,
            "interim": True,
            "additional_responsibilities": "adult social care",
        },
    )
    store.record_role(STOKE, "lmcs", {"name": ""})
    store.record_role(
        STOKE, "leader", {"name": "Councillor Demo Person A", "appointed": dt.date(2019, 5, 20)}
    )
    page = _page(signed_in("scrutiny"))
    found = [
        (li["data-post"], li["data-severity"], li.get_text(" ", strip=True))
        for li in page.select("#role-signals li")
    ]
    texts = [t for _, _, t in found]
    assert (
        "dcs",
        "high",
        "Demo Person D holds other duties (adult social care) but no test of "
        "assurance is recorded; one is a statutory requirement.",
    ) in found
    assert (
        "lmcs",
        "high",
        "The post of lead member for children's services (LMCS) is vacant.",
    ) in found
    assert "Demo Person D is interim director of children's services (DCS)." in texts
    assert "The post of lead member for children's services (LMCS) is vacant." in texts
    assert f"became director of children's services (DCS) on {appointed:%-d %B %Y}" in " ".join(
        texts
    )
    assert "No one is recorded as chief executive." in texts
    assert not any("Councillor Demo Person A" in t for t in texts)
    dcs = page.select_one("#post-dcs")
    rows = {
        r.dt.get_text(strip=True): r.dd.get_text(" ", strip=True)
        for r in dcs.select(".govuk-summary-list__row")
    }
    assert rows["Appointment"] == "Interim"
    assert rows["Test of assurance"] == "Not recorded"
    assert rows["Tenure"].startswith("0.3 years in post, less than the three years")
    assert "around 30% of DCSs change each year" in rows["Tenure"]
    lmcs = page.select_one("#post-lmcs")
    assert lmcs.select_one(".govuk-summary-list__value").get_text(strip=True) == "Vacant"


def test_a_new_appointment_keeps_the_earlier_holder_as_history(
    signed_in: Any, db: None, today: dt.date
) -> None:
    client = signed_in("leader")
    first = {"name": "Demo Person D", "appointed": "2025-01-06", "interim": "on"}
    assert client.post("/governance/roles/dcs/edit/", first).status_code == 302
    second = {
        "name": "Demo Person H",
        "appointed": today.isoformat(),
        "additional_responsibilities": "Education",
        "assurance_test_date": today.isoformat(),
    }
    assert client.post("/governance/roles/dcs/edit/", second).status_code == 302
    page = _page(client)
    dcs = page.select_one("#post-dcs")
    rows = {
        r.dt.get_text(strip=True): r.dd.get_text(" ", strip=True)
        for r in dcs.select(".govuk-summary-list__row")
    }
    assert rows["Holder"] == "Demo Person H" and rows["Appointment"] == "Permanent"
    assert rows["Test of assurance"] == f"{today:%-d %B %Y}"
    history = [
        [td.get_text(strip=True) for td in tr.select("td")] for tr in dcs.select("details tbody tr")
    ]
    assert [h[:3] for h in history] == [["Demo Person D", "6 January 2025", "Interim"]]
    signals = [li.get_text(" ", strip=True) for li in page.select("#role-signals li")]
    assert not any("test of assurance" in s for s in signals)
    assert not any("interim" in s for s in signals)


def test_a_vacant_post_cannot_be_interim(signed_in: Any, db: None) -> None:
    response = signed_in("chief_executive").post(
        "/governance/roles/lmcs/edit/", {"name": "", "interim": "on"}
    )
    assert response.status_code == 400
    assert b"A vacant post cannot be interim" in response.content


def test_an_unknown_post_is_not_found(signed_in: Any, db: None) -> None:
    assert signed_in("leader").get("/governance/roles/mayor/edit/").status_code == 404
