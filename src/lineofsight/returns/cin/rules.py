"""DfE CIN census validation rules that the children-in-need and child-protection indicators need.

Rule ids are the DfE CIN validation codes (a trailing Q marks a query); messages are ours.
The census year of each row is its ``YEAR`` (1 April to 31 March); rules bound to the census
year skip rows without one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lineofsight.returns import schema
from lineofsight.returns.checks import emit
from lineofsight.returns.findings import Batch, Findings, Severity

ERROR, QUERY = Severity.ERROR, Severity.QUERY
ID = "LAchildID"


def _f(df: pd.DataFrame, mask: pd.Series, rule: str, field: str | None, msg: str,
       sev: Severity = ERROR, value: str | None = None) -> Batch:  # fmt: skip
    return emit(df, mask, rule, sev, field, msg, ID, value)


def _window(df: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The census year of each row: 1 April to 31 March, or to the ReferenceDate of an in-year
    extract (``CENSUS_END``, set by the reader)."""
    year = df["YEAR"].astype("Int64").astype("string")
    march = pd.to_datetime(year + "-03-31", format="%Y-%m-%d", errors="coerce")
    march = pd.Series(march, index=df.index).astype("datetime64[ns]")
    start = (march - pd.DateOffset(years=1) + pd.Timedelta(days=1)).astype("datetime64[ns]")
    end = df["CENSUS_END"].fillna(march) if "CENSUS_END" in df else march
    return start, end.astype("datetime64[ns]")


def _outside(dates: pd.Series, df: pd.DataFrame) -> pd.Series:
    start, end = _window(df)
    return (dates < start) | (dates > end)


def working_days(start: pd.Series, end: pd.Series) -> pd.Series:
    """Weekdays from ``start`` to ``end`` (numpy busday_count; NaN where either is missing)."""
    ok = (start.notna() & end.notna()).to_numpy()
    out = np.full(len(start), np.nan)
    if ok.any():
        a = start.to_numpy()[ok].astype("datetime64[D]")
        b = end.to_numpy()[ok].astype("datetime64[D]")
        out[ok] = np.busday_count(a, b)
    return pd.Series(out, index=start.index)


def _join(sub: pd.DataFrame, details: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    out = sub.merge(details[["CINdetailsID", *cols]], on="CINdetailsID", how="left")
    out.index = sub.index
    return out


def children(t: dict[str, pd.DataFrame]) -> Findings:
    c = t["children"]
    if c.empty:
        return Findings()
    _, end = _window(c)
    dob, expected = c["PersonBirthDate"], c["ExpectedPersonBirthDate"]
    year = c["YEAR"]
    out = Findings()
    out += _f(
        c,
        c.duplicated([ID, "YEAR"], keep="first") & c[ID].notna(),
        "8510",
        ID,
        "More than one child record has this LAchildID; merge them into one child.",
    )
    out += _f(
        c,
        dob.isna() == expected.isna(),
        "8525",
        "PersonBirthDate",
        "Give either the date of birth or the expected date of birth, not both or neither.",
    )
    out += _f(
        c,
        dob > end,
        "8520",
        "PersonBirthDate",
        "The date of birth is after the end of the census year; correct it.",
    )
    out += _f(
        c,
        (year <= 2024).fillna(True) & c["GenderCurrent"].isna(),
        "4180",
        "GenderCurrent",
        "GenderCurrent is missing; it is required for this census year.",
    )
    out += _f(
        c,
        (year >= 2025).fillna(False) & c["Sex"].isna(),
        "4180",
        "Sex",
        "Sex is missing; from 2025 it is required (M, F or U).",
    )
    out += _f(
        c,
        c["PersonDeathDate"] < dob,
        "8535Q",
        "PersonDeathDate",
        "The date of death is before the date of birth; please check both.",
        QUERY,
    )
    return out


def cin_details(t: dict[str, pd.DataFrame]) -> Findings:
    d = t["cin_details"]
    if d.empty:
        return Findings()
    kids = t["children"].drop_duplicates([ID, "YEAR"])[[ID, "YEAR", "PersonDeathDate"]]
    d2 = d.merge(kids, on=[ID, "YEAR"], how="left")
    d2.index = d.index
    ref, close = d["CINreferralDate"], d["CINclosureDate"]
    _, end = _window(d)
    out = Findings()
    out += _f(
        d,
        close < ref,
        "8630",
        "CINclosureDate",
        "The CIN episode closes before its referral date; correct one of the dates.",
    )
    out += _f(
        d,
        _outside(close, d),
        "8620",
        "CINclosureDate",
        "The closure date is outside the census year; correct it or leave it blank if "
        "the case is still open.",
        value="CINclosureDate",
    )
    out += _f(
        d,
        close.notna() & d["ReasonForClosure"].isna(),
        "8805",
        "ReasonForClosure",
        "The episode has a closure date but no reason for closure; add ReasonForClosure.",
    )
    out += _f(
        d,
        close.isna() & d["ReasonForClosure"].notna(),
        "8810",
        "CINclosureDate",
        "The episode has a reason for closure but no closure date; add CINclosureDate.",
    )
    out += _f(
        d,
        (d["ReferralNFA"] == "0") & d["PrimaryNeedCode"].isna(),
        "8610",
        "PrimaryNeedCode",
        "The referral led to further action but has no primary need code; add PrimaryNeedCode.",
    )
    out += _f(
        d2,
        d2["PersonDeathDate"] < ref,
        "8555",
        "CINreferralDate",
        "The referral is dated after the child's recorded death; check both dates.",
    )
    # 8820: episodes of one child must not overlap; an open further-action episode runs to year end
    s = d.sort_values([ID, "YEAR", "CINreferralDate"], kind="stable")
    same = ((s[ID] == s[ID].shift()) & (s["YEAR"] == s["YEAR"].shift())).fillna(False)
    prev_end = s["CINclosureDate"].shift()
    prev_open_fa = prev_end.isna() & (s["ReferralNFA"].shift() == "0").fillna(False)
    prev_end = prev_end.where(~prev_open_fa, end.loc[s.index])
    overlap = same.astype(bool) & (s["CINreferralDate"] < prev_end)
    out += _f(
        s,
        overlap,
        "8820",
        "CINreferralDate",
        "This CIN episode starts before the child's previous episode closed; the "
        "episodes overlap. Correct the dates or merge the episodes.",
    )
    return out


def assessments(t: dict[str, pd.DataFrame], spec: schema.Spec) -> Findings:
    a = t["assessments"]
    if a.empty:
        return Findings()
    j = _join(a, t["cin_details"], ["CINreferralDate"])
    start, auth = a["AssessmentActualStartDate"], a["AssessmentAuthorisationDate"]
    _, end = _window(a)
    out = Findings()
    out += _f(
        a,
        start < j["CINreferralDate"],
        "1103",
        "AssessmentActualStartDate",
        "The assessment starts before the referral date; correct one of the dates.",
    )
    out += _f(
        a,
        start > auth,
        "8608",
        "AssessmentAuthorisationDate",
        "The assessment was authorised before it started; correct the start or authorisation date.",
    )
    out += _f(
        a,
        _outside(auth, a),
        "8696",
        "AssessmentAuthorisationDate",
        "The assessment authorisation date is outside the census year; correct it.",
        value="AssessmentAuthorisationDate",
    )
    overdue = auth.isna() & (working_days(start, end) > 45)
    out += _f(
        a,
        overdue,
        "8670Q",
        "AssessmentAuthorisationDate",
        "The assessment started more than 45 working days before the end of the census "
        "year but has no authorisation date; add it if the assessment was completed.",
        QUERY,
    )
    factors = a["AssessmentFactors"].dropna().str.split(",").explode()
    if len(factors):
        valid = spec.codes_for("assessmentfactorstype", _year(a))
        bad_idx = factors[~factors.str.strip().str.upper().isin(list(valid))].index.unique()
        out += _f(
            a,
            pd.Series(a.index.isin(bad_idx), index=a.index),
            "CIN-CODE",
            "AssessmentFactors",
            "AssessmentFactors '{value}' holds a code that is not in the DfE list; correct it.",
            value="AssessmentFactors",
        )
    return out


def _year(df: pd.DataFrame) -> int | None:
    years = df["YEAR"].dropna()
    return int(years.max()) if len(years) else None


def plans_and_enquiries(t: dict[str, pd.DataFrame]) -> Findings:
    out = Findings()
    p = t["cin_plan_dates"]
    if not p.empty:
        out += _f(
            p,
            p["CINPlanEndDate"] < p["CINPlanStartDate"],
            "4011",
            "CINPlanEndDate",
            "The CIN plan ends before it starts; correct one of the dates.",
        )
    s = t["section47"]
    if not s.empty:
        j = _join(s, t["cin_details"], ["CINreferralDate"])
        start, icpc = s["S47ActualStartDate"], s["DateOfInitialCPC"]
        _, end = _window(s)
        out += _f(
            s,
            start < j["CINreferralDate"],
            "2889",
            "S47ActualStartDate",
            "The section 47 enquiry starts before the referral date; correct the dates.",
        )
        out += _f(
            s,
            start > icpc,
            "8615",
            "S47ActualStartDate",
            "The section 47 enquiry starts after its initial child protection conference; "
            "correct the dates.",
        )
        out += _f(
            s,
            icpc < j["CINreferralDate"],
            "1104",
            "DateOfInitialCPC",
            "The initial child protection conference is before the referral date; correct "
            "the dates.",
        )
        waiting = icpc.isna() & (s["ICPCnotRequired"] == "0").fillna(False)
        out += _f(
            s,
            waiting & (working_days(start, end) > 15),
            "8675Q",
            "DateOfInitialCPC",
            "The enquiry started more than 15 working days before the end of the census "
            "year and has no conference date; add it, or set ICPCnotRequired.",
            QUERY,
        )
    c = t["cp_plans"]
    if not c.empty:
        j = _join(c, t["cin_details"], ["CINreferralDate"])
        start, stop = c["CPPstartDate"], c["CPPendDate"]
        out += _f(
            c,
            stop < start,
            "8925",
            "CPPendDate",
            "The child protection plan ends before it starts; correct one of the dates.",
        )
        out += _f(
            c,
            stop == start,
            "8840",
            "CPPendDate",
            "The child protection plan starts and ends on the same day; check the dates.",
        )
        out += _f(
            c,
            _outside(stop, c),
            "8930",
            "CPPendDate",
            "The plan's end date is outside the census year; correct it.",
            value="CPPendDate",
        )
        out += _f(
            c,
            start < j["CINreferralDate"],
            "1105",
            "CPPstartDate",
            "The child protection plan starts before the referral date; correct the dates.",
        )
        o = c.sort_values(["CINdetailsID", "CPPstartDate"], kind="stable")
        same = (o["CINdetailsID"] == o["CINdetailsID"].shift()).fillna(False).astype(bool)
        _, oend = _window(o)
        prev_end = o["CPPendDate"].shift().fillna(oend)
        out += _f(
            o,
            same & (o["CPPstartDate"] <= prev_end),
            "8940",
            "CPPstartDate",
            "This child protection plan overlaps an earlier plan in the same CIN episode "
            "(or repeats it); correct the dates or remove the repeat.",
        )
        open_plans = c["CPPendDate"].isna()
        many = open_plans & c.loc[open_plans].duplicated("CINdetailsID", keep="first").reindex(
            c.index, fill_value=False
        )
        out += _f(
            c,
            many,
            "8935",
            "CPPendDate",
            "The CIN episode has more than one open child protection plan; end the earlier plan.",
        )
    return out


def validate(t: dict[str, pd.DataFrame]) -> Findings:
    """All CIN rule findings for tables produced by :func:`lineofsight.returns.cin.read.read`."""
    spec = schema.load("cin")
    return Findings(
        [
            children(t),
            cin_details(t),
            assessments(t, spec),
            plans_and_enquiries(t),
        ]
    )
