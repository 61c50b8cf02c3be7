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
    assert cell["band"] == "Q4: highest quarter"  # what Q4 means is said once, above the tables
    bands = [b.get_text(strip=True) for b in page.select("[data-role=band]")]
    assert not [b for b in bands if "better" in b or "councils" in b]
    assert (
        "neither higher nor lower is better in itself"
        in page.select_one("#main-content").get_text()
    )
    explained = page.select_one("[data-role=neighbours-explained]")
    assert explained is not None and "10 councils" in explained.get_text()
    assert explained.a is not None and explained.a["href"].startswith("https://")
    spark = row.select_one("svg[role=img]")
    assert spark.title.get_text().startswith("Children looked after")
    assert spark.desc.get_text().endswith("between 2021 and 2025.")


def test_every_figure_states_its_year_convention(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("scrutiny").get("/overview/"))
    assert page.select_one("[data-role=no-own]") is not None  # nothing of its own published
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


def test_own_figure_tag_only_when_the_difference_is_material(signed_in, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """More than 10% (5 points for a percentage) apart by the written rule; a count at a date says 'at'."""
    from lineofsight.values import Value
    from lineofsight.web.dashboard import overview
    from lineofsight.web.dashboard.own import OwnFigure

    stoke = resolve("Stoke-on-Trent")
    cin = get_benchmark().entry(stoke, "cin_rate_per_10k")
    assert cin is not None and cin.value.number is not None
    monkeypatch.setattr(
        overview,
        "own_values",
        lambda code: {
            "cla_rate_per_10k": OwnFigure("year to 31 October 2025", Value(200.0)),
            "cin_rate_per_10k": OwnFigure(
                "year to 31 October 2025", Value(cin.value.number * 1.05)
            ),
            "assessments_45wd_pct": OwnFigure("year to 31 October 2025", Value(80.0)),
        },
    )
    page = _soup(signed_in("chief_executive").get("/overview/"))
    row = page.select_one("tr[data-indicator='cla_rate_per_10k']")
    assert row.select_one("[data-role=own]").get_text(" ", strip=True) == (
        "Own returns, at 31 October 2025: 200"
    )
    tag = row.select_one("[data-role=own-differs]")
    assert tag is not None and tag.get_text(strip=True) == "Own figure differs materially"
    assert "more than 10% from the last published figure" in row.get_text(" ", strip=True)
    near = page.select_one("tr[data-indicator='cin_rate_per_10k']")
    assert near.select_one("[data-role=own]") is not None
    assert near.select_one("[data-role=own-differs]") is None  # 5% apart: not material
    # With own figures published, the page no longer says they will appear once published.
    assert page.select_one("[data-role=no-own]") is None
    flow = page.select_one("tr[data-indicator='assessments_45wd_pct']")
    assert "year to 31 October 2025" in flow.select_one("[data-role=own]").get_text()
    assert flow.select_one("[data-role=own-differs]") is None  # 77.9% against 80%: 2.1 points


def test_attention_list_opens_the_overview(signed_in) -> None:  # type: ignore[no-untyped-def]
    """At most seven items, most severe first, each a sentence with its question and a link."""
    page = _soup(signed_in("director").get("/overview/"))
    main = page.select_one("main") or page
    first_h2 = main.select_one("h2")
    assert first_h2 is not None and first_h2.get_text(strip=True) == "What needs your attention"
    items = page.select("[data-role=attention] > li")
    assert 1 <= len(items) <= 7
    order = {"High": 0, "Medium": 1, "Low": 2}
    severities = [order[li.select_one(".govuk-tag").get_text(strip=True)] for li in items]
    assert severities == sorted(severities)
    ids = [li["data-indicator"] for li in items]
    assert "cla_rate_per_10k" in ids and len(ids) == len(set(ids))
    for li in items:
        assert li.select_one("a[href^='/indicators/']") is not None
    assert any(li.select_one("a[href^='/key-questions/']") for li in items)


def test_signature_tiles_then_themes_collapsed(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("director").get("/overview/"))
    tiles = page.select("[data-role=tiles] > li")
    ids = [t["data-indicator"] for t in tiles]
    assert ids[:4] == [
        "sw_agency_rate_pct",
        "sw_vacancy_rate_pct",
        "sw_turnover_rate_pct",
        "sw_absence_rate_pct",
    ]
    assert {"sw_caseload_avg", "cpp_rate_per_10k", "cla_rate_per_10k", "cla_spend_gross"} <= set(
        ids
    )
    for tile in tiles:
        assert tile.select_one("svg[role=img]") is not None
        assert "neighbour median" in tile.get_text(" ", strip=True)
    spend = next(t for t in tiles if t["data-indicator"] == "cla_spend_gross")
    assert "per child" in spend.get_text(" ", strip=True)
    details = page.select("details[id^=details-]")
    assert len(details) >= 8 and not any(d.has_attr("open") for d in details)
    assert details[0].select_one("table") is not None


def test_neighbours_closeness_and_its_caveat(signed_in) -> None:  # type: ignore[no-untyped-def]
    """DfE's closeness of each neighbour is on the overview; City of London's carries a caveat."""
    page = _soup(signed_in("director").get("/overview/"))
    listed = page.select("#neighbour-list li")
    assert len(listed) == 10 and all(":" in li.get_text() for li in listed)
    assert page.select_one("[data-role=closeness-caveat]") is None
    city = _soup(signed_in("director", la_code="E09000001").get("/overview/"))
    caveat = city.select_one("[data-role=closeness-caveat]")
    assert caveat is not None and "'not close'" in caveat.get_text()
    assert [
        li.get_text(strip=True).endswith("not close") for li in city.select("#neighbour-list li")
    ] == [True] * 10
