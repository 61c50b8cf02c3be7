"""Read CIN census XML (schema years 2017-2026) into the own-data tables of docs/architecture.md.

``CINdetailsID`` numbers each CIN episode across everything read in one call, so sub-tables
(assessments, plans, section 47 enquiries, child protection plans) join to their episode even
when several years are loaded together; ``CPPID`` does the same for plans and their reviews.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from lineofsight.errors import UserError
from lineofsight.returns import checks, coerce, schema, textio, xmlio, years
from lineofsight.returns.findings import Finding, Findings, ReadResult, Severity
from lineofsight.values import is_digits

KIND = "cin"
ID = "LAchildID"

TABLES: dict[str, list[str]] = {
    "children": [
        "LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate",
        "ExpectedPersonBirthDate", "GenderCurrent", "Sex", "PersonDeathDate", "Ethnicity",
    ],
    "disabilities": ["LAchildID", "Disability"],
    "cin_details": [
        "LAchildID", "CINdetailsID", "CINreferralDate", "ReferralSource", "PrimaryNeedCode",
        "CINclosureDate", "ReasonForClosure", "DateOfInitialCPC", "ReferralNFA",
    ],
    "assessments": [
        "LAchildID", "CINdetailsID", "AssessmentActualStartDate", "AssessmentInternalReviewDate",
        "AssessmentAuthorisationDate", "AssessmentFactors",
    ],
    "cin_plan_dates": ["LAchildID", "CINdetailsID", "CINPlanStartDate", "CINPlanEndDate"],
    "section47": [
        "LAchildID", "CINdetailsID", "S47ActualStartDate", "InitialCPCtarget",
        "DateOfInitialCPC", "ICPCnotRequired",
    ],
    "cp_plans": [
        "LAchildID", "CINdetailsID", "CPPID", "CPPstartDate", "CPPendDate",
        "InitialCategoryOfAbuse", "LatestCategoryOfAbuse", "NumberOfPreviousCPP",
    ],
    "cp_reviews": ["LAchildID", "CINdetailsID", "CPPID", "CPPreviewDate"],
}  # fmt: skip
_IDS = ("CINdetailsID", "CPPID")
_YESNO = ("ReferralNFA", "ICPCnotRequired")
_SUB = {
    "Assessments": "assessments",
    "CINPlanDates": "cin_plan_dates",
    "Section47": "section47",
    "ChildProtectionPlans": "cp_plans",
}
_KNOWN_CHILD_PARTS = {"ChildIdentifiers", "ChildCharacteristics", "CINdetails"}


@dataclass
class _Parsed:
    path: Path
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    findings: list[Finding] = field(default_factory=list)
    header_year: int | None = None
    ref_date: pd.Timestamp | None = None
    unknown: set[str] = field(default_factory=set)


class _Counter:
    def __init__(self) -> None:
        self.cin = 0
        self.cpp = 0


def _fields(el: Any, into: dict[str, Any], unknown: set[str], allowed: list[str]) -> None:
    for x in xmlio.elements(el):
        name = x.tag
        if not name:
            continue
        if name in allowed:
            into[name] = xmlio.text_of(x)
        else:
            unknown.add(name)


def _child(el: Any, p: _Parsed, n: _Counter) -> None:
    kid: dict[str, Any] = {}
    details = []
    for part in xmlio.elements(el):
        name = part.tag
        if name == "ChildIdentifiers":
            _fields(part, kid, p.unknown, TABLES["children"])
        elif name == "ChildCharacteristics":
            for x in xmlio.elements(part):
                xname = x.tag
                if xname == "Ethnicity":
                    kid["Ethnicity"] = xmlio.text_of(x)
                elif xname == "Disabilities":
                    kid["_disabilities"] = [xmlio.text_of(d) for d in x if xmlio.local(d.tag)]
        elif name == "CINdetails":
            details.append(part)
        elif name:
            p.unknown.add(name)
    ident = kid.get(ID)
    for code in kid.pop("_disabilities", []):
        p.rows["disabilities"].append({ID: ident, "Disability": code})
    p.rows["children"].append(kid)
    for d in details:
        n.cin += 1
        episode: dict[str, Any] = {ID: ident, "CINdetailsID": n.cin}
        for x in xmlio.elements(d):
            name = x.tag
            if name in _SUB:
                _sub(x, _SUB[name], ident, n, p)
            elif name in TABLES["cin_details"]:
                episode[name] = xmlio.text_of(x)
            elif name:
                p.unknown.add(name)
        p.rows["cin_details"].append(episode)


def _sub(el: Any, table: str, ident: str | None, n: _Counter, p: _Parsed) -> None:
    rec: dict[str, Any] = {ID: ident, "CINdetailsID": n.cin}
    if table == "cp_plans":
        n.cpp += 1
        rec["CPPID"] = n.cpp
    for x in xmlio.elements(el):
        name = x.tag
        if name == "FactorsIdentifiedAtAssessment":
            codes = [xmlio.text_of(f) for f in x if xmlio.local(f.tag)]
            rec["AssessmentFactors"] = ",".join(c for c in codes if c) or None
        elif name == "Reviews":
            for r in x:
                if xmlio.local(r.tag) == "CPPreviewDate":
                    p.rows["cp_reviews"].append(
                        {ID: ident, "CINdetailsID": n.cin, "CPPID": n.cpp,
                         "CPPreviewDate": xmlio.text_of(r)}
                    )  # fmt: skip
        elif name in TABLES[table]:
            rec[name] = xmlio.text_of(x)
        elif name:
            p.unknown.add(name)
    p.rows[table].append(rec)


def _parse(path: Path, n: _Counter) -> _Parsed:
    root, findings = xmlio.parse(textio.read_bytes(path), path)
    if xmlio.local(root.tag) != "Message" or (
        root.find(".//Children") is None and not len(root.findall(".//Child"))
    ):
        raise UserError(
            f"{path.name} is XML but not a CIN census return (no <Message> with <Children>)."
        )
    p = _Parsed(path, findings=findings)
    details = root.find("Header/CollectionDetails")
    if details is not None:
        year_text = details.findtext("Year")
        if year_text and is_digits(year_text.strip()):
            p.header_year = int(year_text.strip())
        ref = details.findtext("ReferenceDate")
        if ref:
            parsed, bad = coerce.to_dates(pd.Series([ref], dtype="string"))
            p.ref_date = None if bad.iloc[0] else parsed.iloc[0]
    for child in root.iter("Child"):
        _child(child, p, n)
    return p


def census_year(p: _Parsed, explicit: int | None) -> tuple[int | None, list[Finding]]:
    """Explicit year, else a 31 March ReferenceDate, else the header Year, else the file name."""
    if explicit is not None:
        return explicit, []
    ref = p.ref_date
    if ref is not None and not pd.isna(ref) and (ref.month, ref.day) == (3, 31):
        chosen: int | None = int(ref.year)
    elif p.header_year is not None:
        chosen = p.header_year
    elif ref is not None and not pd.isna(ref):
        chosen = years.ending_31_march(ref)
    else:
        chosen = years.from_name(p.path)[0]
    notes = []
    if p.header_year is not None and chosen is not None and p.header_year != chosen:
        notes.append(
            Finding(
                "YEAR-INFERRED",
                Severity.QUERY,
                p.path.name,
                None,
                None,
                "Year",
                f"The header Year is {p.header_year} but the ReferenceDate is "
                f"{ref:%d/%m/%Y}; read as the census year ending 31 March {chosen}. "
                "Correct the header or pass --year.",
            )
        )
    if chosen is None:
        notes.append(
            Finding(
                "YEAR-UNKNOWN",
                Severity.QUERY,
                p.path.name,
                None,
                None,
                None,
                "The census year could not be found in the header or file name; code sets were "
                "checked against every year's codes. Pass --year.",
            )
        )
    return chosen, notes


def _columns(table: str, spec: schema.Spec) -> list[schema.Column]:
    out = []
    for name in TABLES[table]:
        col = spec.element(name)
        if col is None or name in _IDS or name == "AssessmentFactors":
            continue
        if name in ("GenderCurrent", "Sex"):  # required by year: checked in rules (4180)
            col = schema.Column(name, col.type, False, col.codes, col.rule)
        out.append(col)
    return out


def census_end(ref: pd.Timestamp | None, year: int | None) -> pd.Timestamp | None:
    """The census's last day: its 31 March, or an earlier ReferenceDate within the year (an
    in-year extract, which cannot hold anything after the day it was taken)."""
    if year is None:
        return None
    if ref is not None and not pd.isna(ref) and years.ending_31_march(ref) == year:
        return pd.Timestamp(ref)
    return pd.Timestamp(year, 3, 31)


def _frame(
    table: str,
    records: list[dict[str, Any]],
    path: Path,
    year: int | None,
    end: pd.Timestamp | None = None,
) -> pd.DataFrame:
    cols = TABLES[table]
    frame = pd.DataFrame(
        {
            c: pd.Series([r.get(c) for r in records], dtype="Int64" if c in _IDS else "string")
            for c in cols
        }
    )
    for c in _YESNO:
        if c in frame:
            low = frame[c].str.strip().str.lower()
            frame[c] = frame[c].mask(low == "true", "1").mask(low == "false", "0")
    frame["_file"] = pd.Series([path.name] * len(frame), dtype="string")
    frame["_row"] = pd.array(range(1, len(frame) + 1), dtype="Int64")
    frame["YEAR"] = pd.Series([year] * len(frame), dtype="Int64")
    frame["CENSUS_END"] = pd.Series([end] * len(frame), dtype="datetime64[ns]")
    return frame


def read(paths: list[Path], year: int | None = None) -> ReadResult:
    spec = schema.load(KIND)
    n = _Counter()
    findings = Findings()
    parts: dict[str, list[pd.DataFrame]] = defaultdict(list)
    found_years: set[int] = set()
    for path in paths:
        p = _parse(path, n)
        findings += p.findings
        chosen, notes = census_year(p, year)
        findings += notes
        if chosen is not None:
            found_years.add(chosen)
        for name in sorted(p.unknown):
            findings.append(
                Finding(
                    "COLUMN-EXTRA",
                    Severity.QUERY,
                    path.name,
                    None,
                    None,
                    name,
                    f"<{name}> is not part of the CIN census schema; it was ignored.",
                )
            )
        end = census_end(p.ref_date, chosen)
        for table in TABLES:
            parts[table].append(_frame(table, p.rows.get(table, []), path, chosen, end))
    tables = {}
    for table in TABLES:
        frames = [f for f in parts[table] if len(f)]
        raw = pd.concat(frames, ignore_index=True) if frames else _frame(table, [], Path("-"), None)
        if len(raw):
            raw, found = checks.type_columns(raw, _columns(table, spec), spec, ID, "CIN")
            findings += found
        else:
            raw, _ = checks.type_columns(raw, _columns(table, spec), spec, ID, "CIN")
        tables[table] = raw
    rows = sum(len(t) for t in tables.values())
    return ReadResult(
        KIND,
        tables,
        findings,
        rows_read=rows,
        rows_used=rows,
        rows_reported=0,
        years=sorted(found_years) or None,
    )
