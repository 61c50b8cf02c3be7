"""Read the children's social work workforce (CSWW) census XML: workers and LA-level vacancies.

``YEAR`` is the census year (30 September). Repeated elements that the XSD allows more than
once on a worker (qualifications, contract weeks, absence reasons) are kept together: numbers
are summed (ContractWeeks) and codes joined with commas.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

from lineofsight.errors import UserError
from lineofsight.returns import checks, coerce, schema, textio, xmlio, years
from lineofsight.returns.findings import Finding, Findings, ReadResult, Severity
from lineofsight.values import is_digits

KIND = "workforce"
ID = "SWENo"
WORKER = [
    "AgencyWorker", "SWENo", "FTE", "PersonBirthDate", "GenderCurrent", "Ethnicity", "QualInst",
    "QualLevel", "StepUpGrad", "OrgRole", "RoleStartDate", "StartOrigin", "RoleEndDate",
    "LeaverDestination", "ReasonLeave", "FTE30", "Cases30", "WorkingDaysLost", "ContractWeeks",
    "FrontlineGrad", "Absat30Sept", "ReasonAbsence", "CFKSSstatus",
]  # fmt: skip
LA_LEVEL = ["NumberOfVacancies", "NoAgencyFTE", "NoAgencyHeadcount"]
_MULTI_CODES = {"Absat30Sept", "ReasonAbsence", "CFKSSstatus", "QualInst"}


def _census_year(root: Any, path: Path, explicit: int | None) -> tuple[int | None, list[Finding]]:
    if explicit is not None:
        return explicit, []
    ref = root.findtext("Header/CollectionDetails/ReferenceDate")
    if ref:
        parsed, bad = coerce.to_dates(pd.Series([ref], dtype="string"))
        if not bad.iloc[0] and not pd.isna(parsed.iloc[0]):
            return int(parsed.iloc[0].year), []
    text = (root.findtext("Header/CollectionDetails/Year") or "").strip()
    if is_digits(text):
        return int(text), []
    named = years.from_name(path)[0]
    if named is not None:
        return named, []
    note = Finding(
        "YEAR-UNKNOWN",
        Severity.QUERY,
        path.name,
        None,
        None,
        None,
        "The census year is not in the header or the file name; pass --year.",
    )
    return None, [note]


def _worker(el: Any, unknown: set[str]) -> dict[str, Any]:
    rec: dict[str, Any] = {}
    multi: dict[str, list[str]] = defaultdict(list)
    for x in xmlio.elements(el):
        name = x.tag
        if not name:
            continue
        value = xmlio.text_of(x)
        if name == "ContractWeeks" or name in _MULTI_CODES:
            if value is not None:
                multi[name].append(value)
        elif name in WORKER:
            rec[name] = value
        else:
            unknown.add(name)
    for name, values in multi.items():
        if name == "ContractWeeks":
            nums = pd.to_numeric(pd.Series(values), errors="coerce")
            rec[name] = str(nums.sum()) if nums.notna().all() else values[0]
        else:
            rec[name] = ",".join(values)
    return rec


def _frame(
    records: list[dict[str, Any]], cols: list[str], path: Path, year: int | None
) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records).reindex(columns=cols) if records else None
    if frame is None:
        frame = pd.DataFrame({c: pd.Series([], dtype="string") for c in cols})
    frame = frame.astype("string")
    frame["_file"] = pd.Series([path.name] * len(frame), dtype="string")
    frame["_row"] = pd.array(range(1, len(frame) + 1), dtype="Int64")
    frame["YEAR"] = pd.Series([year] * len(frame), dtype="Int64")
    return frame


def _columns(names: list[str], spec: schema.Spec) -> list[schema.Column]:
    out = []
    for name in names:
        col = spec.element(name)
        if col is None or name in _MULTI_CODES:
            continue
        out.append(col)
    return out


def read(paths: list[Path], year: int | None = None) -> ReadResult:
    spec = schema.load(KIND)
    findings = Findings()
    workers: list[pd.DataFrame] = []
    la_level: list[pd.DataFrame] = []
    found_years: set[int] = set()
    for path in paths:
        root, notes = xmlio.parse(textio.read_bytes(path), path)
        findings += notes
        if root.tag != "Message" or (
            root.find("CSWWWorker") is None and root.find("LALevelVacancies") is None
        ):
            raise UserError(
                f"{path.name} is XML but not a workforce (CSWW) census return "
                "(no <CSWWWorker> or <LALevelVacancies>)."
            )
        chosen, notes = _census_year(root, path, year)
        findings += notes
        if chosen is not None:
            found_years.add(chosen)
        unknown: set[str] = set()
        recs = [_worker(el, unknown) for el in root.iter("CSWWWorker")]
        workers.append(_frame(recs, WORKER, path, chosen))
        la = []
        for el in root.iter("LALevelVacancies"):
            la.append({xmlio.local(x.tag): xmlio.text_of(x) for x in el if xmlio.local(x.tag)})
        la_level.append(_frame(la, LA_LEVEL, path, chosen))
        if not la:
            findings.append(
                Finding(
                    "CSWW-LA-MISSING",
                    Severity.ERROR,
                    path.name,
                    None,
                    None,
                    "LALevelVacancies",
                    "The return has no <LALevelVacancies>; vacancy and agency cover rates cannot "
                    "be computed. Add the LA-level figures.",
                )
            )
        for name in sorted(unknown):
            findings.append(
                Finding(
                    "COLUMN-EXTRA",
                    Severity.QUERY,
                    path.name,
                    None,
                    None,
                    name,
                    f"<{name}> is not part of the CSWW worker schema; it was ignored.",
                )
            )
    tables: dict[str, pd.DataFrame] = {}
    for name, parts, cols in (("workers", workers, WORKER), ("la_level", la_level, LA_LEVEL)):
        raw = pd.concat(parts, ignore_index=True) if parts else _frame([], cols, Path("-"), None)
        typed, found = checks.type_columns(raw, _columns(cols, spec), spec, ID, "CSWW")
        findings += found
        tables[name] = typed
    rows = sum(len(t) for t in tables.values())
    return ReadResult(KIND, tables, findings, rows, rows, 0, sorted(found_years) or None)
