"""An independent check of the engine: the headline own-data indicators recomputed with plain
pandas, straight from the written definitions (docs/own-data-definitions.md), on the synthetic
child-level samples in ../shared/data/synthetic, must equal the engine's figures exactly.

The engine stays the one source of figures; this is a second reading of the definitions, child
by child in Python loops rather than window expressions, so a fault in either shows as a
difference (issue 21). Skipped, saying why, when ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from lineofsight.indicators.commands import read_tables
from lineofsight.indicators.engine import compute

LA = "E09000001"
SHORT_BREAKS = {"V3", "V4"}
CHANGE = {"S", "P", "B"}
SAME = {"L", "T", "U"}
WITH_CARERS = {"A3", "A5"}
ADOPTION = {"A3", "A4", "A5", "A6"}
FOSTER = {"U1", "U2", "U3", "U4", "U5", "U6"}


def _latest(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Each key's rows from its latest return only (the latest return holds the final dates)."""
    top = df.groupby(keys, dropna=False)["YEAR"].transform("max")
    return df[df["YEAR"] == top]


def _txt(x: Any) -> str:
    return "" if pd.isna(x) else str(x).strip()


def _birthday(dob: pd.Timestamp, years: int) -> pd.Timestamp:
    day = dob + pd.DateOffset(years=years)
    return day + pd.Timedelta(days=1) if (dob.month, dob.day) == (2, 29) and day.day != 29 else day


def _history(eps: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """Per child, the non-short-break episodes with care/placement starts, as the docs say."""
    out: dict[str, list[dict[str, Any]]] = {}
    by_child: dict[Any, list[dict[str, Any]]] = {}  # plain records: pandas per row is slow
    for rec in eps.sort_values("DECOM").to_dict("records"):
        by_child.setdefault(rec["CHILD"], []).append(rec)
    for child, grp in by_child.items():
        chain, prev_dec, rows = 0, None, []
        for i, r in enumerate(grp):
            if i == 0 or (prev_dec is not None and prev_dec < r["DECOM"]):
                chain += 1
            prev_dec = None if pd.isna(r["DEC"]) else r["DEC"]
            if _txt(r["LS"]) not in SHORT_BREAKS:
                rows.append({**r, "chain": chain})
        care = place = stab = prev_stab = None
        last_chain, last_adopt = None, False
        for i, e in enumerate(rows):
            rne, place_code = _txt(e["RNE"]), _txt(e["PLACE"])
            new_care = e["chain"] != last_chain
            moved = rne in CHANGE and place_code not in WITH_CARERS
            new_place = moved or (new_care and (i == 0 or rne not in SAME))
            adopt = place_code in ADOPTION
            if new_care:
                care = e["DECOM"]
            if new_place:
                place = e["DECOM"]
            if new_place or new_care or (adopt and not last_adopt):
                prev_stab, stab = stab, e["DECOM"]
            e["new_place"] = new_place
            e["care_start"] = care
            e["place_start"] = max(place, care)
            e["adopt_prev"] = prev_stab if prev_stab is not None and prev_stab >= care else None
            last_chain, last_adopt = e["chain"], adopt
        out[str(child)] = rows
    return out


def ssda903(
    tables: dict[str, pd.DataFrame], start: pd.Timestamp, end: pd.Timestamp
) -> dict[str, tuple[float, float | None]]:
    eps = tables["episodes"]
    eps = _latest(eps[eps.DECOM.notna()], ["CHILD", "DECOM"])
    hist = _history(eps)
    header = _latest(tables["header"], ["CHILD"]).drop_duplicates("CHILD", keep="last")
    dob = dict(zip(header.CHILD.astype(str), header.DOB, strict=True))
    at_end: dict[str, dict[str, Any]] = {}
    starts, ceased = set(), {}
    three, stable, cohort = 0, 0, 0
    for child, rows in hist.items():
        for e in rows:
            if _txt(e["RNE"]) == "S" and start <= e["DECOM"] <= end:
                starts.add(child)
            dec = e["DEC"]
            if not pd.isna(dec) and start <= dec <= end and _txt(e["REC"]) not in ("", "X1"):
                ceased[child] = max(ceased.get(child, dec), dec)
        open_ = [e for e in rows if e["DECOM"] <= end and (pd.isna(e["DEC"]) or e["DEC"] > end)]
        if not open_:
            continue
        last = max(open_, key=lambda e: e["DECOM"])  # the later-starting one counts
        at_end[child] = last
        during = [e for e in rows if e["DECOM"] <= end and (pd.isna(e["DEC"]) or e["DEC"] > start)]
        n = sum(1 for i, e in enumerate(during) if i == 0 or e["new_place"])
        three += n >= 3
        born = dob.get(child)
        if born is None or pd.isna(born) or _birthday(born, 16) <= end:
            continue
        if last["care_start"] > end - pd.DateOffset(months=30):
            continue
        cohort += 1
        eff = last["place_start"]
        if _txt(last["PLACE"]) in ADOPTION and last["adopt_prev"] is not None:
            eff = last["adopt_prev"]
        stable += eff <= end - pd.DateOffset(years=2)
    n_end = len(at_end)
    foster = sum(_txt(e["PLACE"]) in FOSTER for e in at_end.values())
    return {
        "cla_count": (n_end, None),
        "cla_starts_count": (len(starts), None),
        "cla_ceased_count": (len(ceased), None),
        "cla_foster_pct": (foster, n_end),
        "cla_3plus_placements_pct": (three, n_end),
        "cla_long_term_stability_pct": (stable, cohort),
    }


def cin(
    tables: dict[str, pd.DataFrame], start: pd.Timestamp, end: pd.Timestamp
) -> dict[str, tuple[float, float | None]]:
    d = tables["cin_details"]
    d = _latest(d[d.CINreferralDate.notna()], ["LAchildID", "CINreferralDate"])
    d = d.drop_duplicates(["LAchildID", "CINreferralDate"], keep="last")
    open_ = d[(d.CINreferralDate <= end) & (d.CINclosureDate.isna() | (d.CINclosureDate > end))]
    in_year = d[(d.CINreferralDate >= start) & (d.CINreferralDate <= end)]
    repeat = 0
    dates: dict[Any, list[pd.Timestamp]] = {}
    for child, day in zip(d.LAchildID.tolist(), d.CINreferralDate.tolist(), strict=True):
        dates.setdefault(child, []).append(day)
    for days in dates.values():
        days.sort()
    for child, day in zip(in_year.LAchildID, in_year.CINreferralDate, strict=True):
        earlier = [x for x in dates[child] if x < day]
        repeat += bool(earlier) and earlier[-1] >= day - pd.DateOffset(years=1)
    p = tables["cp_plans"]
    p = _latest(p[p.CPPstartDate.notna()], ["LAchildID", "CPPstartDate"])
    on_plan = p[(p.CPPstartDate <= end) & (p.CPPendDate.isna() | (p.CPPendDate > end))]
    return {
        "cin_count": (open_.LAchildID.nunique(), None),
        "referrals_count": (len(in_year), None),
        "rereferrals_12m_pct": (repeat, len(in_year)),
        "cpp_count": (on_plan.LAchildID.nunique(), None),
    }


FAMILY_IDS = {
    "ssda903": {
        "cla_count",
        "cla_starts_count",
        "cla_ceased_count",
        "cla_foster_pct",
        "cla_3plus_placements_pct",
        "cla_long_term_stability_pct",
    },
    "cin": {"cin_count", "referrals_count", "rereferrals_12m_pct", "cpp_count"},
}


def _typed(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    out = {}
    for name, df in tables.items():
        df = df.copy()
        df["YEAR"] = pd.to_numeric(df.get("YEAR", 0), errors="coerce").fillna(0).astype(int)
        for col in df.columns:
            if col not in ("YEAR", "_row") and pd.api.types.is_string_dtype(df[col]):
                df[col] = df[col].str.strip().replace("", pd.NA)
        out[name] = df
    return out


def _check(tables: dict[str, pd.DataFrame], recompute: Any, la: str = LA) -> int:
    engine = compute(tables, la=la, population={})
    mine_ids = FAMILY_IDS[recompute.__name__]
    engine = engine[engine.indicator_id.isin(mine_ids)]
    plain = _typed(tables)
    checked = 0
    for (start, end), grp in engine.groupby(["period_start", "period_end"]):
        mine = recompute(plain, pd.Timestamp(start), pd.Timestamp(end))
        rows = grp.set_index("indicator_id")
        for ind, (num, den) in mine.items():
            row = rows.loc[ind]
            got = (row.numerator, None if pd.isna(row.denominator) else row.denominator)
            assert got == (num, den), (ind, end, got, (num, den))
            checked += 1
    return checked


@pytest.fixture(scope="module")
def synthetic(shared_data: Path) -> Path:
    root = shared_data / "synthetic"
    if not root.exists():
        pytest.skip(f"no synthetic samples at {root}")
    return root


@pytest.mark.shared
def test_903_sample_csv_tables_agree(synthetic: Path) -> None:
    folder = synthetic / "ssda903_csc_validator_be_903"
    tables = read_tables(sorted(folder.glob("*.csv")))
    assert _check(tables, ssda903) == 6


@pytest.mark.shared
def test_903_five_years_loaded_together_agree(synthetic: Path) -> None:
    tables = read_tables([synthetic / "ssda903_cs_demand_model_combined"])
    assert _check(tables, ssda903) == 6 * 5


@pytest.mark.shared
def test_cin_censuses_of_three_years_agree(synthetic: Path) -> None:
    folder = synthetic / "cin_csc_validator_be_cin"
    names = ["fake_CIN_data.xml", "CIN_Census_2021.xml", "CIN_Census_2024.xml"]
    tables = read_tables([folder / n for n in names])
    assert _check(tables, cin) == 4 * 3


@pytest.fixture(scope="module")
def synth_councils(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Path]]:
    """`synth` output for three councils of different sizes, 2022 to 2024 (never real children)."""
    from lineofsight.reference.las import registry
    from lineofsight.synth.generate import generate

    out = tmp_path_factory.mktemp("synth3")
    councils = []
    for name in ("Rutland", "Hartlepool", "Isle of Wight"):
        la = registry().resolve(name)
        generate(la, out, 2022, 2024, 7, 0.0)
        councils.append((la.code, out / la.code))
    return councils


def test_synth_output_for_three_councils_agrees(synth_councils: list[tuple[str, Path]]) -> None:
    for code, root in synth_councils:
        s903 = _check(read_tables([root / "ssda903"]), ssda903, code)
        scin = _check(read_tables([root / "cin"]), cin, code)
        assert s903 == 6 * 3 and scin == 4 * 3, code
