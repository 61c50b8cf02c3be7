"""Every finance indicator in the bundled store equals the published files (read here directly).

One test per indicator, each over a spread of councils and England. Derived figures (per child,
shares) are recomputed from the raw files, not from the store. Skips without ../shared/data.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from lineofsight.indicators.catalogue import load_catalogue
from lineofsight.published.store import load_store

ENGLAND = "E92000001"
# (E-code, old code, ONS name as DfE spells it)
SAMPLE = [
    ("E10000016", "886", "Kent"),
    ("E08000035", "383", "Leeds"),
    ("E09000033", "213", "Westminster"),
    ("E06000017", "857", "Rutland"),
    ("E06000052", "908", "Cornwall"),
]
LAIT = {
    "cs_spend_gross": "C&YPExpenditure",
    "cla_spend_gross": "TotalLACFinance",
    "safeguarding_spend_gross": "SafeguardingFinance",
    "family_support_spend_gross": "FamilySupportFinance",
    "cla_weekly_unit_cost": "LACFinance",
    "fostering_weekly_unit_cost": "FosteringFinance",
    "residential_weekly_unit_cost": "RescareFinance",
    "leaving_care_spend_gross": "LeaveCareSupServTotExp",
    "youth_justice_spend_gross": "YouthJusticeFinance",
}
RO3_ITEMS = {
    "ro3_csc_spend_gross": "RO3-csctot-tot-exp",
    "ro3_csc_spend_net": "RO3-csctot-net-cur-exp",
    "ro3_cla_spend_gross": "RO3-csclkd-tot-exp",
    "ro3_residential_spend_gross": "RO3-csclkdres-tot-exp",
    "ro3_fostering_spend_gross": "RO3-csclkdfos-tot-exp",
}
RO3_FILES = {
    "2022-23": ("RO3_2022-23_data_by_LA.ods", "RO3_LA_Data_2022-23"),
    "2023-24": ("RO3_2023-24_data_by_LA.ods", "RO3_LA_Data_2023-24"),
    "2024-25": ("RO3_LA_Data_2024-25_data_by_LA.ods", "RO3_LA_Data_202425"),
}
RSX_FILES = {
    "2022-23": ("RSX_2022-23_data_by_LA.ods", "RSX_LA_Data_2022-23"),
    "2024-25": ("RSX_LA_Data_2024-25_data_by_LA.ods", "RSX_LA_Data_202425"),
}

Expected = dict[tuple[str, str], float]  # (area, year) -> value


@cache
def stored(indicator: str) -> Expected:
    v = load_store().values
    v = v[(v.indicator_id == indicator) & (v.state == "value")]
    return {
        (str(a), str(y)): float(x) for a, y, x in zip(v.area_code, v.year, v.value, strict=True)
    }


@cache
def lait(data: Path, code: str) -> Expected:
    t = pd.read_parquet(data / "lait/bds_long_0.parquet")
    t = t[t["Short Desc"] == code]
    out: Expected = {}
    for num, years, raw in zip(t["LA Number"], t["Years"], t["Values"], strict=True):
        old = str(int(num)) if pd.notna(num) else ""
        area = ENGLAND if old == "970" else next((e for e, o, _ in SAMPLE if o == old), None)
        try:
            value = float(str(raw).replace(",", ""))
        except ValueError:
            continue
        if area:
            out[(area, str(years).split(" ")[0])] = value
    return out


@cache
def population(data: Path) -> Expected:
    out: Expected = {}
    with (data / "reference/ons_mid-year_population_estimates_2012_to_2024.csv").open() as fh:
        for r in csv.DictReader(fh):
            area = ENGLAND if r["geographic_level"] == "National" else r["new_la_code"]
            if r["geographic_level"] in ("National", "Local authority"):
                try:
                    out[(area, r["time_period"])] = float(r["population_estimate"])
                except ValueError:  # 'x' for councils that did not exist that year
                    continue
    return out


def per_child(data: Path, amounts: Expected) -> Expected:
    pop = population(data)
    return {(a, y): v / pop[(a, y[:4])] for (a, y), v in amounts.items() if (a, y[:4]) in pop}


def ratio(top: Expected, bottom: Expected) -> Expected:
    return {k: 100 * v / bottom[k] for k, v in top.items() if bottom.get(k)}


def _calamine(path: Path) -> object:
    from python_calamine import CalamineWorkbook

    if path.suffix == ".ods" and "mimetype" not in zipfile.ZipFile(path).namelist():
        buf = io.BytesIO()
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w") as out:
            out.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            for item in src.infolist():
                out.writestr(item, src.read(item))
        buf.seek(0)
        return CalamineWorkbook.from_filelike(buf)
    return CalamineWorkbook.from_path(str(path))


@cache
def outturn(data: Path, files: tuple[tuple[str, tuple[str, str]], ...], item: str) -> Expected:
    out: Expected = {}
    for year, (file, sheet) in files:
        table = _calamine(data / "finance" / file).get_sheet_by_name(sheet).to_python()  # type: ignore[attr-defined]
        col = next(r for r in table if item in [str(c) for c in r])
        at = [str(c) for c in col].index(item)
        for r in table:
            code = str(r[1]).strip()
            if code in {ENGLAND} | {e for e, _, _ in SAMPLE} and isinstance(r[at], float):
                out[(code, year)] = r[at] * 1000
    return out


def ro3(data: Path, item: str) -> Expected:
    return outturn(data, tuple(RO3_FILES.items()), item)


@cache
def high_needs(data: Path) -> Expected:
    out: Expected = {}
    for year in ("2020-21", "2021-22", "2022-23", "2023-24"):
        wb = _calamine(data / f"finance/dsg/dsg_allocations_{year}.ods")
        for r in wb.get_sheet_by_name("Allocations_summary").to_python():  # type: ignore[attr-defined]
            key = str(r[0]).strip().split(".")[0]
            area = (
                ENGLAND if key == "ENGLAND" else next((e for e, o, _ in SAMPLE if o == key), None)
            )
            if area:
                out[(area, year)] = float(r[4])
    return out


@cache
def dsg_balance(data: Path) -> Expected:
    t = pd.read_excel(
        data / "finance/dsg/dsg_cumulative_balance_pct_2019-20_to_2021-22.xlsx", engine="calamine"
    )
    out: Expected = {}
    names = {n: e for e, _, n in SAMPLE}
    for r in t.to_dict("records"):
        area = ENGLAND if r["geographic_level"] == "National" else names.get(str(r["la_name"]))
        if area:
            out[(area, str(r["financial_year"]))] = float(
                r["DSG cumulative balance as a % of the total income"]
            )
    return out


@cache
def dsg_balance_gbp(data: Path) -> Expected:
    sheets = pd.read_excel(
        data / "finance/dsg/dsg_total_allocation_by_year.xlsx", sheet_name=None, engine="calamine"
    )
    total: Expected = {}
    for frame in sheets.values():
        for code, _name, amount, period in frame.itertuples(index=False):
            key = str(code).strip()
            area = (
                ENGLAND if key == "ENGLAND" else next((e for e, o, _ in SAMPLE if o == key), None)
            )
            if area:
                total[(area, f"{str(period)[:4]}-{str(period)[4:6]}")] = float(amount)
    return {k: pct / 100 * total[k] for k, pct in dsg_balance(data).items() if k in total}


EXPECTED: dict[str, Callable[[Path], Expected]] = {
    **{ind: (lambda data, c=code: lait(data, c)) for ind, code in LAIT.items()},
    **{ind: (lambda data, i=item: ro3(data, i)) for ind, item in RO3_ITEMS.items()},
    "cs_spend_per_child": lambda d: per_child(d, lait(d, "C&YPExpenditure")),
    "cla_spend_per_child": lambda d: per_child(d, lait(d, "TotalLACFinance")),
    "cla_spend_share_pct": lambda d: ratio(lait(d, "TotalLACFinance"), lait(d, "C&YPExpenditure")),
    "ro3_residential_share_pct": lambda d: ratio(
        ro3(d, "RO3-csclkdres-tot-exp"), ro3(d, "RO3-csclkd-tot-exp")
    ),
    "ro3_csc_spend_per_child": lambda d: per_child(d, ro3(d, "RO3-csctot-tot-exp")),
    "rsx_csc_spend_net": lambda d: outturn(d, tuple(RSX_FILES.items()), "RSX-csc-net-cur-exp"),
    "dsg_high_needs_block": high_needs,
    "high_needs_per_child": lambda d: per_child(d, high_needs(d)),
    "dsg_cumulative_balance_pct": dsg_balance,
    "dsg_cumulative_balance_gbp": dsg_balance_gbp,
}


def test_every_finance_indicator_is_checked_here() -> None:
    finance = {i.id for i in load_catalogue() if i.theme == "finance"}
    assert finance == set(EXPECTED)


@pytest.mark.parametrize("indicator", sorted(EXPECTED))
def test_bundled_finance_figures_equal_the_published_files(
    shared_data: Path, indicator: str
) -> None:
    expected = EXPECTED[indicator](shared_data)
    got = stored(indicator)
    assert len(expected) >= 6, f"too few published figures found for {indicator}"
    for key, want in expected.items():
        assert key in got, f"{indicator}: no bundled figure for {key}"
        assert got[key] == pytest.approx(want, rel=1e-9, abs=1e-6), (indicator, key)


def test_england_cla_unit_cost_2024_25_is_the_published_2100() -> None:
    """The headline the issue quotes: England's weekly cost per child looked after, 2024-25."""
    assert stored("cla_weekly_unit_cost")[(ENGLAND, "2024-25")] == 2100


def test_kent_dsg_deficit_in_pounds_is_the_worked_example() -> None:
    """SOURCES.md: Kent 2021-22, -6.83% of £1,428.7m is about -£97.6m."""
    assert stored("dsg_cumulative_balance_gbp")[("E10000016", "2021-22")] == pytest.approx(
        -97.6e6, abs=0.05e6
    )


def test_ro3_and_s251_disagreements_are_recorded() -> None:
    from lineofsight.published.store import DATA

    d = pd.read_csv(DATA / "disagreements.csv")
    clash = d[d.kind == "ro3_vs_s251"]
    assert not clash.empty
    gap = (clash.kept_value - clash.other_value).abs() / clash[
        ["kept_value", "other_value"]
    ].abs().max(axis=1)
    assert (gap > 0.10).all()
