"""The finance view over the bundled store: unit costs by council and year, gaps between returns."""

from __future__ import annotations

import pytest

from lineofsight.finance.published import (
    entries,
    latest_weekly_unit_cost,
    source_gaps,
    weekly_unit_costs,
)
from lineofsight.reference.las import resolve
from lineofsight.wording import money

KENT = "E10000016"


def test_weekly_unit_costs_by_year_are_the_published_figures() -> None:
    costs = weekly_unit_costs(KENT)
    assert costs["2024-25"] == {"cla": 2195.0, "fostering": 900.0, "residential": 6335.0}
    assert list(costs) == sorted(costs)
    assert weekly_unit_costs("E92000001")["2024-25"]["cla"] == 2100.0


def test_latest_unit_cost_falls_back_to_england_and_says_so() -> None:
    assert latest_weekly_unit_cost(KENT, "residential") == ("2024-25", 6335.0, "council")
    assert latest_weekly_unit_cost("E99999999", "cla") == ("2024-25", 2100.0, "England")
    assert latest_weekly_unit_cost(KENT, "no such type") is None


def test_finance_entries_compare_with_neighbours() -> None:
    got = {e.indicator.id: e for e in entries(resolve("Kent"))}
    assert got["cla_weekly_unit_cost"].year == "2024-25"
    assert got["cla_weekly_unit_cost"].neighbours_counted >= 5
    assert got["dsg_cumulative_balance_pct"].value.number == pytest.approx(-6.83)


def test_source_gaps_are_over_ten_percent() -> None:
    gaps = [g for code in ("E06000007", "E06000011") for g in source_gaps(code)]
    assert gaps and all(g.gap_pct > 10 for g in gaps)


@pytest.mark.parametrize(
    ("pounds", "text"),
    [
        (85_500_000, "£85.5m"),
        (86_000_000, "£86m"),
        (1_234_567_890, "£1.2bn"),
        (950_000, "£950,000"),
        (2_100, "£2,100"),
        (-97_580_750, "-£97.6m"),
    ],
)
def test_money_is_written_govuk_style(pounds: float, text: str) -> None:
    assert money(pounds) == text
