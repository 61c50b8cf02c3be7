"""Build the bundled published dataset from the raw DfE/Ofsted/ONS files in ``shared/data``.

Run by developers (``make data`` / ``python -m lineofsight.databuild.build``), never at run time:
the installed package reads only the compact Parquet files this writes into ``published/data``.
Every value keeps its state (number, ``c``, ``x``, ``z``, ``low``, ``k``, ``u``) and the source it
came from; where two sources give the same figure, the later release wins (except that a bare
"not available" never overrides a number or a more specific code) and the disagreement is written
to ``disagreements.csv`` and summarised on stdout.
"""

from __future__ import annotations

import csv
import fnmatch
import json
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from lineofsight.databuild import finance
from lineofsight.errors import UserError
from lineofsight.reference.names import normalise_name
from lineofsight.values import State, parse_cell

PACKAGE_DATA = Path(__file__).parents[1] / "published" / "data"
LICENCE = "Open Government Licence v3.0"
# How the values table is stored (the build and ``data update`` write the same columns the same way).
VALUE_DTYPES = {
    "indicator_id": "category",
    "area_code": "category",
    "year": "category",
    "state": "category",
    "note": "category",
    "source_id": "int16",
}
VALUES_GROUP = 16_384  # rows per Parquet row group (every table; only values is larger)
JUDGEMENT_GRADES = {
    "outstanding": 1,
    "good": 2,
    "requires improvement to be good": 3,
    "requires improvement": 3,
    "inadequate": 4,
}
OFSTED_COLUMNS = {
    "overall": "Overall effectiveness",
    "leadership": "The impact of leaders on social work practice with children and families",
    "help_and_protection": "The experiences and progress of children who need help and protection",
    "children_in_care": "The experiences and progress of children in care",
    "care_leavers": "The experiences and progress of care leavers",
}


def default_shared() -> Path:
    """``$LINEOFSIGHT_SHARED``, else ``../shared`` beside the repository checkout."""
    env = os.environ.get("LINEOFSIGHT_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared"


# ----------------------------------------------------------------------------------------------
# Provenance


@dataclass
class SourceFile:
    source_id: int
    file: str
    publication: str
    publisher: str
    release: str
    origin: str
    licence: str


class Provenance:
    """Assigns a source id to each (file, publication, release) and remembers where it came from."""

    def __init__(self, shared: Path) -> None:
        text = resources.files("lineofsight.databuild").joinpath("releases.yaml").read_text()
        self.rules: list[dict[str, str]] = yaml.safe_load(text)
        self.origins = _origins_from_sources_md(shared / "data" / "SOURCES.md")
        self.sources: dict[tuple[str, str, str], SourceFile] = {}

    def source(self, file: str, release: str | None = None, publication: str | None = None) -> int:
        rule = next((r for r in self.rules if fnmatch.fnmatch(file, r["pattern"])), None)
        if rule is None:
            raise UserError(f"No release is recorded for '{file}': add it to releases.yaml.")
        rel = release or rule["release"]
        if not rel:
            raise UserError(f"No release date is known for '{file}'.")
        pub = publication or rule["publication"]
        key = (file, rel, pub)
        if key not in self.sources:
            self.sources[key] = SourceFile(
                source_id=len(self.sources) + 1,
                file=file,
                publication=pub,
                publisher=rule["publisher"],
                release=rel,
                origin=self.origins.get(
                    file, "shared/data (assembled from public DfE/Ofsted/ONS files)"
                ),
                licence=LICENCE,
            )
        return self.sources[key].source_id

    def release_of(self, source_id: int) -> str:
        return next(s.release for s in self.sources.values() if s.source_id == source_id)

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame([vars(s) for s in self.sources.values()])


def _origins_from_sources_md(path: Path) -> dict[str, str]:
    """Map each data file to 'repo path @ commit' from the SOURCES.md tables."""
    origins: dict[str, str] = {}
    if not path.exists():
        return origins
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| `([^`]+)` \([^)]*\) \| (.+?) \|", line)
        if m:
            origins[m.group(1)] = m.group(2).replace("`", "")
    return origins


# ----------------------------------------------------------------------------------------------
# Local authorities


class LaRegistryBuilder:
    """The 153 current LAs plus predecessors, keyed by E-code, with every name and code alias."""

    def __init__(self, shared: Path) -> None:
        self.data = shared / "data"
        self.geo = yaml.safe_load(
            resources.files("lineofsight.reference").joinpath("geography.yaml").read_text()
        )
        self.region_by_name = {normalise_name(r["name"]): r for r in self.geo["regions"]}
        self.rows: list[dict[str, Any]] = []
        self.by_old: dict[str, str] = {}
        self.aliases: dict[str, str] = {}
        self._build()

    def _build(self) -> None:
        sn = pd.read_csv(
            self.data / "reference/sn_model_2025_wide.csv", dtype=str, encoding="utf-8-sig"
        )
        pop = pd.read_csv(
            self.data / "reference/ons_mid-year_population_estimates_2012_to_2024.csv", dtype=str
        )
        pop = pop[pop.geographic_level == "Local authority"].sort_values("time_period")
        ecode_by_old = dict(
            zip(pop.old_la_code.str.replace(".0", "", regex=False), pop.new_la_code, strict=False)
        )
        ofsted = pd.read_csv(
            self.data / "ofsted/derived_csv/ilacs_judgements_as_at_31_March_2025.csv"
        )
        ofsted_names = {
            normalise_name(n): c for n, c in zip(ofsted.iloc[:, 2], ofsted.iloc[:, 1], strict=True)
        }
        successors: dict[str, list[str]] = {}
        predecessor_rows = []
        for reorg in self.geo["reorganisations"]:
            for p in reorg["predecessors"]:
                predecessor_rows.append((p, reorg))
            for s in reorg["successors"]:
                successors.setdefault(s, []).extend(p["code"] for p in reorg["predecessors"])
        for _, r in sn.iterrows():
            old = str(r.old_la_code).strip()
            code = ecode_by_old.get(old) or ofsted_names.get(normalise_name(r.la_name))
            if code is None:
                raise UserError(f"No E-code found for LA {old} {r.la_name}.")
            region = self.region_by_name[normalise_name(r.region_name)]
            self._add(
                code=code,
                old_code=old,
                name=r.la_name.strip(),
                region=region,
                status="current",
                predecessors=",".join(successors.get(code, [])),
                successors="",
                ended="",
            )
        for p, reorg in predecessor_rows:
            succ = reorg["successors"]
            region = next(x for x in self.rows if x["code"] == succ[0])
            self._add(
                code=p["code"],
                old_code=p["old_code"],
                name=p["name"],
                region={"code": region["region_code"], "name": region["region_name"]},
                status="predecessor",
                predecessors="",
                successors=",".join(succ),
                ended=reorg["date"],
            )
        for change in self.geo["code_changes"]:
            self.aliases[change["before"].lower()] = change["after"]
        # every name seen in the published files becomes an alias
        lait = pd.read_parquet(
            self.data / "lait/bds_long_0.parquet", columns=["LA and Regions", "LA Number"]
        )
        for name, num in lait.drop_duplicates().itertuples(index=False):
            old = str(int(num)) if pd.notna(num) else ""
            if old in self.by_old:
                self.alias(name, self.by_old[old])
        for name, code in ofsted_names.items():
            self.alias(name, code)
        self.alias("Durham", self.by_old["840"])
        self.alias("County Durham", self.by_old["840"])
        self.alias("Bedford Borough", self.by_old["822"])
        self.alias("BCP", self.by_old["839"])
        self.alias("Hull", self.by_old["810"])

    def _add(
        self,
        *,
        code: str,
        old_code: str,
        name: str,
        region: dict[str, str],
        status: str,
        predecessors: str,
        successors: str,
        ended: str,
    ) -> None:
        self.rows.append(
            {
                "code": code,
                "old_code": old_code,
                "name": name,
                "region_code": region["code"],
                "region_name": region["name"],
                "status": status,
                "predecessors": predecessors,
                "successors": successors,
                "ended": ended,
            }
        )
        self.by_old[old_code] = code
        self.alias(name, code)
        self.aliases[code.lower()] = code
        self.aliases[old_code] = code

    def alias(self, name: str, code: str) -> None:
        key = normalise_name(name)
        if key and key not in self.aliases:
            self.aliases[key] = code

    def area_for(self, old_code: str) -> list[str]:
        """E-codes for an old code; a joint code like '314 / 318' gives both councils."""
        parts = [p.strip().split(".")[0] for p in str(old_code).split("/")]
        return [self.by_old[p] for p in parts if p in self.by_old]

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        las = pd.DataFrame(self.rows)
        aliases = pd.DataFrame(sorted(self.aliases.items()), columns=["alias", "code"])
        return las, aliases


def build_neighbours(data: Path, reg: LaRegistryBuilder) -> pd.DataFrame:
    """Both DfE statistical-neighbour models as (model, la_code, rank, neighbour_code, closeness)."""
    rows = []
    sn25 = pd.read_csv(data / "reference/sn_model_2025_wide.csv", dtype=str, encoding="utf-8-sig")
    for _, r in sn25.iterrows():
        for i in range(1, 11):
            rows.append(
                (
                    "2025",
                    reg.by_old[r.old_la_code.strip()],
                    i,
                    reg.by_old[str(r[f"SN_{i}"]).strip()],
                    str(r[f"SN_{i}P"]).strip(),
                )
            )
    sn21 = pd.read_csv(
        data / "reference/New_Statistical_Neighbour_Groupings_April_2021.csv",
        dtype=str,
        encoding="utf-8-sig",
        header=None,
        skiprows=1,
    )
    for _, r in sn21.iterrows():
        old = str(r[0]).strip()
        if old not in reg.by_old:
            continue
        for i in range(10):
            nb = str(r[5 + 2 * i]).strip()
            if nb in reg.by_old:
                rows.append(
                    ("2021", reg.by_old[old], i + 1, reg.by_old[nb], str(r[6 + 2 * i]).strip())
                )
    return pd.DataFrame(rows, columns=["model", "la_code", "rank", "neighbour_code", "closeness"])


# ----------------------------------------------------------------------------------------------
# Values


def year_label(raw: str) -> str:
    """DfE/LAIT period labels to ours: '202425' and '2024/25' -> '2024-25'; '2025 (Rev)' -> '2025'."""
    text = re.sub(r"\s*\((rev|final|prov|ot)\)\s*$", "", str(raw).strip(), flags=re.I)
    if re.fullmatch(r"\d{6}", text):
        return f"{text[:4]}-{text[4:]}"
    m = re.fullmatch(r"(\d{4})/(\d{2})", text)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    return text


@dataclass
class Collected:
    rows: list[tuple[str, str, str, float | None, str, int, str]]

    def add(
        self, indicator: str, area: str, year: str, raw: object, source_id: int, note: str = ""
    ) -> None:
        number, state = parse_cell(raw)
        self.rows.append((indicator, area, year, number, state.value, source_id, note))


def excel_date(serial: object) -> str | None:
    try:
        return (date(1899, 12, 30) + timedelta(days=int(float(str(serial))))).isoformat()
    except ValueError:
        return None


class ValuesBuilder:
    """Reads every catalogue source, plus all LAIT measures as ``lait:<code>``."""

    def __init__(self, shared: Path, reg: LaRegistryBuilder, prov: Provenance) -> None:
        self.data = shared / "data"
        self.reg = reg
        self.prov = prov
        self.out = Collected([])
        self.lait = pd.read_parquet(self.data / "lait/bds_long_0.parquet")
        self.lait_dict = pd.read_csv(self.data / "lait/lait_data_dictionary.csv", dtype=str)
        geo = reg.geo
        self.lait_areas = {str(geo["england"]["lait_number"]): geo["england"]["code"]}
        for r in geo["regions"] + geo["sub_regions"]:
            self.lait_areas[str(r["lait_number"])] = r["code"]
        self.region_codes = {r["code"] for r in geo["regions"]} | {
            r["code"] for r in geo["sub_regions"]
        }
        self._ees_cache: dict[str, pd.DataFrame] = {}

    # LAIT --------------------------------------------------------------------------------------
    def lait_release(self, code: str) -> str:
        rows = self.lait_dict[self.lait_dict.Measure_short == code]
        dates = [d for d in (excel_date(v) for v in rows["Last Update"]) if d]
        return max(dates) if dates else "2026-04-01"

    def lait_frame(self) -> dict[str, pd.DataFrame]:
        """LAIT's rows with their area and year label, by measure code."""
        df = self.lait.copy()
        # ~700,000 rows but a few hundred distinct codes and years: each is worked out once
        numbers = {x: str(int(x)) if pd.notna(x) else "" for x in df["LA Number"].unique()}
        areas = {
            x: self.lait_areas.get(n) or self.reg.by_old.get(n, "") for x, n in numbers.items()
        }
        years = {y: year_label(y) for y in df["Years"].unique()}
        df = df.assign(area=df["LA Number"].map(areas), year=df["Years"].map(years))
        df = df[df.area.notna() & (df.area != "")]
        return {str(k): g for k, g in df.groupby("Short Desc", sort=False)}

    def add_lait(self, indicator: str, code: str, by_code: Mapping[str, pd.DataFrame]) -> None:
        sub = by_code.get(code)
        if sub is None or sub.empty:
            raise UserError(
                f"Indicator '{indicator}': LAIT measure '{code}' is not in the LAIT table."
            )
        sid = self.prov.source(
            "lait/bds_long_0.parquet",
            release=self.lait_release(code),
            publication=f"Local Authority Interactive Tool (LAIT), measure {code}",
        )
        columns = (sub.area.tolist(), sub.year.tolist(), sub.Values.tolist())  # not per-cell Arrow
        for area, year, raw in zip(*columns, strict=True):
            self.out.add(indicator, area, year, raw, sid)

    # EES ---------------------------------------------------------------------------------------
    def ees_table(self, file: str) -> pd.DataFrame:
        if file not in self._ees_cache:
            path = self.data / file
            if not path.exists():
                raise UserError(f"Source file '{file}' is not in shared/data.")
            df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            self._ees_cache[file] = df[
                df.geographic_level.isin(["National", "Regional", "Local authority"])
            ]
        return self._ees_cache[file]

    def add_ees(self, indicator: str, spec: Mapping[str, Any]) -> None:
        file = spec["file"]
        df = self.ees_table(file)
        for key, want in (spec.get("filter") or {}).items():
            if key not in df.columns:
                raise UserError(f"Indicator '{indicator}': column '{key}' is not in '{file}'.")
            df = df[df[key] == str(want)]
        column = spec["column"]
        if column not in df.columns:
            raise UserError(f"Indicator '{indicator}': column '{column}' is not in '{file}'.")
        sid = self.prov.source(file)
        seen: set[tuple[str, str]] = set()
        for rec in df.to_dict("records"):
            r = {str(k): str(v) for k, v in rec.items()}
            level = r["geographic_level"]
            if level == "National":
                areas, note = [self.reg.geo["england"]["code"]], ""
            elif level == "Regional":
                code = r.get("region_code", "")
                areas, note = ([code] if code in self.region_codes else []), ""
            else:
                areas = self.reg.area_for(r.get("old_la_code", ""))
                note = f"joint return: {r['la_name']}" if len(areas) > 1 else ""
            year = year_label(r["time_period"])
            raw = r[column]
            for area in areas:
                if (area, year) in seen:
                    raise UserError(
                        f"Indicator '{indicator}': '{file}' gives more than one row for {area} in {year};"
                        " add a filter in the catalogue."
                    )
                seen.add((area, year))
                self.out.add(indicator, area, year, raw, sid, note)

    # Ofsted ------------------------------------------------------------------------------------
    def add_ofsted(self, indicator: str, judgement: str) -> None:
        file = "ofsted/derived_csv/ilacs_judgements_as_at_31_March_2025.csv"
        df = pd.read_csv(self.data / file, dtype=str, keep_default_na=False)
        sid = self.prov.source(file)
        column = OFSTED_COLUMNS[judgement]
        for rec in df.to_dict("records"):
            r = {str(k): v for k, v in rec.items()}
            code = self.reg.aliases.get(str(r["Local authority area code"]).lower())
            if code:
                self.out.add(indicator, code, "2025", _grade(r[column]), sid)
        # the 2024 edition: judgements as at 31 March 2024
        ods = "ofsted/LA_Inspection_Outcomes_as_at_March_2024.ods"
        rows = _ods_rows(self.data / ods, "Inspections_31_March_2024", header_row=2)
        sid24 = self.prov.source(ods)
        col24 = {
            "overall": "Overall effectiveness",
            "leadership": "Impact of leaders",
            "help_and_protection": "Experiences and progress of children who need help and protection",
            "children_in_care": "Experiences and progress of children in care",
            "care_leavers": "Experiences and progress of care leavers",
        }[judgement]
        for r in rows:
            code = self.reg.aliases.get(normalise_name(r["Local authority name"]))
            if code:
                self.out.add(indicator, code, "2024", _grade(r[col24]), sid24)

    def add_population(self) -> None:
        self.add_ees(
            "population_0_17",
            {
                "file": "reference/ons_mid-year_population_estimates_2012_to_2024.csv",
                "column": "population_estimate",
            },
        )

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            self.out.rows,
            columns=["indicator_id", "area_code", "year", "value", "state", "source_id", "note"],
        )


def _grade(text: object) -> object:
    t = str(text).strip().lower()
    if not t:
        return "x"
    return JUDGEMENT_GRADES.get(t, "x")


def _ods_rows(path: Path, sheet: str, header_row: int) -> list[dict[str, Any]]:
    from python_calamine import CalamineWorkbook

    table = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    header = [str(h).strip() for h in table[header_row]]
    return [dict(zip(header, row, strict=False)) for row in table[header_row + 1 :] if any(row)]


# ----------------------------------------------------------------------------------------------
# Resolution: the later release wins


# Markers that say only "no figure here": they never override a number or a more specific code
# (c, z, u, low, k) that another release gives for the same cell. LAIT writes '-' for any gap, so
# a later LAIT release would otherwise hide DfE's own suppressed, not-applicable or low-reliability
# codes, and sometimes a published number, behind a bare "not available".
UNINFORMATIVE = frozenset({State.NOT_AVAILABLE.value, State.MISSING.value})


def resolve(values: pd.DataFrame, prov: Provenance) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep one row per (indicator, area, year): the latest release that says something (a number
    or a specific code), else the latest release; report where sources differ."""
    release = {s.source_id: s.release for s in prov.sources.values()}
    values = values.assign(
        release=values.source_id.map(release),
        informative=~values.state.isin(UNINFORMATIVE),
    )
    values = values.sort_values(
        ["indicator_id", "area_code", "year", "informative", "release", "source_id"]
    )
    keys = ["indicator_id", "area_code", "year"]
    clash = values[values.duplicated(keys, keep=False)]
    # Each losing row beside the winner of its cell (the last after sorting), in sorted order.
    winners = clash.drop_duplicates(keys, keep="last")
    losers = clash[clash.duplicated(keys, keep="last")]
    cols = ["value", "state", "source_id"]
    pairs = losers[keys + cols].merge(
        winners[keys + cols], on=keys, how="left", suffixes=("_other", "_kept"), sort=False
    )
    report = pairs[_differs(pairs)]
    disagreements = pd.DataFrame(
        {
            "indicator_id": report.indicator_id,
            "area_code": report.area_code,
            "year": report.year,
            "kind": (report.state_other == report.state_kept).map({True: "number", False: "state"}),
            "kept_value": report.value_kept,
            "kept_state": report.state_kept,
            "kept_source_id": report.source_id_kept,
            "other_value": report.value_other,
            "other_state": report.state_other,
            "other_source_id": report.source_id_other,
        }
    ).reset_index(drop=True)
    kept = values.drop_duplicates(keys, keep="last").drop(columns=["release", "informative"])
    return kept.reset_index(drop=True), disagreements


def _differs(pairs: pd.DataFrame) -> pd.Series:
    """Whether each losing figure differs from its cell's winner: in state, or in number by more
    than rounding (published figures are rounded differently in different releases)."""
    x = pd.to_numeric(pairs.value_other, errors="coerce").astype("float64")
    y = pd.to_numeric(pairs.value_kept, errors="coerce").astype("float64")
    both_numbers = (pairs.state_other == State.VALUE.value) & (
        pairs.state_kept == State.VALUE.value
    )
    apart = (x - y).abs() > np.maximum(0.51, 0.005 * np.maximum(x.abs(), y.abs()))
    return (pairs.state_other != pairs.state_kept) | (both_numbers & apart)


def mark_joint_returns(
    values: pd.DataFrame, reg: LaRegistryBuilder, workforce: set[str]
) -> pd.DataFrame:
    """Say on each figure that comes from a joint return (whichever release it was taken from)."""
    values = values.copy()
    for joint in reg.geo["joint_returns"]:
        if joint["collection"] != "workforce":
            continue
        codes = [reg.by_old[c] for c in joint["codes"]]
        names = " and ".join(
            str(reg.rows[[r["code"] for r in reg.rows].index(c)]["name"]) for c in codes
        )
        mask = values.indicator_id.isin(workforce) & values.area_code.isin(codes)
        if joint.get("from"):  # the councils did not exist before: their years before say x
            mask &= values.year.astype(str) >= str(joint["from"])
        values.loc[mask, "note"] = f"joint return: {names}"
    return values


# LAIT's England row for first-time entrants (1,258 in 2024, beside regions of 98 to 181) is not
# the rate per 100,000 its regions and councils give; England is remade from the regions' own rates.
NOT_A_RATE_IN_ENGLAND = ("yj_first_time_entrants_rate_per_100k", "lait:FirstYJS")
ENGLAND_FROM_REGIONS = (
    "the nine regions' published rates weighted by their children aged 0 to 17 (ONS mid-year "
    "estimate of the same year); LAIT's England figure is not a rate"
)


def england_from_regions(
    values: pd.DataFrame, reg: LaRegistryBuilder, prov: Provenance
) -> pd.DataFrame:
    """England for the indicators in ``NOT_A_RATE_IN_ENGLAND``: the population-weighted mean of
    the regions' rates, so it can stand beside a council's rate."""
    england = reg.geo["england"]["code"]
    regions = {r["code"] for r in reg.geo["regions"]}
    region_of = {r["code"]: r["region_code"] for r in reg.rows if r["status"] == "current"}
    pop = values[(values.indicator_id == "population_0_17") & (values.state == "value")]
    pop = pop[pop.area_code.isin(region_of)].assign(region=lambda d: d.area_code.map(region_of))
    weights = pop.groupby(["region", "year"]).value.sum()
    latest_pop = max(pop.year) if not pop.empty else ""
    out = values
    for indicator in NOT_A_RATE_IN_ENGLAND:
        rows = out[
            (out.indicator_id == indicator)
            & out.area_code.isin(regions)
            & (out.state == State.VALUE.value)
        ]
        sid = prov.source(
            f"derived:{indicator}:england",
            release=max((prov.release_of(int(i)) for i in rows.source_id.unique()), default=None),
            publication=f"Derived by Line of Sight: {ENGLAND_FROM_REGIONS}",
        )
        made: dict[str, float] = {}
        for year, grp in rows.groupby("year"):
            y = min(str(year), latest_pop)
            w = grp.area_code.map(lambda r, y=y: weights.get((r, y), float("nan")))
            if len(grp) == len(regions) and w.notna().all():
                made[str(year)] = round(float((grp.value * w).sum() / w.sum()))
        mask = (out.indicator_id == indicator) & (out.area_code == england)
        out = out.copy()
        got = out.loc[mask, "year"].astype(str).map(made)
        ok = got.notna().to_numpy()
        out.loc[mask, "value"] = got.to_numpy(dtype=float)
        out.loc[mask, "state"] = np.where(ok, State.VALUE.value, State.NOT_AVAILABLE.value)
        out.loc[mask, "source_id"] = sid
        out.loc[mask, "note"] = np.where(
            ok, "derived: regions weighted by children", "LAIT's England figure is not a rate"
        )
    return out


# ----------------------------------------------------------------------------------------------
# Ofsted inspection tables


def build_ofsted(
    data: Path, reg: LaRegistryBuilder, prov: Provenance
) -> tuple[pd.DataFrame, pd.DataFrame]:
    file = "ofsted/derived_csv/ilacs_inspection_history_2018-2025.csv"
    hist = pd.read_csv(data / file, dtype=str, keep_default_na=False)
    sid = prov.source(file)
    ilacs = pd.DataFrame(
        {
            "la_code": hist["Local authority area code"].str.lower().map(reg.aliases),
            "inspection_date": hist["Inspection date"],
            "publication_date": hist["Publication date"],
            "inspection_type": hist["Inspection type"],
            **{k: hist[v].str.strip() for k, v in OFSTED_COLUMNS.items()},
            "source_id": sid,
        }
    )
    missing = ilacs[ilacs.la_code.isna()]
    if not missing.empty:
        raise UserError(
            f"Ofsted history has unknown LA codes: {sorted(set(hist.loc[missing.index, 'Local authority area code']))}"
        )
    file_old = "ofsted/derived_csv/area_send_inspections_2016-05_to_2022-08.csv"
    old = pd.read_csv(data / file_old, dtype=str, keep_default_na=False)
    sid_old = prov.source(file_old)
    send_old = pd.DataFrame(
        {
            "la_code": old["Local authority code"].str.lower().map(reg.aliases),
            "framework": "2016",
            "inspection_date": old["Inspection start date"],
            "publication_date": old["Inspection publication date"],
            "outcome": old["Inspection outcome: written statement of action required?"].map(
                lambda v: (
                    "Written statement of action required"
                    if v.strip().lower() == "yes"
                    else "No written statement of action"
                )
            ),
            "revisit_outcome": old[
                "Revisit outcome: sufficient progress in addressing all significant weaknesses?"
            ],
            "source_id": sid_old,
        }
    )
    file_new = "ofsted/derived_csv/ofsted_csc_send_overview.csv"
    new = pd.read_csv(data / file_new, dtype=str, keep_default_na=False)
    sid_new = prov.source(file_new)
    outcome_text = {
        "1.0": "Typically positive experiences and outcomes",
        "2.0": "Inconsistent experiences and outcomes",
        "3.0": "Widespread and/or systemic failings",
    }
    send_new = pd.DataFrame(
        {
            "la_code": new["la_code"].map(lambda c: reg.by_old.get(str(c).strip())),
            "framework": "2023",
            "inspection_date": pd.to_datetime(
                new["inspection_start_date"], format="%d/%m/%y"
            ).dt.strftime("%Y-%m-%d"),
            "publication_date": pd.to_datetime(
                new["publication_date"], format="%d/%m/%y", errors="coerce"
            ).dt.strftime("%Y-%m-%d"),
            "outcome": new["outcome_grade"].map(
                lambda g: outcome_text.get(str(g).strip(), "Not known")
            ),
            "revisit_outcome": "",
            "source_id": sid_new,
        }
    )
    send = pd.concat([send_old, send_new], ignore_index=True)
    send = send[send.la_code.notna()]
    return ilacs, send


# ----------------------------------------------------------------------------------------------


def lait_measures(values: ValuesBuilder) -> pd.DataFrame:
    d = values.lait_dict.drop_duplicates("Measure_short")
    polarity = {"High": "high_good", "Low": "low_good"}
    return pd.DataFrame(
        {
            "id": "lait:" + d.Measure_short,
            "title": d.Chart_title.fillna(d.Measure).str.strip(),
            "topic": d.Topic,
            "polarity": d.Polarity.map(polarity).fillna("neither"),
            "year_type": d.Year_Type.fillna(""),
            "definition": d.Description.fillna("").str.replace(r"\s+", " ", regex=True).str.strip(),
            "unit": d.y_axis_name.fillna(""),
            "decimals": pd.to_numeric(d.dps, errors="coerce").fillna(1).astype(int),
            "no_quartile": d.No_Quartile.fillna("")
            .str.strip()
            .str.lower()
            .isin(["1", "y", "yes", "true"]),
        }
    )


def _add_derived(
    values: pd.DataFrame, disagreements: pd.DataFrame, catalogue: Any, prov: Provenance
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Figures the catalogue derives from others (spend per child, shares), and where two finance
    returns disagree about the same line (recorded beside the release disagreements)."""
    expressions = {i.id: s.derived for i in catalogue for s in i.sources if s.derived}

    def source_for(indicator: str, expr: str) -> int:
        # A derived figure is as new as the latest release it is made from, not the build day.
        _, num, den = finance.parse_expression(expr)
        ids = values.loc[values.indicator_id.isin([num, den]), "source_id"].dropna().unique()
        release = max((prov.release_of(int(i)) for i in ids), default=None)
        return prov.source(
            f"derived:{indicator}", release=release, publication=f"Derived by Line of Sight: {expr}"
        )

    derived = finance.derive(values, expressions, source_for)
    values = pd.concat([values, derived], ignore_index=True)
    values = values.sort_values(["indicator_id", "area_code", "year"], ignore_index=True)
    clash = finance.source_disagreements(values)
    if not clash.empty:
        disagreements = pd.concat([disagreements, clash], ignore_index=True)
    return values, disagreements


def build(shared: Path, out: Path = PACKAGE_DATA, echo: Any = print) -> dict[str, Any]:
    """Read ``shared/data``, write the bundled Parquet files to ``out``; return a summary."""
    from lineofsight.indicators.catalogue import load_catalogue

    started = datetime.now()
    data = shared / "data"
    if not data.exists():
        raise UserError(
            f"The raw published data folder '{data}' does not exist; set LINEOFSIGHT_SHARED."
        )
    prov = Provenance(shared)
    reg = LaRegistryBuilder(shared)
    las, aliases = reg.frames()
    neighbours = build_neighbours(data, reg)
    vb = ValuesBuilder(shared, reg, prov)
    lait = vb.lait_frame()
    catalogue = load_catalogue()
    for ind in catalogue:
        for src in ind.sources:
            if src.lait:
                vb.add_lait(ind.id, src.lait, lait)
            elif src.ees:
                vb.add_ees(ind.id, src.ees)
            elif src.ofsted:
                vb.add_ofsted(ind.id, src.ofsted)
            elif src.finance:
                finance.add_finance(vb, ind.id, src.finance)
    for code in sorted(lait):
        vb.add_lait(f"lait:{code}", code, lait)
    vb.add_population()
    values, disagreements = resolve(vb.frame(), prov)
    values, disagreements = _add_derived(values, disagreements, catalogue, prov)
    values = england_from_regions(values, reg, prov)
    workforce = {i.id for i in catalogue if i.theme == "workforce"} | {
        f"lait:{c}"
        for c in vb.lait_dict.loc[
            vb.lait_dict.Topic == "Children's Services Workforce", "Measure_short"
        ]
    }
    values = mark_joint_returns(values, reg, workforce)
    ilacs, send = build_ofsted(data, reg, prov)
    measures = lait_measures(vb)

    out.mkdir(parents=True, exist_ok=True)
    values = values.astype(VALUE_DTYPES)
    frames = {
        "las": las,
        "aliases": aliases,
        "neighbours": neighbours,
        "values": values,
        "sources": prov.frame(),
        "ofsted_ilacs": ilacs,
        "ofsted_send": send,
        "lait_measures": measures,
    }
    for name, frame in frames.items():
        # Row groups of VALUES_GROUP rows: the values are sorted by indicator, so a reader that
        # wants one indicator (the population for rates) decodes one or two groups, not the file.
        frame.to_parquet(
            out / f"{name}.parquet", index=False, compression="zstd", row_group_size=VALUES_GROUP
        )
    if not disagreements.empty:
        disagreements.to_csv(out / "disagreements.csv", index=False, quoting=csv.QUOTE_MINIMAL)
    summary = {
        "las_current": int((las.status == "current").sum()),
        "las_predecessor": int((las.status == "predecessor").sum()),
        "values": len(values),
        "catalogue_indicators": len(list(catalogue)),
        "lait_measures": len(measures),
        "sources": len(prov.sources),
        "disagreements": len(disagreements),
        "ilacs_inspections": len(ilacs),
        "send_inspections": len(send),
        "seconds": round((datetime.now() - started).total_seconds(), 2),
    }
    (out / "build_summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    echo(
        f"Built {summary['values']:,} values for {summary['las_current']} LAs "
        f"({summary['las_predecessor']} predecessors) from {summary['sources']} sources "
        f"in {summary['seconds']} s."
    )
    if not disagreements.empty:
        by = disagreements.pivot_table(
            index="indicator_id", columns="kind", aggfunc="size", fill_value=0
        )
        echo(
            f"{len(disagreements):,} values differ between releases (the later release was kept, "
            "unless it said only 'not available'); "
            f"see {out / 'disagreements.csv'}:"
        )
        for ind_id, row in by.iterrows():
            kinds = ("number", "state", "ro3_vs_s251")
            parts = [f"{int(row.get(k, 0))} {k}" for k in kinds if row.get(k, 0)]
            echo(f"  {ind_id}: {', '.join(parts)}")
    return summary


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else default_shared()
    try:
        build(shared)
    except UserError as exc:
        print(f"Error: {exc.message}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
