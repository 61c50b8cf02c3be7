"""Rebuild the bundled column and code-set files from the DfE / Social Finance specifications.

Developers only: ``python -m lineofsight.returns.schema_build [SPECS_DIR]`` reads
``../shared/data/specs`` and writes compact YAML beside each reader (``ssda903/schema/``,
``cin/schema/``, ``workforce/schema/``). The package itself never reads ``../shared`` at run time.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml
from lxml import etree

HERE = Path(__file__).resolve().parent
XS = "{http://www.w3.org/2001/XMLSchema}"

# liiatools table names -> ours (docs/architecture.md)
_903_TABLES = {
    "Header": "header",
    "Episodes": "episodes",
    "UASC": "uasc",
    "Reviews": "reviews",
    "OC2": "oc2",
    "OC3": "oc3",
    "AD1": "ad1",
    "PlacedAdoption": "placed_for_adoption",
    "PrevPerm": "previous_permanence",
    "Missing": "missing",
    "SocialWorker": "sw_episodes",
}
_903_DIFF_TABLES = {
    "header": "header",
    "episodes": "episodes",
    "uasc": "uasc",
    "oc3": "oc3",
    "social_worker": "sw_episodes",
}
# DfE 903 rule codes for "not a valid code / date" per field (903_2024_25_rule_info.csv)
_903_FIELD_RULES = {
    ("header", "SEX"): "101",
    ("header", "DOB"): "102",
    ("header", "ETHNIC"): "103",
    ("header", "MC_DOB"): "171",
    ("uasc", "DUC"): "104",
    ("ad1", "DATE_INT"): "112",
    ("ad1", "DATE_MATCH"): "113",
    ("ad1", "FOSTER_CARE"): "114",
    ("ad1", "NB_ADOPTR"): "175",
    ("ad1", "SEX_ADOPTR"): "176",
    ("ad1", "LS_ADOPTR"): "177",
    ("placed_for_adoption", "DATE_PLACED"): "115",
    ("placed_for_adoption", "DATE_PLACED_CEASED"): "116",
    ("placed_for_adoption", "REASON_PLACED_CEASED"): "120",
    ("oc3", "IN_TOUCH"): "131",
    ("oc3", "ACTIV"): "132",
    ("oc3", "ACCOM"): "133",
    ("episodes", "DECOM"): "141",
    ("episodes", "RNE"): "143",
    ("episodes", "LS"): "144",
    ("episodes", "CIN"): "145",
    ("episodes", "PLACE"): "146",
    ("episodes", "DEC"): "147",
    ("episodes", "REC"): "149",
    ("episodes", "PLACE_PROVIDER"): "178",
    ("episodes", "REASON_PLACE_CHANGE"): "1009",
    ("reviews", "REVIEW"): "166",
    ("reviews", "REVIEW_CODE"): "167",
    ("oc2", "SDQ_SCORE"): "180",
    ("oc2", "SDQ_REASON"): "196",
    ("missing", "MISSING"): "1006",
    ("missing", "MIS_START"): "1004",
    ("missing", "MIS_END"): "1005",
    ("previous_permanence", "PREV_PERM"): "631",
    ("previous_permanence", "DATE_PERM"): "632",
    ("sw_episodes", "SW_DECOM"): "SW04STG1",
    ("sw_episodes", "SW_DEC"): "SW05STG1",
    ("sw_episodes", "SW_REASON"): "SW13STG1",
}
# CIN census rule codes for an invalid or missing code (DfE CIN validation rules)
_CIN_FIELD_RULES = {
    "GenderCurrent": "4180",
    "Sex": "4180",
    "Ethnicity": "4220",
    "Disability": "8540",
    "PrimaryNeedCode": "8650",
    "ReferralSource": "8866",
    "ReasonForClosure": "8640",
    "InitialCategoryOfAbuse": "8905",
    "LatestCategoryOfAbuse": "8910",
    "ReferralNFA": "8568",
    "LAchildID": "8500",
}


def _ranges(by_year: dict[int, list[str]]) -> list[dict[str, Any]]:
    """Collapse {year: codes} into [{from, to, codes}] runs of identical code lists."""
    out: list[dict[str, Any]] = []
    for year in sorted(by_year):
        codes = by_year[year]
        if out and out[-1]["codes"] == codes and out[-1]["to"] == year - 1:
            out[-1]["to"] = year
        else:
            out.append({"from": year, "to": year, "codes": codes})
    return out


def _903_column(spec: dict[str, Any]) -> tuple[str, list[str] | None, bool]:
    required = str(spec.get("canbeblank", "yes")).lower() in ("no", "false")
    if spec.get("canbeblank") is False:
        required = True
    if "date" in spec:
        return "date", None, required
    if "numeric" in spec:
        return "int", None, required
    if "category" in spec:
        return "code", [str(c["code"]).strip() for c in spec["category"]], required
    return "string", None, required


def build_903(specs: Path) -> dict[str, Any]:
    folder = specs / "ssda903" / "liiatools_schema"
    years: dict[int, dict[str, dict[str, Any]]] = {}
    for year in range(2017, 2025):
        raw = yaml.safe_load((folder / f"SSDA903_schema_{year}.yml").read_text())["column_map"]
        years[year] = {_903_TABLES[t]: cols for t, cols in raw.items() if t in _903_TABLES}
    import copy

    for year in (2025, 2026):
        base = copy.deepcopy(years[year - 1])
        diff = yaml.safe_load((folder / f"SSDA903_schema_{year}.diff.yml").read_text())
        for key, change in diff.items():
            parts = key.split(".")
            table = _903_DIFF_TABLES[parts[1]]
            if change["type"] == "add":
                base[table] = change["value"]
            elif change["type"] == "modify" and parts[-1] == "category":
                base[table][parts[2]]["category"] = change["value"]
        years[year] = base
    tables: dict[str, Any] = {}
    codesets: dict[str, Any] = {}
    for year, ytables in years.items():
        for table, cols in ytables.items():
            tspec = tables.setdefault(table, {"since": year, "columns": {}})
            for col, spec in cols.items():
                kind, codes, required = _903_column(spec)
                cspec = tspec["columns"].setdefault(col, {"type": kind, "required": required})
                rule = _903_FIELD_RULES.get((table, col))
                if rule:
                    cspec["rule"] = rule
                if codes is not None:
                    name = f"{table}.{col}"
                    cspec["codes"] = name
                    codesets.setdefault(name, {})[year] = codes
    return {
        "tables": tables,
        "codesets": {k: _ranges(v) for k, v in codesets.items()},
    }


def _xsd_codes(root: Any) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for st in root.iter(f"{XS}simpleType"):
        name = st.get("name")
        enums = st.findall(f".//{XS}enumeration")
        if not name or not enums:
            continue
        codes: dict[str, str] = {}
        for e in enums:
            doc = e.find(f".//{XS}documentation")
            codes[str(e.get("value"))] = (
                " ".join((doc.text or "").split()) if doc is not None else ""
            )
        out[name] = codes
    return out


def _xsd_elements(root: Any, codes: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for el in root.iter(f"{XS}element"):
        name, typ = el.get("name"), el.get("type") or ""
        if not name:
            continue
        if typ == "xs:date":
            kind = "date"
        elif typ in codes:
            kind = "code"
        elif "integer" in typ:
            kind = "int"
        elif "decimal" in typ or typ in ("ftetype", "twodecimalplaces", "onedecimalplace"):
            kind = "decimal"
        elif el.find(f"{XS}complexType") is not None or (typ.endswith("type") and typ not in codes):
            kind = "string" if typ in ("upntype", "swetype") else "group"
        else:
            kind = "string"
        spec: dict[str, Any] = {"type": kind, "required": el.get("minOccurs", "1") != "0"}
        if kind == "code":
            spec["codes"] = typ
        out[name] = spec
    return out


def build_xsd(paths: dict[int, Path], rules: dict[str, str]) -> dict[str, Any]:
    codesets: dict[str, dict[int, list[str]]] = {}
    labels: dict[str, dict[str, str]] = {}
    elements: dict[str, dict[str, Any]] = {}
    for year, path in sorted(paths.items()):
        root = etree.parse(str(path)).getroot()
        codes = _xsd_codes(root)
        for name, spec in _xsd_elements(root, codes).items():
            if spec["type"] == "group":
                continue
            if name in rules:
                spec["rule"] = rules[name]
            elements[name] = spec
        for name, mapping in codes.items():
            codesets.setdefault(name, {})[year] = list(mapping)
            labels.setdefault(name, {}).update(mapping)
    return {
        "elements": elements,
        "codesets": {k: _ranges(v) for k, v in codesets.items()},
        "labels": labels,
    }


def _write(path: Path, header: str, data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, sort_keys=True, allow_unicode=True, width=100)
    path.write_text(header + text, encoding="utf-8")
    print(f"wrote {path} ({len(text):,} characters)")


def main(argv: list[str]) -> None:
    specs = Path(argv[0]) if argv else HERE.parents[3] / ".." / "shared" / "data" / "specs"
    note = "# Generated by `python -m lineofsight.returns.schema_build`; do not edit by hand.\n"
    _write(
        HERE / "ssda903" / "schema" / "ssda903.yaml",
        note
        + "# Source: Social Finance liia-tools SSDA903_schema_2017-2024.yml + 2025/2026 diffs (MIT).\n",
        build_903(specs),
    )
    cin = {y: specs / "cin_census" / f"CIN_schema_{y}.xsd" for y in range(2017, 2027)}
    _write(
        HERE / "cin" / "schema" / "cin.yaml",
        note + "# Source: DfE CIN census XSDs 2017-2026 as carried by liia-tools-pipeline (MIT).\n",
        build_xsd(cin, _CIN_FIELD_RULES),
    )
    _write(
        HERE / "workforce" / "schema" / "csww.yaml",
        note + "# Source: DfE CSWW XSD 2022 as carried by Social Finance liia-tools (MIT).\n",
        build_xsd({2022: specs / "csww" / "social_work_workforce_2022.xsd"}, {}),
    )


if __name__ == "__main__":
    main(sys.argv[1:])
