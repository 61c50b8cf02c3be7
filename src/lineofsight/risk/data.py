"""The risk model's data: one row per ILACS inspection, with features published before it.

Each feature is the latest year of an indicator whose *first publication* came before the
inspection date, by the indicator's year convention (conservative release months):

- CLA and CIN year ``Y`` (year to / at 31 March Y): published in October–November Y, used from
  1 December Y. An inspection in June 2023 uses 2022.
- Workforce census at 30 September ``Y``: published in late February Y+1, used from 1 March Y+1.
  An inspection in June 2023 uses September 2022 (published 23 February 2023).
- Finance, financial year ``Y-1``–``Y`` (e.g. 2021-22): outturn used from 1 March Y+1, so an
  inspection in June 2023 uses 2021-22.
- Population (mid-year ``Y``, for spend per child): used from 1 July Y+1.

The bundled figures are the latest revision of each year, not the vintage first published;
DfE revisions are small, but this is a limit of the backtest (docs/early-warning.md).

The previous judgement is the last ILACS overall (or leadership) judgement published before the
inspection. Where the council had no earlier ILACS in the data, its previous (SIF) judgement is
inferred from the inspection type, which Ofsted sets from it: a short inspection is only for a
council judged good or outstanding.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import pandas as pd

from lineofsight.benchmark.engine import Benchmark, get_benchmark
from lineofsight.indicators.meta import lookup_indicator
from lineofsight.published.store import load_store

POOR = {"Requires improvement to be good", "Inadequate"}
TARGETS = {"overall": "overall", "leadership": "leadership"}


@dataclass(frozen=True)
class Feature:
    name: str
    label: str  # plain English for factor lists
    indicator_id: str
    kind: str = "level"  # level | change | per_child


WORKFORCE = [
    Feature("agency", "Agency social worker rate", "sw_agency_rate_pct"),
    Feature("vacancy", "Social worker vacancy rate", "sw_vacancy_rate_pct"),
    Feature("turnover", "Social worker turnover rate", "sw_turnover_rate_pct"),
    Feature("caseload", "Average social worker caseload", "sw_caseload_avg"),
    Feature("absence", "Social worker sickness absence rate", "sw_absence_rate_pct"),
]
DEMAND = [
    Feature("referrals", "Referrals per 10,000 children", "referrals_rate_per_10k"),
    Feature("rereferrals", "Re-referrals within 12 months", "rereferrals_12m_pct"),
    Feature("cin", "Children in need per 10,000", "cin_rate_per_10k"),
    Feature("cpp", "Child protection plans per 10,000", "cpp_rate_per_10k"),
    Feature("cla", "Children looked after per 10,000", "cla_rate_per_10k"),
    Feature(
        "referrals_change", "One-year change in referral rate", "referrals_rate_per_10k", "change"
    ),
    Feature("cin_change", "One-year change in children in need rate", "cin_rate_per_10k", "change"),
    Feature("cpp_change", "One-year change in child protection rate", "cpp_rate_per_10k", "change"),
    Feature(
        "cla_change", "One-year change in children looked after rate", "cla_rate_per_10k", "change"
    ),
]
TIMELINESS = [
    Feature("assess45", "Assessments within 45 working days", "assessments_45wd_pct"),
    Feature("icpc15", "Child protection conferences within 15 working days", "icpc_15wd_pct"),
]
FINANCE = [
    Feature(
        "spend_per_child", "Children's services spend per child", "cs_spend_gross", "per_child"
    ),
    Feature("cla_unit_cost", "Weekly cost per child looked after", "cla_weekly_unit_cost"),
]
INDICATOR_FEATURES = WORKFORCE + DEMAND + TIMELINESS + FINANCE
PREVIOUS = ["prev_poor", "prev_inadequate", "prev_outstanding"]
PREVIOUS_LABELS = {
    "prev_poor": "Previous judgement requires improvement or inadequate",
    "prev_inadequate": "Previous judgement inadequate",
    "prev_outstanding": "Previous judgement outstanding",
}


def available_from(year_label: str, convention: str) -> date:
    """The first day a figure for ``year_label`` may be used, by its year convention."""
    if convention in {"at 31 March", "year to 31 March"}:
        return date(int(year_label), 12, 1)
    if convention in {"at 30 September", "year to 30 September"}:
        return date(int(year_label) + 1, 3, 1)
    if convention == "financial year":
        return date(int(year_label[:4]) + 2, 3, 1)
    if convention == "population":
        return date(int(year_label) + 1, 7, 1)
    raise ValueError(f"no publication rule for year convention '{convention}'")


def latest_year(years: list[str], convention: str, before: date) -> str | None:
    usable = [y for y in years if available_from(y, convention) < before]
    return usable[-1] if usable else None


def _previous_year(years: list[str], year: str) -> str | None:
    i = years.index(year)
    return years[i - 1] if i > 0 else None


def indicator_features(
    b: Benchmark, la_code: str, before: date
) -> tuple[dict[str, float | None], dict[str, str], dict[str, date]]:
    """Feature values, the year each used and when that year became available."""
    values: dict[str, float | None] = {}
    years_used: dict[str, str] = {}
    dates: dict[str, date] = {}
    for f in INDICATOR_FEATURES:
        meta = lookup_indicator(f.indicator_id)
        years = b.years(f.indicator_id)
        y = latest_year(years, meta.year_label, before)
        values[f.name] = None
        if y is None:
            continue
        p = b.panel(f.indicator_id)
        v = p.cell(la_code, y)
        years_used[f.name] = y
        dates[f.name] = available_from(y, meta.year_label)
        if not v.ok or v.number is None:
            continue
        if f.kind == "level":
            values[f.name] = v.number
        elif f.kind == "change":
            prev = _previous_year(years, y)
            pv = p.cell(la_code, prev) if prev else None
            if pv is not None and pv.ok and pv.number is not None:
                values[f.name] = v.number - pv.number
        elif f.kind == "per_child":
            pop_year = y[:4]  # mid-year population at the start of the financial year
            pop = b.panel("population_0_17").cell(la_code, pop_year)
            pop_date = available_from(pop_year, "population")
            if pop.ok and pop.number and pop_date < before:
                values[f.name] = v.number / pop.number
                dates[f.name] = max(dates[f.name], pop_date)
    return values, years_used, dates


def previous_features(
    history: pd.DataFrame, la_code: str, before: date, column: str, short: bool
) -> dict[str, float]:
    """Previous judgement flags from the last ILACS published before ``before``."""
    h = history[(history.la_code == la_code) & (history.publication_date < before.isoformat())]
    if h.empty:
        return {"prev_poor": 0.0 if short else 1.0, "prev_inadequate": 0.0, "prev_outstanding": 0.0}
    last = str(h.sort_values("publication_date").iloc[-1][column])
    return {
        "prev_poor": float(last in POOR),
        "prev_inadequate": float(last == "Inadequate"),
        "prev_outstanding": float(last == "Outstanding"),
    }


@cache
def inspections_dataset() -> pd.DataFrame:
    """One row per ILACS inspection: outcomes, features, and the date each feature was available."""
    b = get_benchmark()
    history = load_store().ofsted_ilacs.copy()
    rows = []
    for r in history.sort_values(["inspection_date", "la_code"]).itertuples(index=False):
        when = date.fromisoformat(str(r.inspection_date))
        short = "Short" in str(r.inspection_type)
        values, years_used, dates = indicator_features(b, str(r.la_code), when)
        row: dict[str, object] = {
            "la_code": str(r.la_code),
            "inspection_date": when,
            "publication_date": date.fromisoformat(str(r.publication_date)),
            "short_inspection": float(short),
            "y_overall": int(str(r.overall) in POOR),
            "y_leadership": int(str(r.leadership) in POOR),
        }
        row.update(values)
        for target in TARGETS.values():
            prev = previous_features(history, str(r.la_code), when, target, short)
            row.update({f"{target}_{k}": v for k, v in prev.items()})
        row.update({f"year_{k}": v for k, v in years_used.items()})
        row.update({f"asof_{k}": v for k, v in dates.items()})
        rows.append(row)
    return pd.DataFrame(rows)


def current_features(la_code: str, today: date) -> dict[str, object]:
    """The same features for a council's next inspection, as of ``today``."""
    b = get_benchmark()
    history = load_store().ofsted_ilacs
    h = history[(history.la_code == la_code) & (history.publication_date < today.isoformat())]
    last = h.sort_values("publication_date").iloc[-1] if not h.empty else None
    short = last is not None and str(last["overall"]) in {"Good", "Outstanding"}
    values, years_used, _dates = indicator_features(b, la_code, today)
    row: dict[str, object] = {"la_code": la_code, "short_inspection": float(short)}
    row.update(values)
    for target in TARGETS.values():
        prev = previous_features(history, la_code, today, target, short)
        row.update({f"{target}_{k}": v for k, v in prev.items()})
    row.update({f"year_{k}": v for k, v in years_used.items()})
    row["last_inspection"] = None if last is None else str(last["inspection_date"])
    row["last_overall"] = None if last is None else str(last["overall"])
    row["last_leadership"] = None if last is None else str(last["leadership"])
    return row
