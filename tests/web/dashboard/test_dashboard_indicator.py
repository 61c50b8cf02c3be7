"""The indicator page: the figures a leader quotes must be the published ones, the definition one
click away, both charts accessible with their data beneath, suppressed years shown in words and
as gaps, and the CSV download audited as an export."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.reference.las import resolve
from lineofsight.web.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = "/indicators/cla_rate_per_10k/"
RUTLAND = "E06000017"  # care leavers aged 17-18 in EET: suppressed for 2021 and 2023


def _soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def _summary(dl) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        r.dt.get_text(strip=True): r.dd.get_text(" ", strip=True)
        for r in dl.select(".govuk-summary-list__row")
    }


def test_latest_figures_match_the_benchmark(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("leader").get(URL))
    assert page.h1.get_text(strip=True) == "Children looked after per 10,000 children"
    entry = get_benchmark().entry(resolve("E06000021"), "cla_rate_per_10k", 2025)
    assert entry is not None
    assert page.find("h2", string="Latest figure: at 31 March 2025")
    latest = _summary(page.select_one("#latest"))
    assert latest["Stoke-on-Trent"] == f"{entry.value.number:,.0f}"
    assert latest["England"] == "67"
    assert latest["West Midlands"] == f"{entry.region.number:,.0f}"
    assert latest["Neighbour median"].startswith(
        f"{entry.neighbours_median.number:,.0f} (median of the 10"
    )
    assert latest["Rank"].startswith(f"{entry.rank} of {entry.ranked} councils")
    assert entry.band == "Q4"  # neither a high nor a low rate is better: a neutral quarter
    assert latest["Quartile band"].startswith("In the highest quarter of councils (Q4;")


def test_definition_is_one_click_away(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("scrutiny").get(URL))
    details = page.select_one("details#definition")
    assert details.summary.get_text(strip=True) == "What this measures"
    rows = _summary(details)
    assert rows["Definition"]
    assert "Source publication" in rows and "Children looked after" in rows["Source publication"]
    assert (
        rows["Year convention"] == "At 31 March each year; the latest figure is at 31 March 2025."
    )


def test_charts_have_titles_descriptions_and_data(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("director").get(URL))
    trend = page.select_one("#trend svg[role=img]")
    assert trend.title.get_text().startswith(
        "Children looked after per 10,000 children: Stoke-on-Trent"
    )
    assert trend.desc.get_text().startswith("Stoke-on-Trent's figure ")
    assert "England" in trend.desc.get_text()
    assert len(trend.select("g.series")) == 4
    bars = page.select_one("#neighbours svg[role=img]")
    assert len(bars.select("g.bar, g.no-bar")) == 11  # the council and its 10 neighbours
    assert bars.select_one("g.focus")["data-name"] == "Stoke-on-Trent"
    assert bars.select_one("g.reference text").get_text() == "England: 67"
    assert trend.title.get_text().endswith("2016 to 2025 (at 31 March)")
    heads = [th.get_text(strip=True) for th in page.select("#trend + details thead th")]
    assert heads == [
        "Year (at 31 March)",
        "Stoke-on-Trent",
        "neighbour median",
        "West Midlands",
        "England",
    ]
    show = [d.summary.get_text(" ", strip=True) for d in page.select("details")]
    assert sum(s.startswith("Show data") for s in show) == 2
    data = page.select_one("#data tbody tr")
    assert data.th.get_text(strip=True) == "at 31 March 2025"
    assert [td.get_text(strip=True) for td in data.select("td")][3] == "67"


def test_sources_and_release_dates(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("analyst").get(URL))
    items = [li.get_text(" ", strip=True) for li in page.select("#sources li")]
    assert items and all("released " in i for i in items)
    assert any("Department for Education" in i and "Open Government Licence" in i for i in items)


def test_suppressed_years_show_in_words_and_as_gaps(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader", la_code=RUTLAND)
    page = _soup(client.get("/indicators/care_leavers_eet_17_18_pct/"))
    rows = {
        r.th.get_text(strip=True): r.select("td")[0].get_text(strip=True)
        for r in page.select("#data tbody tr")
    }
    assert rows["year to 31 March 2023"] == "suppressed (small number)"
    assert rows["year to 31 March 2021"] == "suppressed (small number)"
    rutland = page.select_one("#trend g.series[data-series='Rutland']")
    assert {g["data-year"] for g in rutland.select("g.gap")} >= {"2021", "2023"}
    assert "2023" not in {g["data-year"] for g in rutland.select("g.point")}
    assert (
        "Rutland's figures for 2021 and 2023 are suppressed (small number)"
        in page.select_one("#trend svg desc").get_text()
    )


def test_csv_download_matches_the_page_and_is_audited(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("lead_member")
    response = client.get("/indicators/cla_rate_per_10k/data.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="861_cla_rate_per_10k.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    last = rows[-1]
    assert (last["la_code"], last["year"], last["england"]) == ("E06000021", "2025", "67")
    assert last["year_convention"] == "at 31 March"
    event = AuditEvent.objects.get(action="export")
    assert (event.object_type, event.object_id) == ("indicator", "cla_rate_per_10k")
    assert event.details == {"la_code": "E06000021", "rows": len(rows), "format": "csv"}
    assert event.email == "lead_member.e06000021@example.org"


def test_unknown_indicator_is_a_404_page(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    assert client.get("/indicators/cla_rate_per_10kk/").status_code == 404
    assert client.get("/indicators/cla_rate_per_10kk/data.csv").status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()


def test_lait_measure_page_renders(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("analyst").get("/indicators/lait:InfMort/"))
    assert page.h1.get_text(strip=True) == "Infant Mortality rate per 1000 live births"
    assert page.select_one("#trend svg[role=img]") is not None


def test_lait_ids_with_url_special_characters_round_trip(signed_in) -> None:  # type: ignore[no-untyped-def]
    from django.urls import reverse

    url = reverse("overview:indicator", kwargs={"indicator_id": "lait:%_3&4yr_olds"})
    assert "%25_3" in url
    page = _soup(signed_in("analyst").get(url))
    assert page.h1.get_text(strip=True)
    csv_link = page.find("a", string="Download this data (CSV)")["href"]
    xlsx_link = page.find("a", string="Download this data (Excel, .xlsx)")["href"]
    client = signed_in("leader", email="second@example.org")
    assert client.get(csv_link).status_code == 200
    assert client.get(xlsx_link).status_code == 200


def test_every_headline_indicator_page_renders_with_its_year(signed_in) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.indicators.meta import headline_indicators

    client = signed_in("director")
    for ind in headline_indicators():
        response = client.get(f"/indicators/{ind.id}/")
        if response.status_code == 404:  # no published figures for councils at all
            assert get_benchmark().years(ind.id) == []
            continue
        page = _soup(response)
        assert page.h1.get_text(strip=True) == ind.title
        heading = page.find("h2", string=lambda s: bool(s and s.startswith("Latest figure: ")))
        assert heading is not None, ind.id
        assert (page.select_one("#trend svg") is None) == (ind.unit == "judgement"), ind.id


def test_a_count_shows_its_rate_and_no_rank(signed_in) -> None:  # type: ignore[no-untyped-def]
    """A count is context: its rate beside it, never a rank or a band."""
    page = _soup(signed_in("leader").get("/indicators/cla_count/"))
    latest = _summary(page.select_one("#latest"))
    assert latest["Rate"].startswith("170 per 10,000 children (a count is")
    assert latest["Rank"] == "Not ranked"
    assert latest["Quartile band"].startswith("Not ranked or banded: a count is context")


def test_a_judgement_shows_its_date_and_how_england_was_judged(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("leader").get("/indicators/ilacs_overall/"))
    latest = _summary(page.select_one("#latest"))
    assert latest["Stoke-on-Trent"] == "Requires improvement to be good"
    assert latest["Inspected"]
    assert "Good" in latest["How councils in England were judged"]
    assert "Neighbour median" not in latest and "Rank" not in latest
    assert "2.5" not in page.get_text()


def test_neighbours_are_listed_with_their_closeness(signed_in) -> None:  # type: ignore[no-untyped-def]
    """DfE's closeness of each neighbour is on the page; no caveat where they are close."""
    page = _soup(signed_in("leader").get(URL))
    table = page.select_one("#neighbour-closeness")
    assert table is not None
    rows = table.select("tbody tr")
    assert len(rows) == 10
    closeness = {r.select("td")[0].get_text(strip=True) for r in rows}
    assert closeness <= {"Extremely close", "Very close", "Close", "Somewhat close", "Not close"}
    assert page.select_one("[data-role=closeness-caveat]") is None


def test_city_of_london_carries_a_caveat_that_its_neighbours_are_not_close(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("leader", la_code="E09000001").get("/indicators/sw_vacancy_rate_pct/"))
    caveat = page.select_one("[data-role=closeness-caveat]")
    assert caveat is not None
    assert "10 of City of London's 10 statistical neighbours 'not close'" in caveat.get_text()
    cells = [
        r.select("td")[0].get_text(strip=True) for r in page.select("#neighbour-closeness tbody tr")
    ]
    assert cells == ["Not close"] * 10


def test_a_joint_return_partner_is_marked_and_not_in_the_median(signed_in) -> None:  # type: ignore[no-untyped-def]
    """Kingston's page names Richmond as the same joint return, left out of the median."""
    page = _soup(signed_in("leader", la_code="E09000021").get("/indicators/sw_vacancy_rate_pct/"))
    rows = {r.th.get_text(" ", strip=True): r for r in page.select("#neighbour-closeness tbody tr")}
    richmond = next(name for name in rows if name.startswith("Richmond upon Thames"))
    assert "Same joint return: not counted in the median" in richmond
    entry = get_benchmark().entry(resolve("E09000021"), "sw_vacancy_rate_pct")
    assert entry is not None
    latest = _summary(page.select_one("#latest"))
    assert f"median of the {entry.neighbours_counted} statistical" in latest["Neighbour median"]
    assert entry.neighbours_counted <= 9


def test_the_neighbour_chart_leaves_out_a_joint_return_partner_and_says_why(signed_in) -> None:  # type: ignore[no-untyped-def]
    """Richmond's figure is Kingston's own (one workforce return): a bar for it would read as a
    neighbour doing exactly as well. The chart leaves it out, as the median does, and its text
    alternative, caption and data table say so; the neighbours table still lists it."""
    page = _soup(signed_in("leader", la_code="E09000021").get("/indicators/sw_vacancy_rate_pct/"))
    figure = page.select_one("figure#neighbours")
    assert figure is not None
    drawn = [g["data-name"] for g in figure.select("svg g[data-name]")]
    assert "Kingston upon Thames" in drawn and "Richmond upon Thames" not in drawn
    entry = get_benchmark().entry(resolve("E09000021"), "sw_vacancy_rate_pct")
    assert entry is not None
    others = [n.la.name for n in entry.neighbours if not n.joint]
    assert sorted(drawn) == sorted(["Kingston upon Thames", *others])
    note = (
        "Richmond upon Thames is not drawn: Kingston upon Thames and Richmond upon Thames make "
        "one joint return, so the figure is Kingston upon Thames' own. It is listed in the "
        "neighbours table below."
    )
    desc = figure.select_one("svg desc")
    assert desc is not None and desc.get_text().endswith(note)
    caption = figure.select_one("figcaption")
    assert caption is not None and caption.get_text(" ", strip=True).endswith(note)
    # Placed among the neighbours the median counts, and not "level with" its own figure.
    counted = sum(1 for n in entry.neighbours if not n.joint and n.value.ok)
    assert f" of its {counted} neighbours with a figure" in desc.get_text()
    assert "level with" not in desc.get_text()
    data = figure.find_next_sibling("details")
    assert data is not None
    shown = [r.th.get_text(strip=True) for r in data.select("tbody tr")]
    assert "Richmond upon Thames" not in shown and "Kingston upon Thames" in shown
    listed = [r.th.get_text(" ", strip=True) for r in page.select("#neighbour-closeness tbody tr")]
    assert any(name.startswith("Richmond upon Thames") for name in listed)


def test_a_council_without_a_joint_return_has_every_neighbour_drawn(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = _soup(signed_in("leader").get("/indicators/sw_vacancy_rate_pct/"))
    figure = page.select_one("figure#neighbours")
    assert figure is not None
    assert len(figure.select("svg g[data-name]")) == 11  # Stoke-on-Trent and its 10 neighbours
    assert "not drawn" not in figure.get_text()
