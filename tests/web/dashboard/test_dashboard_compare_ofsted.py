"""Compare and Ofsted pages: a GET form that works without JavaScript and reports bad choices in
a sentence, and Ofsted judgements for the council and its neighbours exactly as published."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.reference.las import resolve

pytestmark = pytest.mark.django_db
STOKE, WALSALL, LEEDS = "E06000021", "E08000030", "E08000035"


def _soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_compare_defaults_to_council_and_three_neighbours(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("leader").get("/compare/"))
    form = page.select_one("main form")
    assert form["method"] == "get"
    assert form.select_one("select#la")["multiple"] is not None
    heads = [th.get_text(strip=True) for th in page.select("#comparison thead th")]
    assert heads == [
        "Indicator",
        "Stoke-on-Trent",
        "Walsall",
        "Rochdale",
        "Wolverhampton",
        "England",
    ]
    chosen = [o["value"] for o in page.select("select#la option[selected]")]
    assert sorted(chosen) == sorted([STOKE, WALSALL, "E08000005", "E08000031"])


def test_compare_chosen_councils_and_indicator_match_the_benchmark(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("corporate_parenting")
    page = _soup(client.get("/compare/", {"la": [LEEDS, STOKE], "indicator": ["cla_rate_per_10k"]}))
    row = page.select_one("#comparison tr[data-indicator='cla_rate_per_10k']")
    assert row.th.get_text(" ", strip=True).endswith("at 31 March 2025")
    cells = [td.get_text(" ", strip=True) for td in row.select("td")]
    b = get_benchmark()
    for code, cell in zip([LEEDS, STOKE], cells, strict=False):
        e = b.entry(resolve(code), "cla_rate_per_10k", 2025)
        assert e is not None
        assert cell == f"{e.value.number:,.0f} band {e.band}"
    assert cells[-1] == "67"


def test_compare_reports_bad_choices_in_a_sentence(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("analyst")
    page = _soup(client.get("/compare/", {"la": ["E99999999", STOKE], "indicator": ["cla_rate"]}))
    assert page.title.get_text().startswith("Error: ")
    errors = [a.get_text(strip=True) for a in page.select(".govuk-error-summary__list a")]
    assert errors[0] == "'E99999999' is not a council in the list: choose from the list."
    assert errors[1].startswith("Unknown indicator 'cla_rate'.")
    assert [a["href"] for a in page.select(".govuk-error-summary__list a")] == ["#la", "#indicator"]


def test_ofsted_page_latest_history_and_neighbours(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("director").get("/ofsted/"))
    assert page.h1.get_text(strip=True) == "Ofsted"
    history = [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in page.select("#ilacs-history tbody tr")
    ]
    assert [h[0] for h in history] == ["3 October 2022", "4 February 2019"]
    assert history[1][3].startswith("Overall effectiveness: Inadequate")
    send = [
        td.get_text(" ", strip=True)
        for td in page.select_one("#send-history tbody tr").select("td")
    ]
    assert send == [
        "29 January 2024",
        "3 April 2024",
        "Area SEND inspection, 2023 framework",
        "Outcome: Inconsistent experiences and outcomes",
    ]
    neighbours = {
        tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in page.select("#neighbours tbody tr")
    }
    assert len(neighbours) == 10
    assert neighbours["Walsall"] == [
        "Good (inspected 4 October 2021)",
        "Written statement of action required (inspected 4 February 2019)",
    ]


def test_pages_in_the_navigation_for_readers(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("leader").get("/ofsted/"))
    nav = [a.get_text(strip=True) for a in page.select(".govuk-service-navigation__list a")]
    assert {"Overview", "Compare", "Ofsted"} <= set(nav)
