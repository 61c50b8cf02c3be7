"""Read an SSDA903 return, as the DfE CSV set or as XML, one or several collection years at once.

CSV tables are recognised by their header columns, not their file names, because councils
name files every way imaginable. Output follows docs/architecture.md: one DataFrame per table,
DfE column names, dates as datetime64[ns], codes as pandas ``string``, plus ``_file``, ``_row``
and ``YEAR`` (the collection year, ending 31 March).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from lineofsight.errors import UserError
from lineofsight.returns import checks, coerce, schema, tabular, textio, xmlio, years
from lineofsight.returns.findings import Finding, Findings, ReadResult, Severity

KIND = "ssda903"
GENERIC = {"CHILD", "DOB", "SEX"}


def spec() -> schema.Spec:
    return schema.load(KIND)


def table_columns() -> dict[str, list[str]]:
    s = spec()
    return {t: [c.name for c in s.table(t)] for t in s.table_names()}


def identify(header: list[str]) -> str | None:
    """The 903 table whose columns best match ``header`` (None when nothing fits)."""
    keys = {textio.column_key(h) for h in header if h.strip()}
    best: tuple[float, int, str] | None = None
    for table, cols in table_columns().items():
        want = {textio.column_key(c) for c in cols}
        hit = keys & want
        distinctive = hit - GENERIC
        if len(hit) < 2 or not distinctive:
            continue
        score = len(hit) / len(keys | want)
        cand = (score, len(hit), table)
        if score >= 0.5 and (best is None or cand[:2] > best[:2]):
            best = cand
    return best[2] if best else None


@dataclass
class _File:
    path: Path
    table: str | None
    raw: pd.DataFrame  # contract column names (those present), strings; _row
    findings: list[Finding] = field(default_factory=list)
    rows_read: int = 0
    rows_reported: int = 0
    year: int | None = None


def _csv_file(path: Path) -> _File:
    text, findings = textio.decode(textio.read_bytes(path), path)
    raw = tabular.parse_csv(text, path)
    findings += raw.findings
    if not raw.header:
        findings.append(
            Finding(
                "FILE-EMPTY",
                Severity.ERROR,
                path.name,
                None,
                None,
                None,
                "The file is empty; export the table again or remove the file.",
            )
        )
        return _File(path, None, pd.DataFrame(), findings)
    table = identify(raw.header)
    if table is None:
        n = raw.rows_read
        findings.append(
            Finding(
                "FILE-UNKNOWN",
                Severity.QUERY,
                path.name,
                None,
                None,
                None,
                f"The columns ({', '.join(raw.header[:6])}) do not match any SSDA903 table, so its "
                f"{n} rows were not used. Check it is a 903 file.",
            )
        )
        return _File(path, None, pd.DataFrame(), findings, n, n)
    wanted = {textio.column_key(c): c for c in table_columns()[table]}
    frame = pd.DataFrame({"_row": raw.frame["_row"]})
    for i, name in enumerate(raw.header):
        target = wanted.get(textio.column_key(name))
        if target is None or target in frame:
            if name.strip():
                findings.append(
                    Finding(
                        "COLUMN-EXTRA",
                        Severity.QUERY,
                        path.name,
                        None,
                        None,
                        name,
                        f"Column '{name}' is not part of the 903 {table} table (or is repeated); "
                        "it was ignored.",
                    )
                )
            continue
        frame[target] = raw.frame[f"c{i}"]
    return _File(path, table, frame, findings, raw.rows_read, raw.rows_reported)


# XML: element -> (table, column) for the fields held directly under HEADER
_XML_HEADER = {"CHILDID": "CHILD", "UPN": "UPN", "SEX": "SEX", "DOB": "DOB", "ETHNIC": "ETHNIC"}
_XML_GROUPS = {
    "uasc": ("DUC",),
    "ad1": ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
    "oc3": ("IN_TOUCH", "ACTIV", "ACCOM"),
}
_XML_CHILDREN = {
    "AREVIEW": "reviews",
    "AMISSING": "missing",
    "PERMANENCE": "previous_permanence",
    "OC2": "oc2",
    "AD_PLACED": "placed_for_adoption",
}


def _xml_files(path: Path) -> list[_File]:
    root, findings = xmlio.parse(textio.read_bytes(path), path)
    if xmlio.local(root.tag) != "EXPSSDA903":
        raise UserError(
            f"{path.name} is XML but not an SSDA903 return (its root is "
            f"<{xmlio.local(root.tag)}>, not <EXPSSDA903>)."
        )
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for child in root:
        if xmlio.local(child.tag) != "CHILD":
            continue
        head: dict[str, Any] = {}
        head_el = None
        episodes = []
        for part in xmlio.elements(child):
            name = part.tag
            if name == "HEADER":
                head_el = part
            elif name == "EPISODE":
                episodes.append(part)
        fields: dict[str, str | None] = {}
        nested: list[tuple[str, Any]] = []
        if head_el is not None:
            for el in xmlio.elements(head_el):
                name = el.tag
                if name in _XML_CHILDREN:
                    nested.append((_XML_CHILDREN[name], el))
                elif name:
                    fields[name] = xmlio.text_of(el)
        ident = fields.get("CHILDID")
        dob = fields.get("DOB")
        head = {col: fields.get(el) for el, col in _XML_HEADER.items()}
        head["MOTHER"] = fields.get("MOTHER")
        head["MC_DOB"] = fields.get("MC_DOB")
        rows["header"].append(head)
        if fields.get("UASC") == "1" or fields.get("DUC"):
            rows["uasc"].append(
                {"CHILD": ident, "SEX": fields.get("SEX"), "DOB": dob, "DUC": fields.get("DUC")}
            )
        for table, cols in _XML_GROUPS.items():
            if table != "uasc" and any(fields.get(c) for c in cols):
                rows[table].append({"CHILD": ident, "DOB": dob, **{c: fields.get(c) for c in cols}})
        for table, el in nested:
            record = {"CHILD": ident, "DOB": dob}
            record.update({xmlio.local(x.tag): xmlio.text_of(x) for x in el})
            rows[table].append(record)
        for ep in episodes:
            record = {"CHILD": ident}
            for x in xmlio.elements(ep):
                name = x.tag
                record["PLACE" if name == "PL" else name] = xmlio.text_of(x)
            rows["episodes"].append(record)
    out = []
    columns = table_columns()
    first = True
    for table, records in rows.items():
        frame = pd.DataFrame.from_records(records).reindex(columns=columns[table]).astype("string")
        frame.insert(0, "_row", pd.Series(range(1, len(frame) + 1), dtype="Int64"))
        out.append(_File(path, table, frame, findings if first else [], len(frame), 0))
        first = False
    if not out:
        out.append(_File(path, None, pd.DataFrame(), findings))
    return out


def _files(paths: list[Path]) -> list[_File]:
    files: list[_File] = []
    for path in paths:
        if path.suffix.lower() == ".xml":
            files += _xml_files(path)
        else:
            files.append(_csv_file(path))
    return files


def _assign_years(files: list[_File], year: int | None) -> list[Finding]:
    findings: list[Finding] = []
    groups: dict[tuple[Path, int | None], list[_File]] = defaultdict(list)
    for f in files:
        named, _ = years.from_name(f.path)
        groups[(f.path.parent, named)].append(f)
    for (_, named), members in groups.items():
        if year is not None:
            for f in members:
                f.year = year
            continue
        exact = any(years.from_name(f.path)[1] for f in members)
        starts = [
            coerce.to_dates(f.raw["DECOM"])[0].max()
            for f in members
            if f.table == "episodes" and "DECOM" in f.raw and len(f.raw)
        ]
        latest = max((s for s in starts if not pd.isna(s)), default=None)
        chosen = years.resolve(named, exact, latest)
        for f in members:
            f.year = chosen
        names = ", ".join(sorted({f.path.name for f in members})[:4])
        if chosen is None:
            findings.append(
                Finding(
                    "YEAR-UNKNOWN",
                    Severity.QUERY,
                    names,
                    None,
                    None,
                    None,
                    "The collection year could not be told from the file names or the episode "
                    "dates; code sets were checked against every year's codes. Pass --year.",
                )
            )
        elif named != chosen and not exact:
            why = f"the name says {named} but " if named else ""
            findings.append(
                Finding(
                    "YEAR-INFERRED",
                    Severity.QUERY,
                    names,
                    None,
                    None,
                    None,
                    f"Read as the year ending 31 March {chosen}: {why}the latest episode starts "
                    f"on {latest:%d/%m/%Y}. Pass --year if that is wrong.",
                )
            )
    return findings


def empty_table(table: str) -> pd.DataFrame:
    """A zero-row table with the contract's columns and dtypes."""
    return _empty(table).copy()


@cache
def _empty(table: str) -> pd.DataFrame:
    s = spec()
    data: dict[str, Any] = {}
    for col in s.table(table):
        data[col.name] = pd.Series(
            [], dtype="datetime64[ns]" if col.type == "date" else _dtype(col.type)
        )
    data["_file"] = pd.Series([], dtype="string")
    data["_row"] = pd.Series([], dtype="Int64")
    data["YEAR"] = pd.Series([], dtype="Int64")
    return pd.DataFrame(data)


def _dtype(kind: str) -> str:
    return {"int": "Int64", "decimal": "Float64"}.get(kind, "string")


def read(paths: list[Path], year: int | None = None) -> ReadResult:
    """Read 903 CSV and XML files (already expanded from folders) into one ReadResult."""
    files = _files(paths)
    findings = Findings(x for f in files for x in f.findings)
    findings += _assign_years(files, year)
    s = spec()
    by_table: dict[str, list[pd.DataFrame]] = defaultdict(list)
    seen: dict[tuple[str, int | None], list[str]] = defaultdict(list)
    for f in files:
        if f.table is None:
            continue
        cols = s.table(f.table)
        present = {c.name for c in cols} & set(f.raw.columns)
        for col in cols:
            if col.name not in present and col.required and len(f.raw):
                findings.append(
                    Finding(
                        "COLUMN-MISSING",
                        Severity.ERROR,
                        f.path.name,
                        None,
                        None,
                        col.name,
                        f"The {f.table} table has no {col.name} column, which DfE requires; "
                        "add the column.",
                    )
                )
        raw = f.raw.copy()
        raw["_file"] = pd.Series([f.path.name] * len(raw), index=raw.index, dtype="string")
        raw["YEAR"] = pd.Series([f.year] * len(raw), index=raw.index, dtype="Int64")
        typed, found = checks.type_columns(
            raw, [c for c in cols if c.name in present], s, "CHILD", f.table
        )
        findings += found
        by_table[f.table].append(typed)
        seen[(f.table, f.year)].append(f.path.name)
    for (table, yr), names in seen.items():
        if len(set(names)) > 1:
            findings.append(
                Finding(
                    "FILE-REPEATED",
                    Severity.QUERY,
                    ", ".join(sorted(set(names))),
                    None,
                    None,
                    None,
                    f"More than one file holds the {table} table for {yr or 'the same year'}; "
                    "their rows were combined. Remove any file that is an old copy.",
                )
            )
    tables: dict[str, pd.DataFrame] = {}
    reported = sum(f.rows_reported for f in files)
    for table in s.table_names():
        base = empty_table(table)
        parts = by_table.get(table, [])
        if parts:
            frame = pd.concat([p.reindex(columns=base.columns) for p in parts], ignore_index=True)
            frame = frame.astype(base.dtypes.to_dict())
        else:
            frame = base
        frame, dups = _drop_duplicates(frame)
        findings += dups
        reported += len(dups)
        tables[table] = frame
    rows_read = sum(f.rows_read for f in files)
    found_years = sorted({f.year for f in files if f.year is not None and f.table})
    return ReadResult(
        KIND,
        tables,
        findings,
        rows_read=rows_read,
        rows_used=sum(len(t) for t in tables.values()),
        rows_reported=reported,
        years=found_years or None,
    )


def _drop_duplicates(frame: pd.DataFrame) -> tuple[pd.DataFrame, Findings]:
    """Exact repeats of a record (same values in every column, same year) are reported and
    dropped, keeping the first, so they cannot be counted twice by an indicator."""
    if frame.empty:
        return frame, Findings()
    data = [c for c in frame.columns if c not in ("_file", "_row")]
    dup = frame.duplicated(subset=data, keep="first")
    if not dup.any():
        return frame, Findings()
    found = Findings()
    found += checks.emit(
        frame,
        dup,
        "ROW-DUPLICATE",
        Severity.QUERY,
        None,
        "This row repeats an earlier row exactly; the repeat was not used.",
        "CHILD",
    )
    return frame.loc[~dup].reset_index(drop=True), found
