"""Checks on the workforce census that the agency, vacancy, turnover, caseload and absence
indicators depend on. DfE publishes no rule codes for these here, so ids are ours (CSWW-...)."""

from __future__ import annotations

import pandas as pd

from lineofsight.returns.checks import emit
from lineofsight.returns.findings import Batch, Findings, Severity

ERROR, QUERY = Severity.ERROR, Severity.QUERY
ID = "SWENo"


def _f(df: pd.DataFrame, mask: pd.Series, rule: str, field: str | None, msg: str,
       sev: Severity = ERROR, value: str | None = None) -> Batch:  # fmt: skip
    return emit(df, mask, rule, sev, field, msg, ID, value)


def validate(t: dict[str, pd.DataFrame]) -> Findings:
    w = t["workers"]
    out = Findings()
    if not w.empty:
        fte, fte30 = w["FTE"], w["FTE30"]
        out += _f(
            w,
            (fte < 0) | (fte > 1),
            "CSWW-FTE",
            "FTE",
            "FTE '{value}' must be between 0 and 1 for one worker; correct it.",
            value="FTE",
        )
        out += _f(
            w,
            (fte30 < 0) | (fte30 > 1),
            "CSWW-FTE",
            "FTE30",
            "FTE30 '{value}' must be between 0 and 1; correct it.",
            value="FTE30",
        )
        swe = w["SWENo"]
        out += _f(
            w,
            swe.notna() & ~swe.str.fullmatch(r"[A-Za-z]{2}\d{10}").fillna(False),
            "CSWW-SWENO",
            "SWENo",
            "SWENo '{value}' is not a Social Work England number "
            "(two letters and ten digits); correct it.",
            value="SWENo",
        )
        out += _f(
            w,
            w.duplicated([ID, "YEAR"], keep="first") & swe.notna(),
            "CSWW-DUPLICATE",
            "SWENo",
            "This social worker appears more than once; keep one record per worker.",
        )
        out += _f(
            w,
            w["RoleEndDate"] < w["RoleStartDate"],
            "CSWW-DATES",
            "RoleEndDate",
            "The role ends before it starts; correct RoleStartDate or RoleEndDate.",
        )
        out += _f(
            w,
            (w["Cases30"] > 0) & (fte30 == 0),
            "CSWW-CASES",
            "Cases30",
            "The worker holds cases at 30 September but FTE30 is 0; check both.",
            QUERY,
        )
        out += _f(
            w,
            w["WorkingDaysLost"] > 260,
            "CSWW-ABSENCE",
            "WorkingDaysLost",
            "More than 260 working days lost in a year is not possible; check the figure.",
            value="WorkingDaysLost",
        )
    la = t["la_level"]
    if not la.empty:
        out += _f(
            la,
            la["NumberOfVacancies"] < 0,
            "CSWW-VACANCIES",
            "NumberOfVacancies",
            "The number of vacancies cannot be negative; correct it.",
        )
    return out
