"""A demo council's own data must look like its published profile.

Counts worked out here straight from the files (not through the indicator engine) are compared
with the published targets: children looked after at 31 March from the episodes, children in
need and on a plan at 31 March from the census XML, workforce FTE from the CSWW file. The engine
is then run over everything and its rates compared too.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
from lxml import etree
from tests_synth_helpers import FIRST, LAST

from lineofsight.reference.las import LA
from lineofsight.returns.load import read_paths
from lineofsight.synth.generate import Summary
from lineofsight.synth.targets import targets


def _uk(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def _cla_at_31_march(path: Path, year: int) -> int:
    end = dt.date(year, 3, 31)
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    open_ = set()
    for r in rows:
        start, stop = _uk(r["DECOM"]), _uk(r["DEC"])
        if start and start <= end and (stop is None or stop > end):
            open_.add(r["CHILD"])
    return len(open_)


def _open_in_xml(path: Path, year: int, start_tag: str, end_tag: str, parent: str) -> int:
    end = dt.date(year, 3, 31).isoformat()
    doc = etree.parse(str(path))
    kids = set()
    for child in doc.iter("Child"):
        cid = child.findtext("ChildIdentifiers/LAchildID")
        for el in child.iter(parent):
            s, e = el.findtext(start_tag), el.findtext(end_tag)
            if s and s <= end and (not e or e > end):
                kids.add(cid)
    return len(kids)


def test_children_looked_after_at_31_march_within_10_percent(
    clean: tuple[Path, Summary], small_la: LA
) -> None:
    root, _ = clean
    for year in range(FIRST, LAST + 1):
        got = _cla_at_31_march(root / "ssda903" / str(year) / "episodes.csv", year)
        want = targets(small_la.code, year)["cla_count"]
        assert abs(got - want) <= 0.1 * want, (year, got, want)


def test_children_in_need_and_on_plans_near_targets(
    clean: tuple[Path, Summary], small_la: LA
) -> None:
    root, _ = clean
    for year in range(FIRST, LAST + 1):
        xml = root / "cin" / f"cin_census_{year}.xml"
        t = targets(small_la.code, year)
        cin = _open_in_xml(xml, year, "CINreferralDate", "CINclosureDate", "CINdetails")
        cpp = _open_in_xml(xml, year, "CPPstartDate", "CPPendDate", "ChildProtectionPlans")
        assert abs(cin - t["cin_count"]) <= 0.1 * t["cin_count"], (year, cin, t["cin_count"])
        assert abs(cpp - t["cpp_count"]) <= 0.2 * t["cpp_count"] + 5, (year, cpp, t["cpp_count"])


def test_engine_indicators_near_published_values(clean: tuple[Path, Summary], small_la: LA) -> None:
    from lineofsight.indicators.engine import compute

    root, _ = clean
    tables: dict[str, pd.DataFrame] = {}
    for result in read_paths([root / "ssda903", root / "cin", root / "workforce"]):
        tables.update(result.tables)
    out = compute(tables, la=small_la.code)
    out["year"] = pd.to_datetime(out.period_end).dt.year
    # (indicator, allowed gap): relative for counts and rates, percentage points for shares.
    checks = {
        "cla_rate_per_10k": 0.1,
        "referrals_rate_per_10k": 0.05,
        "s47_rate_per_10k": 0.1,
        "assessments_45wd_pct": 5.0,
        "icpc_15wd_pct": 10.0,
        "rereferrals_12m_pct": 6.0,
        "sw_fte": 0.05,
        "sw_caseload_avg": 0.05,
        "sw_absence_rate_pct": 0.5,
        "sw_turnover_rate_pct": 2.0,
    }
    for year in range(FIRST + 1, LAST + 1):  # the first year cannot see earlier referrals
        t = targets(small_la.code, year)
        for ind, gap in checks.items():
            row = out[(out.indicator_id == ind) & (out.year == year)]
            assert len(row) == 1, (ind, year)
            got, want = float(row.value.iloc[0]), t[ind]
            allowed = gap * want if gap < 1 else gap
            assert abs(got - want) <= allowed, (ind, year, got, want)


def _pooled_gaps(root: Path, la: LA, folder: str, shares: list[str]) -> dict[str, float]:
    """Each share over all the years together against its targets weighted the same way, in
    percentage points: pooling years keeps chance small while a wrong mix still shows."""
    from lineofsight.indicators.engine import compute

    tables: dict[str, pd.DataFrame] = {}
    for result in read_paths([root / folder], validate=False):
        tables.update(result.tables)
    out = compute(tables, la=la.code, ids=shares)
    out["year"] = pd.to_datetime(out.period_end).dt.year
    gaps: dict[str, float] = {}
    for ind in shares:
        rows = out[(out.indicator_id == ind) & out.year.between(FIRST, LAST)]
        assert len(rows) == LAST - FIRST + 1, ind
        wanted = sum(
            targets(la.code, int(y))[ind] * d
            for y, d in zip(rows.year, rows.denominator, strict=True)
        )
        gaps[ind] = abs(100 * rows.numerator.sum() - wanted) / rows.denominator.sum()
    return gaps


def test_how_care_ends_follows_the_published_shares(
    clean: tuple[Path, Summary], small_la: LA
) -> None:
    """Adoption, special guardianship and return home as shares of the children who ceased, over
    the years together, within 3 points of the published shares (some 550 children)."""
    shares = ["cla_ceased_adopted_pct", "cla_ceased_sgo_pct", "cla_ceased_returned_home_pct"]
    for ind, gap in _pooled_gaps(clean[0], small_la, "ssda903", shares).items():
        assert gap <= 3.0, (ind, gap)


def test_referral_outcomes_follow_the_published_shares(
    clean: tuple[Path, Summary], small_la: LA
) -> None:
    """Referrals taken no further, and closed after assessment as not in need, over the years
    together, within 2 points of the published shares (some 7,000 referrals)."""
    shares = ["referrals_nfa_pct", "referrals_not_in_need_pct"]
    for ind, gap in _pooled_gaps(clean[0], small_la, "cin", shares).items():
        assert gap <= 2.0, (ind, gap)
