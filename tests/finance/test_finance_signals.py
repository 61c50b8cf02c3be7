"""Finance signals: overspend, a rising forecast, spend per child far from neighbours, unit cost
growth and a DSG deficit, as ordinary Signal records that name catalogue indicators."""

from __future__ import annotations

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.finance.monitoring import parse_monitoring
from lineofsight.finance.signals import monitoring_signals
from lineofsight.indicators.catalogue import load_catalogue
from lineofsight.reference.las import resolve
from lineofsight.signals.engine import signals_for
from lineofsight.signals.model import Severity
from lineofsight.signals.published_finance import published_finance_signals


def _file(rows: list[tuple[str, str, float, float]]) -> bytes:
    head = "period,service_line,budget,forecast_outturn,actual_to_date\n"
    return (head + "".join(f"{p},{line},{b},{f},\n" for p, line, b, f in rows)).encode()


def test_overspend_and_a_forecast_rising_four_months_running() -> None:
    months = ["2025-07", "2025-08", "2025-09", "2025-10"]
    rows = [(p, "cla_residential", 50e6, 50e6 + i * 2e6) for i, p in enumerate(months)]
    rows += [(p, "safeguarding", 70e6, 70e6) for p in months]
    found = monitoring_signals(parse_monitoring(_file(rows)), resolve("Kent"), get_benchmark())
    kinds = {(s.kind, s.indicator_id): s for s in found}
    total = kinds[("forecast_overspend", "cs_spend_gross")]
    assert total.severity is Severity.HIGH  # 6m over 120m = 5.0%
    assert "£6m (5.0%) over" in total.sentence
    line = kinds[("forecast_overspend", "cla_spend_gross")]
    assert "Children looked after: residential care" in line.sentence
    assert ("forecast_rising", "cla_spend_gross") in kinds
    assert "from £50m to £56m" in kinds[("forecast_rising", "cla_spend_gross")].sentence
    ids = {i.id for i in load_catalogue()}
    assert all(s.indicator_id in ids for s in found)


def test_a_forecast_on_budget_and_flat_raises_nothing() -> None:
    rows = [(p, "safeguarding", 70e6, 70e6) for p in ("2025-09", "2025-10")]
    found = monitoring_signals(parse_monitoring(_file(rows)), resolve("Kent"), get_benchmark())
    assert [s for s in found if s.kind != "spend_per_child_divergence"] == []


def test_spend_per_child_far_above_the_neighbours() -> None:
    # Kent has about 350,000 children: £700m on safeguarding is some £2,000 a child
    rows = [("2025-10", "safeguarding", 700e6, 700e6)]
    found = monitoring_signals(parse_monitoring(_file(rows)), resolve("Kent"), get_benchmark())
    far = [s for s in found if s.kind == "spend_per_child_divergence"]
    assert far and far[0].indicator_id == "safeguarding_spend_gross"
    assert "times the neighbours' median" in far[0].sentence


def test_published_unit_cost_growth_and_dsg_deficit_reach_the_signals_engine() -> None:
    kent = resolve("Kent")
    own = published_finance_signals(get_benchmark(), kent)
    kinds = {s.kind for s in own}
    assert kinds == {"placement_cost_growth", "dsg_deficit"}
    dsg = next(s for s in own if s.kind == "dsg_deficit")
    assert dsg.severity is Severity.HIGH and "6.83%" in dsg.sentence and "£97.6m" in dsg.sentence
    assert {s.kind for s in signals_for(kent)} >= kinds


def test_a_forecast_creeping_up_by_pennies_is_not_flagged_as_rising() -> None:
    months = ["2025-07", "2025-08", "2025-09", "2025-10"]
    rows = [(p, "leaving_care", 5e6, 5e6 + i * 10_000) for i, p in enumerate(months)]
    found = monitoring_signals(parse_monitoring(_file(rows)), resolve("Kent"), get_benchmark())
    assert not [s for s in found if s.kind == "forecast_rising"]
