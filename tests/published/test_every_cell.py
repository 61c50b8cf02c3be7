"""Every bundled cell against the raw files it came from, state for state.

Why: the build keeps one figure per indicator, area and year from several releases (LAIT and the
DfE publications overlap). A bare "not available" (LAIT's ``-``, DfE's ``x``, a blank) must never
hide a number or a more specific code (``c`` suppressed, ``z`` not applicable, ``u`` low
reliability) that another release gives. This test re-reads the raw LAIT and DfE files on its own,
vectorised, works out what each cell should be, and compares all of them with the bundle.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from lineofsight.indicators.catalogue import load_catalogue
from lineofsight.published.store import DATA

ROOT = Path(__file__).resolve().parents[2]
GEO = ROOT / "src/lineofsight/reference/geography.yaml"
UNINFORMATIVE = {"x", "missing"}
CODES = {
    "c": "c",
    "x": "x",
    ":": "x",
    "..": "x",
    "-": "x",
    "": "missing",
    "z": "z",
    "low": "low",
    "k": "k",
    "u": "u",
    "na": "x",
    "n/a": "x",
    "nan": "missing",
    "none": "missing",
}


def parse(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Raw published cells -> (number, state), the DfE/GSS codes kept (vectorised)."""
    text = raw.astype("string").fillna("").str.strip().str.strip("[]").str.lower()
    state = text.map(CODES)
    number = pd.to_numeric(
        text.str.replace(",", "", regex=False).str.rstrip("%"), errors="coerce"
    ).astype(float)
    number[~np.isfinite(number)] = np.nan
    state = state.where(state.notna(), np.where(number.notna(), "value", "x"))
    number = number.where(state == "value")
    return number, state.astype(str)


def label(years: pd.Series) -> pd.Series:
    """DfE period labels to ours ('202425' -> '2024-25'), worked out once per distinct label."""
    codes, uniques = pd.factorize(years.astype(str))
    return pd.Series(_label(pd.Series(uniques)).to_numpy()[codes], index=years.index)


def _label(years: pd.Series) -> pd.Series:
    text = years.astype(str).str.strip()
    text = text.str.replace(r"\s*\((?i:rev|final|prov|ot)\)\s*$", "", regex=True)
    six = text.str.fullmatch(r"\d{6}")
    text = text.where(~six, text.str[:4] + "-" + text.str[4:])
    slash = text.str.fullmatch(r"\d{4}/\d{2}")
    return text.where(~slash, text.str[:4] + "-" + text.str[5:])


@pytest.fixture(scope="module")
def bundle() -> pd.DataFrame:
    values = pd.read_parquet(DATA / "values.parquet")
    sources = pd.read_parquet(DATA / "sources.parquet")
    values = values.astype({c: str for c in ("indicator_id", "area_code", "year", "state")})
    return values.merge(sources[["source_id", "file", "publication"]], on="source_id")


@pytest.fixture(scope="module")
def expected(shared_data: Path) -> pd.DataFrame:
    """Every raw candidate for every cell, one row per (indicator, area, year, release)."""
    geo = yaml.safe_load(GEO.read_text())
    las = pd.read_parquet(DATA / "las.parquet")
    sources = pd.read_parquet(DATA / "sources.parquet")
    by_old = dict(zip(las.old_code.astype(str), las.code, strict=True))
    lait_area = {str(geo["england"]["lait_number"]): geo["england"]["code"]}
    for r in geo["regions"] + geo["sub_regions"]:
        lait_area[str(r["lait_number"])] = r["code"]
    regions = {r["code"] for r in geo["regions"] + geo["sub_regions"]}
    frames = []

    lait = pd.read_parquet(
        shared_data / "lait/bds_long_0.parquet",
        columns=["Short Desc", "Years", "LA Number", "Values"],
    )
    numbers = lait["LA Number"].dropna().unique()
    area_of = {n: lait_area.get(str(int(n))) or by_old.get(str(int(n)), "") for n in numbers}
    lait = pd.DataFrame(
        {
            "code": lait["Short Desc"].astype(str).to_numpy(),
            "area_code": lait["LA Number"].map(area_of).fillna("").to_numpy(),
            "year": label(lait["Years"]).to_numpy(),
            "raw": lait.Values.to_numpy(),
        }
    )
    lait = lait[lait.area_code != ""]
    lait_pub = sources[sources.file == "lait/bds_long_0.parquet"]
    release_of_measure = {
        str(p).rsplit("measure ", 1)[-1]: r
        for p, r in zip(lait_pub.publication, lait_pub.release, strict=True)
    }
    lait = lait.assign(file="lait/bds_long_0.parquet", release=lait.code.map(release_of_measure))
    # every LAIT measure as lait:<code>, and the catalogue indicators read from LAIT
    frames.append(lait.assign(indicator_id="lait:" + lait.code))
    ees: list[tuple[str, object]] = [
        (
            "population_0_17",
            {
                "file": "reference/ons_mid-year_population_estimates_2012_to_2024.csv",
                "column": "population_estimate",
                "filter": {},
            },
        )
    ]
    from_lait = []
    for ind in load_catalogue():
        for src in ind.sources:
            if src.lait:
                from_lait.append((ind.id, src.lait))
            elif src.ees:
                ees.append((ind.id, src.ees))
    pairs = pd.DataFrame(from_lait, columns=["indicator_id", "code"])
    frames.append(lait.merge(pairs, on="code"))

    release_of_file = dict(zip(sources.file, sources.release, strict=False))
    tables: dict[str, pd.DataFrame] = {}
    for indicator, spec in ees:
        file = spec["file"]  # type: ignore[index]
        if file not in tables:
            df = pd.read_csv(
                shared_data / file, dtype=str, keep_default_na=False, encoding="utf-8-sig"
            )
            tables[file] = df[
                df.geographic_level.isin(["National", "Regional", "Local authority"])
            ].reset_index(drop=True)
        df = tables[file]
        for key, want in (spec["filter"] or {}).items():  # type: ignore[index]
            df = df[df[key] == str(want)]
        level = df.geographic_level
        area = pd.Series("", index=df.index, dtype=object)
        area[level == "National"] = geo["england"]["code"]
        if "region_code" in df:
            reg = df.region_code.where(df.region_code.isin(regions), "")
            area[level == "Regional"] = reg[level == "Regional"]
        rows = pd.DataFrame(
            {
                "area_code": area,
                "year": label(df.time_period),
                "raw": df[spec["column"]],  # type: ignore[index]
            }
        )
        if "old_la_code" in df:  # a joint return ('314 / 318') is both councils' figure
            la = level == "Local authority"
            parts = df.old_la_code[la].str.split("/").explode().str.strip().str.split(".").str[0]
            joint = rows[la].loc[parts.index].assign(area_code=parts.map(by_old).to_numpy())
            rows = pd.concat([rows[~la], joint])
        rows = rows[rows.area_code.notna() & (rows.area_code != "")]
        frames.append(rows.assign(indicator_id=indicator, file=file, release=release_of_file[file]))
    out = pd.concat(frames, ignore_index=True).drop(columns="code")
    # parse each distinct raw cell once (there are far fewer than cells)
    codes, uniques = pd.factorize(out.pop("raw").astype("string").fillna(""))
    number, state = parse(pd.Series(uniques))
    out["value"] = number.to_numpy()[codes]
    out["state"] = state.to_numpy()[codes]
    return out


def test_every_bundled_cell_is_the_published_one(
    bundle: pd.DataFrame, expected: pd.DataFrame
) -> None:
    """Per cell: the latest release that gives a number or a specific code, else the latest."""
    cand = expected.assign(informative=~expected.state.isin(UNINFORMATIVE))
    cand = cand.sort_values(["indicator_id", "area_code", "year", "informative", "release"])
    want = cand.drop_duplicates(["indicator_id", "area_code", "year"], keep="last")
    from_raw = bundle.file.str.startswith(("lait/", "cin_cp/", "cla/", "workforce/", "sen2/"))
    from_raw |= bundle.file.str.startswith("reference/")
    mine = bundle[from_raw]
    both = mine.merge(
        want,
        on=["indicator_id", "area_code", "year"],
        how="outer",
        suffixes=("", "_raw"),
        indicator=True,
    )
    # every raw cell is bundled (cells the build remakes, e.g. England's first-time entrants
    # rate, are bundled with a derived source and checked in test_states.py)
    derived = bundle[~from_raw].set_index(["indicator_id", "area_code", "year"]).index
    only_raw = both[both._merge == "right_only"]
    only_raw = only_raw[
        ~only_raw.set_index(["indicator_id", "area_code", "year"]).index.isin(derived)
    ]
    assert only_raw.empty, only_raw.head(10).to_string()
    assert (both._merge != "left_only").all(), both[both._merge == "left_only"].head().to_string()
    both = both[both._merge == "both"]
    wrong_state = both[both.state != both.state_raw]
    assert wrong_state.empty, (
        f"{len(wrong_state)} cells differ in state from the raw files:\n"
        + wrong_state.head(10).to_string()
    )
    numbers = both[both.state == "value"]
    close = np.isclose(numbers.value, numbers.value_raw, rtol=1e-9, atol=1e-9)
    assert close.all(), numbers[~close].head(10).to_string()
    assert (both.file == both.file_raw).all()
    # and the cells not read from a raw table are accounted for: finance (test_finance_values),
    # Ofsted judgements (test_published_values) and figures derived from other indicators
    rest = bundle[~from_raw].file
    kinds = set(rest.str.extract(r"^(derived|finance|ofsted)", expand=False).dropna())
    assert kinds <= {"derived", "finance", "ofsted"}
    assert rest.str.match(r"^(derived|finance|ofsted)").all()


def test_a_bare_not_available_never_hides_a_published_code(
    bundle: pd.DataFrame, expected: pd.DataFrame
) -> None:
    """The examples from issue 17: DfE's c, z and u, and published numbers, are not shown as x."""
    informative = expected[~expected.state.isin(UNINFORMATIVE)]
    keys = ["indicator_id", "area_code", "year"]
    hidden = bundle[bundle.state.isin(UNINFORMATIVE)].merge(informative[keys], on=keys)
    assert hidden.empty, hidden.head(10).to_string()


def test_named_cells_from_the_issue(bundle: pd.DataFrame) -> None:
    cells = bundle.set_index(["indicator_id", "area_code", "year"])
    halton, tameside, dorset, bournemouth = "E06000006", "E08000008", "E10000009", "E06000028"
    gateshead, birmingham = "E08000037", "E08000025"
    assert cells.loc[("care_leavers_not_in_touch_19_21_pct", tameside, "2023"), "value"] == 3
    assert cells.loc[("cla_rate_per_10k", dorset, "2019"), "value"] == 54
    assert cells.loc[("cla_rate_per_10k", bournemouth, "2019"), "value"] == 68
    assert cells.loc[("cla_ceased_returned_home_unplanned_pct", halton, "2022"), "state"] == "c"
    assert cells.loc[("sw_turnover_rate_pct", gateshead, "2022"), "state"] == "u"
    assert cells.loc[("sw_agency_rate_pct", birmingham, "2024"), "state"] == "u"
