"""The own-data forecast in words and tables for the terminal (fits 100 columns)."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from lineofsight.forecast import own
from lineofsight.forecast.scenario import Scenario
from lineofsight.reference.placements import TYPE_NAMES, TYPES
from lineofsight.wording import date_text, fmt_number, money

NOTE = (
    "Synthetic or sample returns give synthetic forecasts. The model carries the rates of the "
    "window forward: it cannot see a change in policy, practice or demand. Costs are base "
    "stock-days times weekly unit costs; an 'assumed' cost is not published and should be set in "
    "a scenario file (docs/forecast.md)."
)


def thousands(pounds: float) -> str:
    return fmt_number(pounds / 1000, 0)


def _rows(f: own.Forecast) -> list[int]:
    """Month indices shown: every third month and the last."""
    n = len(f.base.months)
    shown = list(range(2, n, 3))
    return shown if shown and shown[-1] == n - 1 else [*shown, n - 1]


def forecast_text(f: own.Forecast) -> str:
    r = f.rates
    intro = (
        f"From the returns to {date_text(r.window_end.date().isoformat())}; rates from "
        f"{date_text(r.window_start.date().isoformat())} ({r.days} days): "
        f"{fmt_number(r.entries.sum(), 0)} children started care, "
        f"{fmt_number(r.moves[:, own.EXIT].sum(), 0)} left. "
        f"Children in care at the start: {fmt_number(r.opening.sum(), 0)}. "
        f"In-house share of fostering days: {r.in_house_share:.0%}."
    )
    lines = [
        f"Children looked after forecast for {f.la_name}: scenario '{f.scenario.name}'",
        *textwrap.wrap(intro, 100),
        "",
        f"{'Month end':<12}{'Children':>9}{'80% interval':>15}{'95% interval':>15}"
        f"{'Entries':>9}{'Exits':>7}{'Cost £k':>10}{'Cost 80% £k':>18}",
    ]
    children = f.base.closing.sum(axis=1)
    qc, qm = f.quantiles["children"], f.quantiles["cost"]
    for m in _rows(f):
        lo80, hi80 = qc[80][0][m], qc[80][1][m]
        lo95, hi95 = qc[95][0][m], qc[95][1][m]
        month = f.base.months[m]
        entries = f.base.entries[m].sum()
        cost80 = f"{thousands(qm[80][0][m])}-{thousands(qm[80][1][m])}"
        lines.append(
            f"{month:%b %Y}".ljust(12)
            + f"{fmt_number(children[m], 0):>9}"
            + f"{fmt_number(lo80, 0) + '-' + fmt_number(hi80, 0):>15}"
            + f"{fmt_number(lo95, 0) + '-' + fmt_number(hi95, 0):>15}"
            + f"{fmt_number(entries, 0):>9}{fmt_number(f.base.exits[m], 0):>7}"
            + f"{thousands(f.base.cost[m]):>10}{cost80:>18}"
        )
    by_type = f.by_type()
    last = len(f.base.months) - 1
    lines += ["", "By placement type (children at the month end, base)"]
    lines.append(f"{'Type':<50}{'Start':>9}{'In 12 months':>14}{'At the end':>12}")
    start = {t: f.rates.opening[[own.state_index(b, i) for b in range(len(own.AGE_BANDS))]].sum()
             for i, t in enumerate(TYPES)}  # fmt: skip
    for t in TYPES:
        at12 = by_type[t].iloc[min(11, last)]
        lines.append(
            f"{TYPE_NAMES[t][:49]:<50}{fmt_number(start[t], 0):>9}{fmt_number(at12, 0):>14}"
            f"{fmt_number(by_type[t].iloc[last], 0):>12}"
        )
    lines += ["", "Weekly unit costs (at the start; inflation "
              f"{f.scenario.inflation:.1%} a year)"]  # fmt: skip
    for key, value in f.unit_costs.items():
        lines.append(f"  {key.replace('_', ' '):<20}{money(value):>10}  {f.cost_sources[key]}")
    lines += ["", *f.notes, *textwrap.wrap(NOTE, 100)]
    return "\n".join(line for line in lines if line is not None)


def compare_text(base: own.Forecast, others: list[own.Forecast]) -> str:
    """Each scenario against the base: children and cost at 12 months and the end, total cost."""
    lines = ["", "Scenarios against the base"]
    lines.append(
        f"{'Scenario':<28}{'Children 12m':>13}{'Change':>8}{'Children end':>13}{'Change':>8}"
        f"{'Total cost':>15}{'Change':>15}"
    )
    last = len(base.base.months) - 1
    k = min(11, last)

    def row(name: str, f: own.Forecast) -> str:
        c = f.base.closing.sum(axis=1)
        b = base.base.closing.sum(axis=1)
        total, btotal = f.base.cost.sum(), base.base.cost.sum()
        return (
            f"{name[:27]:<28}{fmt_number(c[k], 0):>13}{c[k] - b[k]:>+8,.0f}"
            f"{fmt_number(c[last], 0):>13}{c[last] - b[last]:>+8,.0f}"
            f"{money(total):>15}{('+' if total >= btotal else '-') + money(abs(total - btotal)):>15}"
        )

    lines.append(row(base.scenario.name, base))
    lines += [row(f.scenario.name, f) for f in others]
    return "\n".join(lines)


def run_text(folder: Path, la: str, scenarios: list[Path], months: int | None = None) -> str:
    """What ``lineofsight forecast --returns DIR --la X [--scenario FILE ...]`` prints."""
    from lineofsight.forecast import scenario as sc
    from lineofsight.reference.las import resolve

    council = resolve(la)
    tables = own.read_returns(folder)
    loaded = [sc.load(p) for p in scenarios]
    if months:  # --months applies to every scenario, as to the base
        loaded = [replace(s, months=months) for s in loaded]
    base_sc = Scenario(months=months) if months else Scenario()
    if loaded:
        # the base shares the scenarios' window and horizon so the comparison is like for like
        base_sc = Scenario(months=loaded[0].months, window_months=loaded[0].window_months,
                           inflation=loaded[0].inflation, unit_costs=loaded[0].unit_costs)  # fmt: skip
    base = own.forecast(tables, council.code, council.name, base_sc)
    if not loaded:
        return forecast_text(base)
    others = [own.forecast(tables, council.code, council.name, s) for s in loaded]
    return "\n".join([forecast_text(others[0]) if len(others) == 1 else forecast_text(base),
                      compare_text(base, others)])  # fmt: skip


def monthly_frame(f: own.Forecast) -> pd.DataFrame:
    """Every month of the base with its intervals (for CSV export and the web table)."""
    qc, qm = f.quantiles["children"], f.quantiles["cost"]
    return pd.DataFrame(
        {
            "month_end": f.base.months,
            "children": np.round(f.base.closing.sum(axis=1), 1),
            "children_low_80": qc[80][0],
            "children_high_80": qc[80][1],
            "children_low_95": qc[95][0],
            "children_high_95": qc[95][1],
            "entries": np.round(f.base.entries.sum(axis=1), 1),
            "exits": np.round(f.base.exits, 1),
            "cost": np.round(f.base.cost),
            "cost_low_80": np.round(qm[80][0]),
            "cost_high_80": np.round(qm[80][1]),
        }
    )


def backtest_text(folder: Path, la: str) -> str:
    """The own-data backtest: a forecast from a year before the last return against that return."""
    from lineofsight.reference.las import resolve

    council = resolve(la)
    b = own.backtest(own.read_returns(folder), council.code, council.name)
    head = (
        f"Backtest for {council.name}: forecast from the returns to "
        f"{date_text(b.as_at.date().isoformat())}, compared with the children in care at "
        f"{date_text(b.outcome_at.date().isoformat())}."
    )
    lines = [
        *textwrap.wrap(head, 100),
        "",
        f"{'':<50}{'Forecast':>10}{'Actual':>10}{'Error':>10}",
    ]
    for key in ("children", *TYPES):
        name = "All children looked after" if key == "children" else TYPE_NAMES[key][:49]
        err = b.error_pct(key)
        lines.append(
            f"{name:<50}{fmt_number(b.forecast[key], 0):>10}{fmt_number(b.actual[key], 0):>10}"
            + (f"{err:>+9.1f}%" if np.isfinite(err) else f"{'-':>10}")
        )
    for lv in own.LEVELS:
        lo, hi = b.interval[lv]
        inside = "inside" if b.covered(lv) else "outside"
        lines.append(
            f"{lv}% interval {fmt_number(lo, 0)} to {fmt_number(hi, 0)}: the actual count is {inside}."
        )
    return "\n".join(lines)
