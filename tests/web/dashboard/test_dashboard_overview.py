"""The overview a leader opens first: the council's published figures must match the benchmark
engine (and England's published 67 per 10,000 children looked after), state their year
convention, explain quartile bands in words and show the latest Ofsted judgements with dates."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.reference.las import resolve

pytestmark = pytest.mark.django_db


def _soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_home_sends_readers_to_the_overview(signed_in) -> None:  # type: ignore[no-untyped-def]
    response = signed_in("leader").get("/")
    assert response.status_code == 302 and response["Location"] == "/overview/"


def test_cla_rate_row_matches_the_benchmark_and_england(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("director").get("/overview/"))
    assert page.h1.get_text(strip=True) == "Overview"
    entry = get_benchmark().entry(resolve("Stoke-on-Trent"), "cla_rate_per_10k", 2025)
    assert entry is not None and entry.value.number is not None
    row = page.select_one("tr[data-indicator='cla_rate_per_10k']")
    cell = {td["data-role"]: td.get_text(" ", strip=True) for td in row.select("[data-role]")}
    assert cell["value"] == f"{entry.value.number:,.0f}"
    assert cell["year"] == "at 31 March 2025"
    assert cell["england"] == "67"
    assert cell["median"] == f"{entry.neighbours_median.number:,.0f}"
    assert cell["region"] == f"{entry.region.number:,.0f}"
    assert cell["band"].startswith(f"Band {entry.band}: in the ")
    assert "neither higher nor lower is better" in cell["band"]
    spark = row.select_one("svg[role=img]")
    assert spark.title.get_text().startswith("Children looked after")
    assert spark.desc.get_text().endswith("between 2021 and 2025.")


def test_every_figure_states_its_year_convention(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("scrutiny").get("/overview/"))
    years = [s.get_text(strip=True) for s in page.select("[data-role=year]")]
    assert len(years) > 40
    starts = (
        "at 31 March ",
        "year to 31 March ",
        "at 30 September ",
        "year to 30 September ",
        "January ",
        "calendar year ",
        "academic year ",
    )
    assert all(y.startswith(starts) or y.endswith(" financial year") for y in years), set(years)
    assert "2024-25 financial year" in years
    assert "at 30 September 2025" in years
    captions = [c.get_text(strip=True) for c in page.select("caption")]
    assert "Children in care" in captions or any("care" in c.lower() for c in captions)


def test_latest_ofsted_judgements_with_dates(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("lead_member").get("/overview/"))
    ofsted = page.find("h2", id="ofsted").find_next("dl")
    rows = {
        r.dt.get_text(strip=True): r.dd.get_text(" ", strip=True)
        for r in ofsted.select(".govuk-summary-list__row")
    }
    # Stoke-on-Trent's latest ILACS in the bundled Ofsted table: 3 October 2022.
    assert rows["Inspected"].startswith("3 October 2022")
    assert "published 25 November 2022" in rows["Inspected"]
    assert rows["Overall effectiveness"] == "Requires improvement to be good"
    assert rows["Experiences and progress of children in care"] == "Good"


def test_own_figure_slot_shows_difference(signed_in, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.values import Value
    from lineofsight.web.dashboard import overview
    from lineofsight.web.dashboard.own import OwnFigure

    monkeypatch.setattr(
        overview,
        "own_values",
        lambda code: {"cla_rate_per_10k": OwnFigure("year to 31 October 2025", Value(180.0))},
    )
    page = _soup(signed_in("chief_executive").get("/overview/"))
    row = page.select_one("tr[data-indicator='cla_rate_per_10k']")
    assert row.select_one("[data-role=own]").get_text(" ", strip=True) == (
        "Own returns, year to 31 October 2025: 180"
    )
    assert row.select_one(".govuk-tag").get_text(strip=True) == "Differs from last published"
    other = page.select_one("tr[data-indicator='cin_rate_per_10k']")
    assert other.select_one("[data-role=own]") is None
