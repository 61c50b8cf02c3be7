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
    assert page.select("select") == []  # checkboxes, not a Ctrl/Cmd multi-select
    heads = [th.get_text(strip=True) for th in page.select("#comparison thead th")]
    assert heads == [
        "Indicator",
        "Stoke-on-Trent",
        "Walsall",
        "Rochdale",
        "Wolverhampton",
        "Neighbour median",
        "West Midlands",
        "England",
    ]
    chosen = [i["value"] for i in page.select("input[name=la][checked]")]
    assert sorted(chosen) == sorted([STOKE, WALSALL, "E08000005", "E08000031"])
    assert len(page.select("input[type=checkbox][name=la]")) == 153
    # Councils grouped by region, each group a details element; groups with a choice are open.
    opened = [d["data-region"] for d in page.select("details[data-region][open]")]
    assert opened == ["North West", "West Midlands"]
    legend = [legend.get_text(strip=True) for legend in page.select("fieldset legend")]
    assert legend == ["Councils", "Indicators"]


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
    stoke = b.entry(resolve(STOKE), "cla_rate_per_10k", 2025)
    assert stoke is not None and stoke.neighbours_median.number and stoke.region.number
    assert cells[2:] == [
        f"{stoke.neighbours_median.number:,.0f}",
        f"{stoke.region.number:,.0f}",
        "67",
    ]


def test_compare_chart_has_a_bar_per_council_and_a_text_alternative(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    page = _soup(client.get("/compare/", {"la": [LEEDS, STOKE], "indicator": ["cla_rate_per_10k"]}))
    figure = page.select_one("#chart-1")
    svg = figure.select_one("svg")
    assert svg["role"] == "img"
    title = svg.select_one("title").get_text()
    assert title.startswith("Children looked after per 10,000 children: the chosen councils")
    assert "Stoke-on-Trent" in svg.select_one("desc").get_text()
    data = figure.find_next("details").select("tbody th")
    assert {th.get_text(strip=True) for th in data} >= {"Leeds", "Stoke-on-Trent"}


def test_presets_choose_neighbours_and_region(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    page = _soup(client.get("/compare/"))
    links = {a.get_text(strip=True): a["href"] for a in page.select("#presets a")}
    neighbours = links["Stoke-on-Trent and its 10 statistical neighbours"]
    region = links["Councils in West Midlands"]
    b = get_benchmark()
    page = _soup(client.get(neighbours))
    heads = [th.get_text(strip=True) for th in page.select("#comparison thead th")][1:-3]
    names = [b.registry.get(c).name for c in b.neighbours[STOKE]]
    assert heads == ["Stoke-on-Trent", *names]
    page = _soup(client.get(region))
    heads = [th.get_text(strip=True) for th in page.select("#comparison thead th")][1:-3]
    west_midlands = sorted(
        la.name for la in b.registry.current() if la.region_name == "West Midlands"
    )
    assert heads[0] == "Stoke-on-Trent" and sorted(heads) == west_midlands
    assert len(heads) == 14
    # The preset keeps the chosen indicators.
    page = _soup(client.get("/compare/", {"indicator": ["cin_rate_per_10k"]}))
    href = next(a["href"] for a in page.select("#presets a"))
    assert href.endswith("preset=neighbours&indicator=cin_rate_per_10k")


def test_compare_reports_bad_choices_in_a_sentence(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("analyst")
    page = _soup(client.get("/compare/", {"la": ["E99999999", STOKE], "indicator": ["cla_rate"]}))
    assert page.title.get_text().startswith("Error: ")
    errors = [a.get_text(strip=True) for a in page.select(".govuk-error-summary__list a")]
    assert errors[0] == "'E99999999' is not a council in the list: choose from the list."
    assert errors[1].startswith("Unknown indicator 'cla_rate'.")
    assert [a["href"] for a in page.select(".govuk-error-summary__list a")] == ["#la", "#indicator"]
    # Each link's target is a checkbox, shown (its group open) so focus lands on it.
    for target in ("la", "indicator"):
        box = page.select_one(f"input#{target}[type=checkbox]")
        assert box is not None and box.find_parent("details").has_attr("open")
    assert len(page.select(".govuk-form-group--error")) == 2


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
    nav += [a.get_text(strip=True) for a in page.select("[data-role=subnav] a")]
    assert {"Overview", "Compare", "Ofsted"} <= set(nav)


def test_ofsted_page_gives_the_risk_estimate_in_words_with_its_limits(signed_in) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.risk.report import CAVEATS, factor_sentence, headline
    from lineofsight.web.dashboard.risk_page import council_estimates

    page = _soup(signed_in("director").get("/ofsted/"))
    data = page.select_one("#risk-data").get_text(" ", strip=True)
    assert "as at 31 March 2025" in data and "may have been inspected since" in data
    for e in council_estimates(STOKE):
        heading = page.find("h3", attrs={"data-target": e.target})
        said = heading.find_next("p", attrs={"data-role": "estimate"}).get_text(" ", strip=True)
        assert said == headline(e, "Stoke-on-Trent")
        assert "95% interval" in said and "were." in said
        factors = heading.find_next("ul", attrs={"data-role": "factors"}).select("li")
        assert [f.get_text(strip=True) for f in factors] == [
            factor_sentence(f, e.target) for f in e.factors
        ]
    assert "AUC of" in page.select_one("#risk-backtest").get_text(" ", strip=True)
    assert [li.get_text() for li in page.select("#caveats li")] == CAVEATS


def test_ofsted_page_dates_each_source_and_flags_an_overdue_one(signed_in) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from lineofsight.published.freshness import source_dates

    page = _soup(signed_in("director").get("/ofsted/"))
    rows = page.select("#sources tbody tr")
    expected = source_dates()
    assert [r["data-source"] for r in rows] == [s.family for s in expected]
    assert {"ofsted", "cla", "cin", "workforce", "population"} <= {s.family for s in expected}
    for row, s in zip(rows, expected, strict=True):
        overdue = "Overdue" in row.get_text(" ", strip=True)
        assert overdue == s.overdue(timezone.localdate())
