"""``lineofsight data update FILE...``: load newer releases of the official files into the store.

The bundled store is built from ``shared/data`` by developers; a council running the service needs
to take Ofsted's next outcomes workbook without a developer. This reads the newer file, checks it
has the official layout, and writes a whole new store to ``$LINEOFSIGHT_HOME/published`` (the
package's own files are never touched), with a provenance row for the file: its name, title,
release date and SHA-256. What changed is returned as sentences for the command to print.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from lineofsight.databuild.build import (
    JUDGEMENT_GRADES,
    LICENCE,
    OFSTED_COLUMNS,
    UNINFORMATIVE,
    VALUE_DTYPES,
    VALUES_GROUP,
    Collected,
    LaRegistryBuilder,
    ValuesBuilder,
    year_label,
)
from lineofsight.errors import UserError
from lineofsight.published.store import Store, active_dir, load_store, updated_dir

HISTORY_SHEET = "ILACS_inspection_history"
AS_AT_SHEET = "Inspections_as_at_31_March"
HISTORY_HEADERS = [
    "Local authority area code",
    "Local authority name",
    "Inspection date",
    "Publication date",
    "Inspection type",
    *OFSTED_COLUMNS.values(),
]
JUDGEMENTS = {"", "Outstanding", "Good", "Requires improvement to be good", "Inadequate"}


@dataclass
class Workbook:
    """An Ofsted outcomes workbook as read: its title, release date and ILACS history rows."""

    title: str
    release: date
    history: list[dict[str, str]]
    as_at: list[dict[str, str]] = field(default_factory=list)


def _cell(value: object) -> str:
    """A cell as text; dates (read as datetimes) as ISO dates."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    return text[:10] if len(text) >= 19 and text[4] == "-" and text[10] == " " else text


def _table(rows: list[list[Any]], first: str, where: str) -> list[dict[str, str]]:
    """The table whose header row starts with ``first`` (Ofsted puts notes above it)."""
    for i, row in enumerate(rows):
        if row and _cell(row[0]) == first:
            header = [_cell(h) for h in row]
            return [
                dict(zip(header, (_cell(c) for c in r), strict=False))
                for r in rows[i + 1 :]
                if any(_cell(c) for c in r)
            ]
    raise UserError(f"{where} has no table starting with a '{first}' column.")


def read_workbook(path: Path) -> Workbook:
    """Read an Ofsted 'Local authority inspection outcomes' workbook (.ods or .xlsx)."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own types for every kind of bad file
        raise UserError(f"'{path.name}' is not a readable spreadsheet ({exc}).") from exc
    sheets = set(book.sheet_names)
    if HISTORY_SHEET not in sheets:
        raise UserError(
            f"'{path.name}' has no '{HISTORY_SHEET}' sheet, so it is not Ofsted's local authority "
            "inspection outcomes workbook."
        )
    title, release = "", None
    if "Cover" in sheets:
        cover = book.get_sheet_by_name("Cover").to_python()
        title = _cell(cover[0][0]) if cover and cover[0] else ""
        for row in cover:
            if len(row) > 1 and _cell(row[0]).lower().startswith("published on"):
                try:
                    release = date.fromisoformat(_cell(row[1]))
                except ValueError:
                    release = None
    if release is None:
        raise UserError(f"'{path.name}' has no 'Published on' date on its Cover sheet.")
    where = f"The '{HISTORY_SHEET}' sheet of '{path.name}'"
    history = _table(book.get_sheet_by_name(HISTORY_SHEET).to_python(), "Web link", where)
    as_at: list[dict[str, str]] = []
    if AS_AT_SHEET in sheets:
        as_at = _table(book.get_sheet_by_name(AS_AT_SHEET).to_python(), "Web link", where)
    check_history(history, where)
    return Workbook(title or path.stem.replace("_", " "), release, history, as_at)


def check_history(rows: list[dict[str, str]], where: str) -> None:
    """The official layout: every column present, dates real, judgements on Ofsted's scale."""
    if not rows:
        raise UserError(f"{where} has no inspections.")
    missing = [h for h in HISTORY_HEADERS if h not in rows[0]]
    if missing:
        raise UserError(f"{where} lacks the column(s) {', '.join(repr(m) for m in missing)}.")
    for n, r in enumerate(rows, start=1):
        for col in ("Inspection date", "Publication date"):
            try:
                date.fromisoformat(r[col])
            except ValueError:
                raise UserError(
                    f"{where}, inspection {n}: '{r[col]}' in '{col}' is not a date."
                ) from None
        for col in OFSTED_COLUMNS.values():
            if r[col] not in JUDGEMENTS:
                raise UserError(f"{where}, inspection {n}: '{r[col]}' is not an Ofsted judgement.")


def _source_row(
    store: Store, path: Path, title: str, publisher: str, release: date
) -> dict[str, Any]:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return {
        "source_id": int(store.sources.source_id.max()) + 1,
        "file": path.name,
        "publication": title,
        "publisher": publisher,
        "release": release.isoformat(),
        "origin": f"lineofsight data update {date.today().isoformat()}: {path.name} sha256 {digest}",
        "licence": LICENCE,
    }


def _latest(ilacs: pd.DataFrame) -> dict[str, tuple[str, str]]:
    ordered = ilacs.sort_values(["la_code", "inspection_date"])
    last = ordered.groupby("la_code").tail(1)
    return {str(r.la_code): (str(r.overall), str(r.inspection_date)) for r in last.itertuples()}


def apply_ofsted(store: Store, path: Path) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The store's tables with the workbook's ILACS history (it is complete, so it replaces the
    old one) and its judgements as at 31 March as values; and sentences saying what changed."""
    book = read_workbook(path)
    aliases = dict(zip(store.aliases.alias.str.lower(), store.aliases.code, strict=True))
    aliases |= {c.lower(): c for c in store.las.code}
    src = _source_row(store, path, book.title, "Ofsted", book.release)
    rows = []
    for n, r in enumerate(book.history, start=1):
        code = aliases.get(r["Local authority area code"].lower())
        if code is None:
            raise UserError(
                f"Inspection {n} of '{path.name}' is for '{r['Local authority area code']}', "
                "which is not a council code the service knows."
            )
        rows.append(
            {
                "la_code": code,
                "inspection_date": r["Inspection date"],
                "publication_date": r["Publication date"],
                "inspection_type": r["Inspection type"],
                **{k: r[v] for k, v in OFSTED_COLUMNS.items()},
                "source_id": src["source_id"],
            }
        )
    ilacs = pd.DataFrame(rows).astype({"source_id": store.ofsted_ilacs.source_id.dtype})
    values = store.values
    year = str(book.release.year if book.release.month > 3 else book.release.year - 1)
    if book.as_at:
        values = _judgement_values(store, book, aliases, src["source_id"], year)
    before, after = _latest(store.ofsted_ilacs), _latest(ilacs)
    names = dict(zip(store.las.code, store.las.name, strict=True))
    changes = [
        f"Ofsted ILACS history: {len(store.ofsted_ilacs)} inspections before, {len(ilacs)} now "
        f"({book.title}, published {book.release.isoformat()})."
    ]
    for code in sorted(after, key=lambda c: names.get(c, c)):
        if before.get(code) != after[code]:
            old = before.get(code)
            was = f"{old[0]} ({old[1]})" if old else "no inspection"
            changes.append(
                f"  {names.get(code, code)}: latest judgement {was} -> {after[code][0]} "
                f"({after[code][1]})."
            )
    sources = pd.concat([store.sources, pd.DataFrame([src])], ignore_index=True)
    return {"ofsted_ilacs": ilacs, "values": values, "sources": sources}, changes


def _judgement_values(
    store: Store, book: Workbook, aliases: dict[str, str], source_id: int, year: str
) -> pd.DataFrame:
    """Each catalogue Ofsted indicator's grade for ``year`` from the 'as at 31 March' sheet."""
    from lineofsight.indicators.catalogue import load_catalogue

    wanted = {s.ofsted: i.id for i in load_catalogue() for s in i.sources if s.ofsted}
    new = []
    for r in book.as_at:
        code = aliases.get(r.get("Local authority area code", "").lower())
        if code is None:
            continue
        for judgement, indicator in wanted.items():
            grade = JUDGEMENT_GRADES.get(r.get(OFSTED_COLUMNS[judgement], "").strip().lower())
            new.append(
                {
                    "indicator_id": indicator,
                    "area_code": code,
                    "year": year,
                    "value": float(grade) if grade else float("nan"),
                    "state": "value" if grade else "x",
                    "source_id": source_id,
                    "note": "",
                }
            )
    return _merge_values(store.values, pd.DataFrame(new))


def _merge_values(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """``new`` replaces ``old`` where both give a figure (the later release wins), except that a
    bare "not available" never replaces a number or a more specific code (as in the build)."""
    if new.empty:
        return old
    key = ["indicator_id", "area_code", "year"]
    base = old.astype({k: str for k in [*key, "state", "note"]})
    said = base[~base.state.isin(UNINFORMATIVE)]
    bare = new.state.astype(str).isin(UNINFORMATIVE).to_numpy()
    known = pd.MultiIndex.from_frame(new[key].astype(str)).isin(pd.MultiIndex.from_frame(said[key]))
    new = new[~(bare & known)]
    if new.empty:
        return old
    keys = pd.MultiIndex.from_frame(new[key].astype(str))
    kept = base[~pd.MultiIndex.from_frame(base[key]).isin(keys)]
    merged = pd.concat([kept, new.astype(base.dtypes.to_dict())], ignore_index=True)
    merged = merged.sort_values(key, ignore_index=True)
    return merged.astype(VALUE_DTYPES)


EES_COLUMNS = ["time_period", "geographic_level", "old_la_code", "la_name"]
POPULATION = {
    "file": "reference/ons_mid-year_population_estimates_2012_to_2024.csv",
    "column": "population_estimate",
}


def family(name: str) -> str:
    """A file's name without its years: newer releases of one table share it."""
    return re.sub(r"_?\d{4}(_to_\d{4})?", "", Path(name).stem.lower())


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", errors="replace") as f:
        return next(csv.reader([f.readline()]), [])


def kind_of(path: Path) -> str:
    """Which official file this is, from its form: a workbook or a DfE EES-layout CSV."""
    if path.suffix.lower() in {".ods", ".xlsx"}:
        return "ofsted"
    if path.suffix.lower() == ".csv" and {"time_period", "geographic_level"} <= set(_header(path)):
        return "ees"
    raise UserError(
        f"'{path.name}' is not a file 'data update' can take: give Ofsted's local authority "
        "inspection outcomes workbook (.ods or .xlsx) or a DfE statistics CSV (EES layout)."
    )


def ees_specs(path: Path) -> dict[str, dict[str, Any]]:
    """For each indicator the file feeds, the catalogue's latest source spec from the same table."""
    from lineofsight.indicators.catalogue import load_catalogue

    want = family(path.name)
    specs: dict[str, dict[str, Any]] = {}
    for ind in load_catalogue():
        for src in ind.sources:
            if src.ees and family(src.ees["file"]) == want:
                specs[ind.id] = dict(src.ees)
    if family(POPULATION["file"]) == want:
        specs["population_0_17"] = dict(POPULATION)
    if not specs:
        raise UserError(
            f"'{path.name}' is not a newer release of any DfE or ONS table the service reads; "
            "keep the official file name (the years in it may change)."
        )
    header = set(_header(path))
    for indicator, spec in specs.items():
        need = [*EES_COLUMNS, spec["column"], *(spec.get("filter") or {})]
        missing = [c for c in need if c not in header]
        if missing:
            raise UserError(
                f"'{path.name}' lacks the column(s) {', '.join(repr(m) for m in missing)} "
                f"that '{indicator}' is read from."
            )
    return specs


class _Registry:
    """The parts of the build's council registry that reading an EES table needs, from the store."""

    area_for = LaRegistryBuilder.area_for

    def __init__(self, store: Store) -> None:
        self.geo = {"england": {"code": "E92000001"}}
        self.by_old = {
            str(a): str(c)
            for a, c in zip(store.aliases.alias, store.aliases.code, strict=True)
            if str(a).isdigit()
        }


class _OneSource:
    def __init__(self, source_id: int) -> None:
        self.source_id = source_id

    def source(self, file: str, release: str | None = None, publication: str | None = None) -> int:
        return self.source_id


def _publication(store: Store, specs: dict[str, dict[str, Any]], latest: str) -> tuple[str, str]:
    """The title and publisher of the release this file supersedes, with its year moved on."""
    files = {spec["file"] for spec in specs.values()}
    rows = store.sources[store.sources.file.isin(files)].sort_values("release")
    if rows.empty:
        return f"Newer release ({latest})", "Department for Education"
    last = rows.iloc[-1]
    title = re.sub(r"\b(19|20)\d{2}\b(?!.*\b(19|20)\d{2}\b)", latest, str(last.publication))
    return title, str(last.publisher)


def apply_ees(
    store: Store, path: Path, released: date
) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The store's values with the file's figures (they win over the same year's older ones)."""
    specs = ees_specs(path)
    vb = object.__new__(ValuesBuilder)  # only its EES reader: no LAIT or shared/ folder needed
    reg = _Registry(store)
    vb.data, vb.reg, vb.out, vb._ees_cache = path.parent, reg, Collected([]), {}  # type: ignore[assignment]
    vb.region_codes = {str(c) for c in store.las.region_code if str(c)}
    table = vb.ees_table(path.name)
    latest = max((year_label(str(y)) for y in table.time_period), default="")
    title, publisher = _publication(store, specs, latest[:4])
    src = _source_row(store, path, title, publisher, released)
    vb.prov = _OneSource(src["source_id"])  # type: ignore[assignment]
    for indicator, spec in specs.items():
        vb.add_ees(indicator, spec | {"file": path.name})
    new = vb.frame()
    old = store.values
    changes = [f"{path.name}: {title} (released {released.isoformat()}), {len(new):,} figures."]
    key = ["indicator_id", "area_code", "year"]
    before = old[old.indicator_id.isin(specs)].astype({k: str for k in key})
    joined = new.astype({k: str for k in key}).merge(before, on=key, how="left", indicator=True)
    for indicator in specs:
        rows = joined[joined.indicator_id == indicator]
        added = rows[rows._merge == "left_only"]
        same = rows[rows._merge == "both"]
        revised = same[
            ~((same.value_x == same.value_y) | (same.value_x.isna() & same.value_y.isna()))
            | (same.state_x != same.state_y.astype(str))
        ]
        years = sorted(set(added.year))
        changes.append(
            f"  {indicator}: {len(added)} new figures"
            + (f" (years {', '.join(years)})" if years else "")
            + f", {len(revised)} revised."
        )
    sources = pd.concat([store.sources, pd.DataFrame([src])], ignore_index=True)
    return {"values": _merge_values(old, new), "sources": sources}, changes


def update(paths: list[Path], released: date | None = None) -> list[str]:
    """Apply each file in turn and write the new store under ``$LINEOFSIGHT_HOME``; nothing is
    written unless every file passes its checks."""
    target = updated_dir()
    if target is None:
        raise UserError("Set LINEOFSIGHT_HOME: 'data update' writes the updated data there.")
    for p in paths:
        if not p.is_file():
            raise UserError(f"'{p}' is not a file.")
    source = active_dir()
    store = load_store(source)
    tables = {name: getattr(store, name) for name in Store.__dataclass_fields__}
    changes: list[str] = []
    for p in paths:
        current = Store(**tables)
        if kind_of(p) == "ofsted":
            changed, said = apply_ofsted(current, p)
        else:
            changed, said = apply_ees(current, p, released or date.today())
        tables |= changed
        changes += said
    staging = target.with_name(target.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    for name, frame in tables.items():
        frame.to_parquet(
            staging / f"{name}.parquet",
            index=False,
            compression="zstd",
            row_group_size=VALUES_GROUP,
        )
    summary = json.loads((source / "build_summary.json").read_text())
    summary["updated"] = [*summary.get("updated", []), *[p.name for p in paths]]
    summary["ilacs_inspections"] = len(tables["ofsted_ilacs"])
    summary["values"] = len(tables["values"])
    (staging / "build_summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    if target.exists():
        shutil.rmtree(target)
    os.replace(staging, target)
    return [
        *changes,
        f"Wrote the updated data to {target}; the package's own data is unchanged.",
        "Restart the web service to show it (a running service keeps the data it started with).",
    ]
