"""Which returns each own figure rests on, and where the history loaded is too short for DfE.

Several years' returns change a figure (the latest return holds an episode's final end date; a
re-referral looks back 12 months; long-term stability needs 2½ years of care), so every figure
says which returns were loaded for its council and collection, and an indicator that looks back
says when the returns loaded do not reach back far enough to compute it as DfE does (issue 21).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import pandas as pd

from lineofsight.indicators.own.periods import march_year, september_year

# indicator id -> (months looked back before the period end, why in a few words)
LOOKBACK: dict[str, tuple[int, str]] = {
    "rereferrals_12m_pct": (
        24,
        "a re-referral looks back 12 months before each referral",
    ),
    "cla_long_term_stability_pct": (
        30,
        "2½ years of care are judged from episodes only earlier returns hold",
    ),
}
Years = Mapping[tuple[str, str], Iterable[int]]


def loaded_years(
    frames: Mapping[str, pd.DataFrame], anchors: Mapping[str, str]
) -> dict[tuple[str, str], list[int]]:
    """``(family, LA) -> collection years loaded`` from each family's anchor table's ``YEAR``."""
    out: dict[tuple[str, str], list[int]] = {}
    for family, table in anchors.items():
        df = frames.get(table)
        if df is None or df.empty or "YEAR" not in df or "LA" not in df:
            continue
        for la, years in df.groupby("LA", sort=False)["YEAR"]:
            out[(family, str(la))] = sorted({int(y) for y in years.dropna().unique() if y > 0})
    return out


def words(years: list[int], family: str) -> str:
    """'the 2024-25 return', 'the 2022-23 to 2024-25 returns', 'the 2022 census'."""
    if not years:
        return "one return (its year not known)"
    if family == "workforce":
        names = [f"{y}" for y in years]
        kind = "census" if len(years) == 1 else "censuses"
    else:
        names = [f"{y - 1}-{y % 100:02d}" for y in years]
        kind = "return" if len(years) == 1 else "returns"
    if len(years) == 1:
        return f"the {names[0]} {kind}"
    if years == list(range(years[0], years[-1] + 1)):
        return f"the {names[0]} to {names[-1]} {kind}"
    return f"the {', '.join(names[:-1])} and {names[-1]} {kind}"


def annotate(result: pd.DataFrame, years: Years, families: Mapping[str, str]) -> pd.DataFrame:
    """``result`` with ``returns`` (the returns loaded for the row's council and collection) and
    ``note`` (why the figure may differ from DfE's, or blank). ``families`` maps id to family."""
    out = result.copy()
    loaded = {k: sorted(set(v)) for k, v in years.items()}
    returns: list[str] = []
    notes: list[str] = []
    rows = zip(out.indicator_id, out.la, out.period_end, out.state, strict=True)
    for ind, la, end, state in rows:
        family = families.get(str(ind), "")
        have = loaded.get((family, str(la)), [])
        returns.append(f"from {words(have, family)}" if family else "")
        notes.append(_note(str(ind), have, end, family) if state == "value" else "")
    out["returns"] = pd.Series(returns, index=out.index, dtype="object")
    out["note"] = pd.Series(notes, index=out.index, dtype="object")
    return out


def _note(indicator: str, have: list[int], end: object, family: str) -> str:
    if indicator not in LOOKBACK or not isinstance(end, dt.date):
        return ""
    months, why = LOOKBACK[indicator]
    back = (pd.Timestamp(end) - pd.DateOffset(months=months) + pd.Timedelta(days=1)).date()
    label = september_year if family == "workforce" else march_year
    needed = list(range(label(back), label(end) + 1))
    if not have:  # a single file of unknown year: it can only be the period's own year
        have = [label(end)]
    missing = [y for y in needed if y not in have]
    if not missing:
        return ""
    return (
        f"Low reliability (DfE's u): the history loaded is too short, as this needs "
        f"{words(missing, family)} too ({why}); computed from the returns loaded."
    )
