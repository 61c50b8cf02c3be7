"""Finance figures LAIT does not carry: MHCLG RO3 and RSX lines, ESFA DSG blocks, DfE DSG balances.

Build-time only (read from ``shared/data/finance``). Each figure is stored in pounds whatever the
file's unit (RO3 and RSX are in £ thousand), with its source file recorded as for every other value.
Derived figures (spend per child, shares) are computed after the published values are resolved, from
the bundled figures themselves, so a per-child figure always agrees with the total shown beside it.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from lineofsight.errors import UserError

# (file under shared/data, sheet): one workbook per financial year
RO3 = {
    "2022-23": ("finance/RO3_2022-23_data_by_LA.ods", "RO3_LA_Data_2022-23"),
    "2023-24": ("finance/RO3_2023-24_data_by_LA.ods", "RO3_LA_Data_2023-24"),
    "2024-25": ("finance/RO3_LA_Data_2024-25_data_by_LA.ods", "RO3_LA_Data_202425"),
}
RSX = {
    "2022-23": ("finance/RSX_2022-23_data_by_LA.ods", "RSX_LA_Data_2022-23"),
    "2023-24": ("finance/RSX_2023-24_data_by_LA.ods", "RSX_LA_Data_2023-24"),
    "2024-25": ("finance/RSX_LA_Data_2024-25_data_by_LA.ods", "RSX_LA_Data_202425"),
}
DSG_YEARS = ("2020-21", "2021-22", "2022-23", "2023-24")
DSG_BALANCE = "finance/dsg/dsg_cumulative_balance_pct_2019-20_to_2021-22.xlsx"
DSG_TOTAL = "finance/dsg/dsg_total_allocation_by_year.xlsx"
# Allocations_summary columns: [C] high needs block before deductions, [E] total DSG before
DSG_COLUMNS = {"high_needs": 4, "total": 6}
POPULATION = "population_0_17"
# Where RO3 and section 251 give the same line, a gap wider than this is shown as a disagreement.
MATERIAL = 0.10
# Pairs that measure the same spending in the two returns: (s251 indicator, RO3 indicator)
SAME_LINE = (("cla_spend_gross", "ro3_cla_spend_gross"),)

Row = tuple[str, str, object, str]  # (area_code, year, raw value, file)


def _workbook(path: Path) -> Any:
    """Open an ODS/XLSX with calamine; ESFA's ODS files lack the ``mimetype`` entry calamine wants,
    so those are re-zipped in memory with one rather than converted on disk."""
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine raises its own error type for the missing mimetype
        if not zipfile.is_zipfile(path):
            raise
    src = zipfile.ZipFile(path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        out.writestr(
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        for item in src.infolist():
            if item.filename != "mimetype":
                out.writestr(item, src.read(item), compress_type=zipfile.ZIP_DEFLATED)
    buf.seek(0)
    return CalamineWorkbook.from_filelike(buf)


def _sheet(path: Path, sheet: str) -> list[list[Any]]:
    if not path.exists():
        raise UserError(f"Finance file '{path}' is not in shared/data.")
    rows: list[list[Any]] = _workbook(path).get_sheet_by_name(sheet).to_python()
    return rows


def outturn_rows(data: Path, files: dict[str, tuple[str, str]], code: str) -> list[Row]:
    """One RO3/RSX line (by its MHCLG item code, e.g. ``RO3-csclkd-tot-exp``) for every council and
    England, in pounds. The code row sits above the table in some years and below it in others,
    so it is found by content; councils are keyed by their ONS code."""
    out: list[Row] = []
    for year, (file, sheet) in files.items():
        table = _sheet(data / file, sheet)
        codes = next(
            (r for r in table if any(str(c).strip() == code for c in r)),
            None,
        )
        if codes is None:
            raise UserError(f"Item '{code}' is not in '{file}'.")
        col = [str(c).strip() for c in codes].index(code)
        head = next(i for i, r in enumerate(table) if str(r[0]).strip() == "E-code")
        for r in table[head + 1 :]:
            ons = str(r[1]).strip()
            if re.fullmatch(r"E\d{8}", ons) and r is not codes:
                raw = r[col]
                if isinstance(raw, int | float):
                    raw = float(raw) * 1000.0  # £ thousand -> £
                out.append((ons, year, raw, file))
    return out


def dsg_block_rows(data: Path, block: str) -> list[Row]:
    """A DSG block before academy recoupment and deductions, in pounds, keyed by old LA code."""
    col = DSG_COLUMNS[block]
    out: list[Row] = []
    for year in DSG_YEARS:
        file = f"finance/dsg/dsg_allocations_{year}.ods"
        table = _sheet(data / file, "Allocations_summary")
        for r in table:
            key = str(r[0]).strip()
            if key == "ENGLAND":
                out.append(("ENGLAND", year, r[col], file))
            elif re.fullmatch(r"\d{3}(\.0)?", key):
                out.append((key.split(".")[0], year, r[col], file))
    return out


def dsg_total_allocation(data: Path) -> dict[tuple[str, str], float]:
    """Total DSG allocation before deductions (£) by (LA name or 'ENGLAND', year)."""
    sheets = pd.read_excel(data / DSG_TOTAL, sheet_name=None, engine="calamine")
    out: dict[tuple[str, str], float] = {}
    for frame in sheets.values():
        for code, name, amount, period in frame.itertuples(index=False):
            year = f"{str(period)[:4]}-{str(period)[4:6]}"
            key = "ENGLAND" if str(code).strip().upper() == "ENGLAND" else str(name).strip()
            if pd.notna(amount):
                out[(key, year)] = float(amount)
                if str(code).strip().isdigit():
                    out[(str(code).strip(), year)] = float(amount)
    return out


@dataclass(frozen=True)
class BalanceRow:
    level: str  # National, Regional or Local authority
    name: str
    year: str
    pct: float | None


def dsg_balance_rows(data: Path) -> list[BalanceRow]:
    """DfE's cumulative DSG balance as a % of DSG income (negative = deficit), keyed by name."""
    frame = pd.read_excel(data / DSG_BALANCE, engine="calamine")
    col = "DSG cumulative balance as a % of the total income"
    out = []
    for r in frame.to_dict("records"):
        level = str(r["geographic_level"])
        name = str(r["la_name"] if level == "Local authority" else r["region_name"]).strip()
        pct = r[col]
        out.append(
            BalanceRow(level, name, str(r["financial_year"]), None if pd.isna(pct) else float(pct))
        )
    return out


# ----------------------------------------------------------------------------------------------
# Derived figures


_EXPR = re.compile(r"(?:(\d+(?:\.\d+)?)\s*\*\s*)?([a-z0-9_]+)\s*/\s*([a-z0-9_]+)")


def parse_expression(text: str) -> tuple[float, str, str]:
    """``'100 * cla_spend_gross / cs_spend_gross'`` -> (100.0, numerator, denominator)."""
    m = _EXPR.fullmatch(text.strip())
    if m is None:
        raise UserError(
            f"Derived figure '{text}' is not of the form '[scale *] numerator / denominator'."
        )
    return float(m.group(1) or 1), m.group(2), m.group(3)


def population_year(year: str) -> str:
    """The ONS mid-year estimate a financial year is divided by: mid-2023 for 2023-24."""
    return year[:4] if re.fullmatch(r"\d{4}-\d{2}", year) else year


def derive(
    values: pd.DataFrame,
    expressions: dict[str, str],
    source_for: Callable[[str, str], int],
) -> pd.DataFrame:
    """Rows for each derived indicator, from resolved values; a figure is derived only where both
    parts are published numbers (a suppressed or missing part leaves the derived figure out)."""
    ok = values[values.state == "value"]
    lookup = {
        (str(i), str(a), str(y)): float(v)
        for i, a, y, v in zip(ok.indicator_id, ok.area_code, ok.year, ok.value, strict=True)
    }
    rows = []
    for indicator, expr in expressions.items():
        scale, num, den = parse_expression(expr)
        sid = source_for(indicator, expr)
        for (i, area, year), top in lookup.items():
            if i != num:
                continue
            den_year = population_year(year) if den == POPULATION else year
            bottom = lookup.get((den, area, den_year))
            if bottom:
                rows.append((indicator, area, year, scale * top / bottom, "value", sid, ""))
    return pd.DataFrame(
        rows, columns=["indicator_id", "area_code", "year", "value", "state", "source_id", "note"]
    )


def source_disagreements(values: pd.DataFrame) -> pd.DataFrame:
    """Where section 251 and RO3 report the same spending line more than 10% apart."""
    ok = values[values.state == "value"]
    out = []
    for s251, ro3 in SAME_LINE:
        a = ok[ok.indicator_id == s251]
        b = ok[ok.indicator_id == ro3]
        both = a.merge(b, on=["area_code", "year"], suffixes=("_a", "_b"))
        for r in both.itertuples(index=False):
            area, year = str(r.area_code), str(r.year)
            x, y = float(str(r.value_a)), float(str(r.value_b))
            if max(abs(x), abs(y)) and abs(x - y) > MATERIAL * max(abs(x), abs(y)):
                out.append(
                    {
                        "indicator_id": s251,
                        "area_code": area,
                        "year": year,
                        "kind": "ro3_vs_s251",
                        "kept_value": x,
                        "kept_state": "value",
                        "kept_source_id": r.source_id_a,
                        "other_value": y,
                        "other_state": "value",
                        "other_source_id": r.source_id_b,
                    }
                )
    return pd.DataFrame(out)


# ----------------------------------------------------------------------------------------------
# Into the values table


def add_finance(vb: Any, indicator: str, spec: str) -> None:
    """Add one catalogue ``finance:`` source to the values builder (``ro3:<item>``,
    ``rsx:<item>``, ``dsg:high_needs``, ``dsg:total``, ``dsg:balance_pct``, ``dsg:balance_gbp``)."""
    kind, _, item = spec.partition(":")
    data: Path = vb.data
    reg = vb.reg
    england = reg.geo["england"]["code"]
    if kind in ("ro3", "rsx"):
        for ons, year, raw, file in outturn_rows(data, RO3 if kind == "ro3" else RSX, item):
            area = england if ons == england else reg.aliases.get(ons.lower())
            if area:
                vb.out.add(indicator, area, year, raw, vb.prov.source(file))
    elif kind == "dsg" and item in DSG_COLUMNS:
        for key, year, raw, file in dsg_block_rows(data, item):
            area = england if key == "ENGLAND" else reg.by_old.get(key)
            if area:
                vb.out.add(indicator, area, year, raw, vb.prov.source(file))
    elif kind == "dsg" and item in ("balance_pct", "balance_gbp"):
        _add_balance(vb, indicator, item == "balance_gbp")
    else:
        raise UserError(f"Indicator '{indicator}': unknown finance source '{spec}'.")


def _add_balance(vb: Any, indicator: str, in_pounds: bool) -> None:
    """The cumulative DSG balance; in pounds it is DfE's percentage times the same year's total
    DSG allocation before deductions (the income DfE divided by), so it is an estimate."""
    from lineofsight.reference.names import normalise_name

    reg = vb.reg
    england = reg.geo["england"]["code"]
    totals = dsg_total_allocation(vb.data)
    by_code: dict[tuple[str, str], float] = {}
    for (key, year), amount in totals.items():
        if key.isdigit() and key in reg.by_old:
            by_code[(reg.by_old[key], year)] = amount
        elif key == "ENGLAND":
            by_code[(england, year)] = amount
        elif normalise_name(key) in reg.region_by_name:
            by_code[(reg.region_by_name[normalise_name(key)]["code"], year)] = amount
    sid = vb.prov.source(DSG_BALANCE)
    sid_total = vb.prov.source(
        DSG_TOTAL,
        publication="Derived: DfE cumulative DSG balance (% of income) times the ESFA total DSG"
        " allocation before deductions for the same year",
    )
    for row in dsg_balance_rows(vb.data):
        if row.level == "National":
            area = england
        elif row.level == "Regional":
            region = reg.region_by_name.get(normalise_name(row.name))
            area = region["code"] if region else None
        else:
            area = reg.aliases.get(normalise_name(row.name))
        if not area:
            continue
        if not in_pounds:
            vb.out.add(indicator, area, row.year, row.pct if row.pct is not None else "x", sid)
            continue
        total = by_code.get((area, row.year))
        if row.pct is not None and total is not None:
            vb.out.add(indicator, area, row.year, row.pct / 100.0 * total, sid_total)
