"""Synthetic budget monitoring for the demo council: plausible, deterministic, and labelled as demo.

The budgets start from the council's own latest published section 251 spend (uplifted 5%), split
across the children looked after lines by its RO3 shares; the forecast for residential care drifts
up month by month, as it does in many councils, so the demo shows a growing overspend.
"""

from __future__ import annotations

import datetime as dt

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.finance.monitoring import LINES, Monitoring, MonitoringRow, financial_year_of

DEMO_LABEL = "Synthetic budget monitoring made for the demo, not the council's real figures"
UPLIFT = 1.05
DRIFT = {"cla_residential": 0.14, "cla_fostering": 0.03, "leaving_care": 0.02}  # by year end


def _latest(la_code: str, indicator: str) -> float | None:
    b = get_benchmark()
    for year in reversed(b.years(indicator)):
        v = b.panel(indicator).cell(la_code, year)
        if v.ok and v.number:
            return v.number
    return None


def demo_budgets(la_code: str) -> dict[str, float]:
    """A full-year budget per service line, from the council's published spend."""
    cla = _latest(la_code, "cla_spend_gross") or 50e6
    res = _latest(la_code, "ro3_residential_spend_gross")
    fos = _latest(la_code, "ro3_fostering_spend_gross")
    whole = _latest(la_code, "ro3_cla_spend_gross")
    res_share, fos_share = (res / whole, fos / whole) if res and fos and whole else (0.4, 0.35)
    spend = {
        "cla_residential": cla * res_share,
        "cla_fostering": cla * fos_share,
        "cla_other": cla * max(0.05, 1 - res_share - fos_share),
        "leaving_care": _latest(la_code, "leaving_care_spend_gross") or 0.05 * cla,
        "safeguarding": _latest(la_code, "safeguarding_spend_gross") or 0.5 * cla,
        "family_support": _latest(la_code, "family_support_spend_gross") or 0.2 * cla,
        "youth_justice": _latest(la_code, "youth_justice_spend_gross") or 0.03 * cla,
    }
    total = _latest(la_code, "cs_spend_gross") or 2 * cla
    rest = max(0.0, total - sum(spend.values()))
    spend |= {
        "early_years": 0.4 * rest,
        "young_people": 0.2 * rest,
        "other_children_family": 0.4 * rest,
    }
    return {k: round(v * UPLIFT, -3) for k, v in spend.items() if k in LINES and v >= 1000}


def demo_periods(today: dt.date) -> list[str]:
    """April of the current financial year to the end of last month (the whole of the last year
    when last month was March)."""
    last = today.replace(day=1) - dt.timedelta(days=1)
    start = int(financial_year_of(f"{last.year:04d}-{last.month:02d}")[:4])
    out = []
    year, month = start, 4
    while (year, month) <= (last.year, last.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def demo_monitoring(la_code: str, today: dt.date) -> Monitoring:
    budgets = demo_budgets(la_code)
    periods = demo_periods(today)
    rows = []
    for k, period in enumerate(periods, start=1):
        for code, budget in budgets.items():
            forecast = round(budget * (1 + DRIFT.get(code, 0.0) * k / 12), -3)
            rows.append(MonitoringRow(period, code, budget, forecast, round(forecast * k / 12, -3)))
    return Monitoring(financial_year_of(periods[0]), tuple(rows))
