"""Material finance judgements in the overview's 'What needs your attention', as rendered: a forecast
overspend from the council's budget monitoring, and the own-903 forecast's cost of children in care
above the children looked after budget; demo figures say so."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from lineofsight.forecast import own
from lineofsight.forecast.budget import year_cost
from lineofsight.web.finance.store import save_monitoring
from lineofsight.web.forecast.basis import run_forecast, save_basis
from lineofsight.wording import money

pytestmark = pytest.mark.django_db
STOKE = "E06000021"


def small_rates() -> own.Rates:
    """Aggregates as kept from a 903 to 31 March 2026: 250 children in fostering, 50 in
    residential care (aged 11-15), with arrivals and leavers."""
    fos, res = own.state_index(3, 0), own.state_index(3, 1)
    exposure = np.zeros(own.N_STATES)
    exposure[[fos, res]] = [250 * 365, 50 * 365]
    moves = np.zeros((own.N_STATES, own.N_STATES + 1))
    moves[fos, own.EXIT], moves[res, own.EXIT], moves[res, fos] = 60, 10, 5
    entries = np.zeros(own.N_STATES)
    entries[[fos, res]] = [55, 10]
    opening = np.zeros(own.N_STATES)
    opening[[fos, res]] = [250, 50]
    return own.Rates(
        pd.Timestamp(2025, 4, 1), pd.Timestamp(2026, 3, 31), exposure, moves, entries, 0.6, opening
    )


def _items(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    page = BeautifulSoup(client.get("/overview/").content, "html.parser")
    items = page.select("[data-role=attention] > li")
    assert 1 <= len(items) <= 7
    return {li["data-indicator"]: li for li in items}


def test_no_monitoring_no_finance_item(signed_in) -> None:  # type: ignore[no-untyped-def]
    items = _items(signed_in("director"))
    assert "budget_overspend" not in items and "forecast_above_budget" not in items


def test_an_overspend_and_a_forecast_above_budget_lead_the_list(signed_in) -> None:  # type: ignore[no-untyped-def]
    monitoring = (
        "period,service_line,budget,forecast_outturn\n"
        "2026-10,cla_residential,6000000,7600000\n"
        "2026-10,cla_fostering,4000000,4100000\n"
        "2026-10,safeguarding,20000000,20000000\n"
    )
    save_monitoring(STOKE, monitoring.encode(), "october.csv")
    basis = save_basis(STOKE, small_rates(), "903 returns to 31 March 2026", synthetic=False)
    items = _items(signed_in("director"))
    over = items["budget_overspend"]
    assert over.select_one(".govuk-tag").get_text(strip=True) == "High"  # 1.7m of 30m: 5.7%
    assert (
        "The budget monitoring at the end of October 2026 forecasts £31.7m against a budget of "
        "£30m for 2026-27: £1.7m (5.7%) over." in over.get_text(" ", strip=True)
    )
    assert over.select_one("a[href='/finance/']") is not None
    assert over.select_one("a[href^='/key-questions/']") is not None
    # the forecast of 300 children's placements against a children looked after budget of £10m
    f = run_forecast(
        basis.pk, json.dumps(basis.rates, sort_keys=True), STOKE, "Stoke-on-Trent", "{}"
    )
    year = year_cost(f, "2026-27")
    assert year is not None and year.low80 is not None and year.low80 > 10e6
    above = items["forecast_above_budget"]
    text = above.get_text(" ", strip=True)
    assert above.select_one(".govuk-tag").get_text(strip=True) == "High"
    assert (
        f"puts the cost of children in care in 2026-27 at {money(year.cost)} (80% interval "
        f"{money(year.low80)} to {money(year.high80)}), "
        f"{100 * (year.cost - 10e6) / 10e6:.0f}% above the children looked after budget of £10m"
        in text
    )
    assert "31 March 2027" in text and "Demo" not in text
    assert above.select_one("a[href='/forecast/']") is not None
    assert set(list(items)[:2]) == {"forecast_above_budget", "budget_overspend"}  # lead the highs


def test_demo_monitoring_is_labelled_in_the_list(signed_in) -> None:  # type: ignore[no-untyped-def]
    monitoring = (
        "period,service_line,budget,forecast_outturn\n2026-10,cla_residential,10000000,11000000\n"
    )
    save_monitoring(STOKE, monitoring.encode(), "demo.csv", is_demo=True)
    over = _items(signed_in("director"))["budget_overspend"]
    assert over.select_one(".govuk-tag").get_text(strip=True) == "High"  # 10%
    assert "Demo: synthetic figures, not the council's." in over.get_text(" ", strip=True)


def test_the_quartet_pack_from_the_service_lists_the_same_finance_items() -> None:
    import datetime as dt

    from lineofsight.packs.catalogue import build_pack
    from lineofsight.packs.render import render_html
    from lineofsight.web.governance.record import governance_record

    monitoring = (
        "period,service_line,budget,forecast_outturn\n2026-10,cla_residential,10000000,11000000\n"
    )
    save_monitoring(STOKE, monitoring.encode(), "october.csv")
    save_basis(STOKE, small_rates(), "903 returns to 31 March 2026", synthetic=False)
    as_at = dt.date(2026, 12, 1)
    record = governance_record(STOKE, as_at)
    assert [j.indicator_id for j in record.finance_judgements] == [
        "budget_overspend",
        "forecast_above_budget",
    ]
    html = render_html(build_pack("quartet", STOKE, record=record, as_at=as_at))
    section = BeautifulSoup(html, "html.parser").find(id="attention")
    items = [li.get_text(" ", strip=True) for li in section.find_all("li")]
    assert len(items) <= 7
    assert items[0].startswith("High: The budget monitoring at the end of October 2026")
    assert items[1].startswith("High: The forecast from the council's 903 puts the cost")
