"""The Money section of the quartet and scrutiny packs: published finance against neighbours, and
the council's budget monitoring (labelled as demo where synthetic), in the rendered HTML."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bs4 import BeautifulSoup
from packs_support import AS_AT, STOKE, built, with_record

from lineofsight.assurance.records import GovernanceRecord
from lineofsight.benchmark.engine import get_benchmark
from lineofsight.finance.demo import DEMO_LABEL, demo_monitoring
from lineofsight.finance.monitoring import parse_monitoring
from lineofsight.packs.render import render_html
from lineofsight.reference.las import resolve


def _money(html: str) -> Any:
    section = BeautifulSoup(html, "html.parser").find(id="money")
    assert section is not None, "no Money section"
    return section


def test_quartet_pack_has_published_money_and_says_no_monitoring_is_loaded() -> None:
    _, html = built("quartet", STOKE)
    text = _money(html).get_text(" ", strip=True)
    e = get_benchmark().entry(resolve("Stoke-on-Trent"), "cla_weekly_unit_cost")
    assert e is not None and e.value.number is not None
    assert f"Weekly cost per child looked after ({e.year} financial year)" in text
    assert f"£{e.value.number:,.0f}" in text
    assert "No budget monitoring has been loaded" in text


def test_monitoring_in_the_quartet_pack_with_its_variance_and_flags() -> None:
    m = parse_monitoring(
        b"period,service_line,budget,forecast_outturn\n"
        b"2025-09,cla_residential,20000000,21000000\n"
        b"2025-10,cla_residential,20000000,23000000\n"
    )
    record = GovernanceRecord(STOKE, AS_AT, monitoring=m)
    text = _money(render_html(with_record("quartet", STOKE, record))).get_text(" ", strip=True)
    assert (
        "Budget monitoring at the end of October 2025: the forecast outturn for 2025-26 is £23m "
        "against a budget of £20m, +£3m (+15.0%); +£2m on the month before." in text
    )
    assert "Children looked after: residential care £20m £23m +£3m +£2m" in text
    assert "High: At the end of October 2025" in text
    assert DEMO_LABEL not in text


def test_demo_monitoring_is_labelled_in_the_scrutiny_pack() -> None:
    m = demo_monitoring(STOKE, dt.date(2026, 4, 1))
    record = GovernanceRecord(STOKE, AS_AT, monitoring=m, monitoring_is_demo=True)
    pack = with_record("scrutiny", STOKE, record)
    assert any(s.id == "money" for s in pack.sections)
    assert DEMO_LABEL in _money(render_html(pack)).get_text(" ", strip=True)
    other = built("scrutiny", STOKE, "workforce")[0]
    assert not any(s.id == "money" for s in other.sections)


def test_a_forecast_overspend_joins_the_quartet_attention_list() -> None:
    m = parse_monitoring(
        b"period,service_line,budget,forecast_outturn\n2025-10,cla_residential,20000000,23000000\n"
    )
    record = GovernanceRecord(STOKE, AS_AT, monitoring=m)
    html = render_html(with_record("quartet", STOKE, record))
    section = BeautifulSoup(html, "html.parser").find(id="attention")
    assert section is not None
    items = [li.get_text(" ", strip=True) for li in section.find_all("li")]
    assert len(items) <= 7
    assert items[0].startswith(
        "High: The budget monitoring at the end of October 2025 forecasts £23m against a budget "
        "of £20m for 2025-26: £3m (15.0%) over."
    )
