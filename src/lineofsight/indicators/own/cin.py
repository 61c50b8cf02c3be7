"""Children in need and child protection from the CIN census, by the DfE definitions.

Each function builds one indicator over all councils and periods at once. Referrals, assessments,
section 47 enquiries and plans are each counted once (the latest return wins when several years
repeat them). Choices where REFERENCE.md marks the DfE rule uncertain are in the docstrings and
in docs/own-data-definitions.md.
"""

from __future__ import annotations

from collections.abc import Callable

import ibis
import ibis.expr.types as ir

from lineofsight.indicators.define import (
    Context,
    Definition,
    between,
    latest,
    open_at_end,
    truthy,
    working_days_between,
)

KEYS = ["LA", "period_start", "period_end"]
NULL = ibis.null("float64")
Build = Callable[[Context], ir.Table]
NOT_IN_NEED = ["RC8", "RC9"]
ASSESSMENT_WORKING_DAYS = 45
ICPC_WORKING_DAYS = 15


def _referrals(ctx: Context) -> ir.Table:
    return ctx.once("cin._referrals", lambda: _referrals_expr(ctx))


def _referrals_expr(ctx: Context) -> ir.Table:
    t = latest(ctx.table("cin_details"), ["LA", "LAchildID", "CINreferralDate"])
    return t.filter(t.CINreferralDate.notnull())


def cin_count(ctx: Context) -> ir.Table:
    """Children in need at the period end: a CIN episode referred on or before it and not closed by
    it (closed on 31 March is closed; closed on 1 April is open), each child once."""
    r = _referrals(ctx)
    t = ctx.with_periods("cin", r, r.CINreferralDate, r.CINclosureDate)
    t = t.filter(open_at_end(t.CINreferralDate, t.CINclosureDate, t))
    return t.group_by(KEYS).aggregate(numerator=t.LAchildID.nunique(), denominator=NULL)


def referrals_count(ctx: Context) -> ir.Table:
    """Referrals with a referral date in the period; each referral counts, repeats included."""
    r = _referrals(ctx)
    t = ctx.with_periods("cin", r, r.CINreferralDate)
    t = t.filter(between(t.CINreferralDate, t))
    return t.group_by(KEYS).aggregate(numerator=t.count(), denominator=NULL)


def referrals_nfa_pct(ctx: Context) -> ir.Table:
    """Referrals in the period marked no further action (``ReferralNFA`` true), of all referrals
    in the period."""
    r = _referrals(ctx)
    t = ctx.with_periods("cin", r, r.CINreferralDate)
    t = t.filter(between(t.CINreferralDate, t))
    return t.group_by(KEYS).aggregate(
        numerator=truthy(t.ReferralNFA).cast("int64").sum(), denominator=t.count()
    )


def referrals_not_in_need_pct(ctx: Context) -> ir.Table:
    """Referrals in the period whose episode closed after assessment with no further action
    (``ReasonForClosure`` RC8) or with a referral to early help (RC9, from 2023), of all referrals
    in the period.

    [UNCERTAIN] DfE does not publish its derivation. We count the referral's own episode closure
    reason, so a referral still open at the period end is in the base but not the numerator, and a
    later return that closes it can move it into the numerator.
    """
    r = _referrals(ctx)
    t = ctx.with_periods("cin", r, r.CINreferralDate)
    t = t.filter(between(t.CINreferralDate, t))
    found = t.ReasonForClosure.fill_null("").upper().isin(NOT_IN_NEED)
    return t.group_by(KEYS).aggregate(numerator=found.cast("int64").sum(), denominator=t.count())


def rereferrals_12m_pct(ctx: Context) -> ir.Table:
    """Referrals in the period within 12 months of the same child's previous referral.

    [UNCERTAIN] "Within 12 months" is inclusive: a previous referral on the same calendar date a
    year earlier counts (10 May 2023 then 10 May 2024 is a re-referral; 9 May 2023 is not). The
    previous referral may fall before the period, and may itself have ended in no further action.
    """
    r = _referrals(ctx)
    w = ibis.window(group_by=[r.LA, r.LAchildID], order_by=[r.CINreferralDate])
    r = r.mutate(prev=r.CINreferralDate.lag().over(w))
    r = r.mutate(repeat=(r.prev.notnull() & (r.prev >= r.CINreferralDate - ibis.interval(years=1))))
    t = ctx.with_periods("cin", r, r.CINreferralDate)
    t = t.filter(between(t.CINreferralDate, t))
    return t.group_by(KEYS).aggregate(numerator=t.repeat.cast("int64").sum(), denominator=t.count())


def assessments_45wd_pct(ctx: Context) -> ir.Table:
    """Assessments authorised in the period within 45 working days, of all authorised in it.

    [UNCERTAIN] Measured from the assessment start date (``AssessmentActualStartDate``, the
    field the census holds per assessment) to ``AssessmentAuthorisationDate``, counting working
    days after the start up to and including the authorisation day, skipping weekends and
    England-and-Wales bank holidays. An assessment authorised before it started is a data error
    (reported by validation) and is left out of both counts.
    """
    a = latest(ctx.table("assessments"), ["LA", "LAchildID", "AssessmentActualStartDate"])
    a = a.filter(
        a.AssessmentActualStartDate.notnull(),
        a.AssessmentAuthorisationDate.notnull(),
        a.AssessmentAuthorisationDate >= a.AssessmentActualStartDate,
    )
    a = working_days_between(ctx, a, "AssessmentActualStartDate", "AssessmentAuthorisationDate")
    t = ctx.with_periods("cin", a, a.AssessmentAuthorisationDate)
    t = t.filter(between(t.AssessmentAuthorisationDate, t))
    return t.group_by(KEYS).aggregate(
        numerator=(t.wd <= ASSESSMENT_WORKING_DAYS).fill_null(False).cast("int64").sum(),
        denominator=t.count(),
    )


def _section47(ctx: Context) -> ir.Table:
    return ctx.once("cin._section47", lambda: _section47_expr(ctx))


def _section47_expr(ctx: Context) -> ir.Table:
    s = latest(ctx.table("section47"), ["LA", "LAchildID", "S47ActualStartDate"])
    return s.filter(s.S47ActualStartDate.notnull())


def s47_count(ctx: Context) -> ir.Table:
    """Section 47 enquiries starting in the period (each enquiry counted)."""
    s = _section47(ctx)
    t = ctx.with_periods("cin", s, s.S47ActualStartDate)
    t = t.filter(between(t.S47ActualStartDate, t))
    return t.group_by(KEYS).aggregate(numerator=t.count(), denominator=NULL)


def icpc_15wd_pct(ctx: Context) -> ir.Table:
    """Initial child protection conferences held in the period within 15 working days of the
    section 47 start, of all initial conferences held in the period.

    Conferences are those recorded on a section 47 enquiry (``DateOfInitialCPC``) where
    ``ICPCnotRequired`` is not set; a conference dated before its enquiry began is a data error and
    is left out. Working days are counted as for assessments.
    """
    s = _section47(ctx)
    s = s.filter(
        s.DateOfInitialCPC.notnull(),
        ~truthy(s.ICPCnotRequired),
        s.DateOfInitialCPC >= s.S47ActualStartDate,
    )
    s = working_days_between(ctx, s, "S47ActualStartDate", "DateOfInitialCPC")
    t = ctx.with_periods("cin", s, s.DateOfInitialCPC)
    t = t.filter(between(t.DateOfInitialCPC, t))
    return t.group_by(KEYS).aggregate(
        numerator=(t.wd <= ICPC_WORKING_DAYS).fill_null(False).cast("int64").sum(),
        denominator=t.count(),
    )


def _plans(ctx: Context) -> ir.Table:
    return ctx.once("cin._plans", lambda: _plans_expr(ctx))


def _plans_expr(ctx: Context) -> ir.Table:
    p = latest(ctx.table("cp_plans"), ["LA", "LAchildID", "CPPstartDate"])
    return p.filter(p.CPPstartDate.notnull())


def cpp_count(ctx: Context) -> ir.Table:
    """Children on a child protection plan at the period end, each child once."""
    p = _plans(ctx)
    t = ctx.with_periods("cin", p, p.CPPstartDate, p.CPPendDate)
    t = t.filter(open_at_end(t.CPPstartDate, t.CPPendDate, t))
    return t.group_by(KEYS).aggregate(numerator=t.LAchildID.nunique(), denominator=NULL)


def cpp_repeat_pct(ctx: Context) -> ir.Table:
    """Plans starting in the period for a child who had a previous plan, however long ago, of all
    plans starting in the period. A previous plan is ``NumberOfPreviousCPP`` > 0 or an earlier
    plan for the same child in the loaded returns."""
    p = _plans(ctx)
    w = ibis.window(group_by=[p.LA, p.LAchildID], order_by=[p.CPPstartDate])
    p = p.mutate(
        repeat=(p.NumberOfPreviousCPP.fill_null(0) > 0) | p.CPPstartDate.lag().over(w).notnull()
    )
    t = ctx.with_periods("cin", p, p.CPPstartDate)
    t = t.filter(between(t.CPPstartDate, t))
    return t.group_by(KEYS).aggregate(numerator=t.repeat.cast("int64").sum(), denominator=t.count())


def cpp_starts_count(ctx: Context) -> ir.Table:
    """Child protection plans starting in the period, each plan counted (a child with two plans
    starting in the period counts twice, as DfE counts plans, not children)."""
    p = _plans(ctx)
    t = ctx.with_periods("cin", p, p.CPPstartDate)
    t = t.filter(between(t.CPPstartDate, t))
    return t.group_by(KEYS).aggregate(numerator=t.count(), denominator=NULL)


def cpp_2yrs_plus_pct(ctx: Context) -> ir.Table:
    """Children on a plan at the period end whose plan had run 2 years or more, of all children on
    a plan at the period end.

    [UNCERTAIN] REFERENCE.md gives two versions; we use (a), the DfE dashboard and D5 one, at the
    period end. A plan starting 31 March 2023 has run exactly 2 years on 31 March 2025 and counts.
    """
    p = _plans(ctx)
    t = ctx.with_periods("cin", p, p.CPPstartDate, p.CPPendDate)
    t = t.filter(open_at_end(t.CPPstartDate, t.CPPendDate, t))
    long = t.CPPstartDate <= t.period_end - ibis.interval(years=2)
    return t.group_by(KEYS).aggregate(
        numerator=t.LAchildID.nunique(where=long), denominator=t.LAchildID.nunique()
    )


def _d(id_: str, kind: str, needs: tuple[str, ...], build: Build, doc: str) -> Definition:
    return Definition(id=id_, family="cin", kind=kind, needs=needs, build=build, doc=doc)  # type: ignore[arg-type]


CD = ("cin_details",)
DEFINITIONS: list[Definition] = [
    _d("cin_count", "count", CD, cin_count, cin_count.__doc__ or ""),
    _d("cin_rate_per_10k", "rate", CD, cin_count, "CIN at the period end per 10,000 aged 0-17."),
    _d("referrals_count", "count", CD, referrals_count, referrals_count.__doc__ or ""),
    _d("referrals_rate_per_10k", "rate", CD, referrals_count, referrals_count.__doc__ or ""),
    _d("referrals_nfa_pct", "pct", CD, referrals_nfa_pct, referrals_nfa_pct.__doc__ or ""),
    _d(
        "referrals_not_in_need_pct",
        "pct",
        CD,
        referrals_not_in_need_pct,
        referrals_not_in_need_pct.__doc__ or "",
    ),
    _d("rereferrals_12m_pct", "pct", CD, rereferrals_12m_pct, rereferrals_12m_pct.__doc__ or ""),
    _d(
        "assessments_45wd_pct",
        "pct",
        ("assessments",),
        assessments_45wd_pct,
        assessments_45wd_pct.__doc__ or "",
    ),
    _d("s47_count", "count", ("section47",), s47_count, s47_count.__doc__ or ""),
    _d("s47_rate_per_10k", "rate", ("section47",), s47_count, s47_count.__doc__ or ""),
    _d("icpc_15wd_pct", "pct", ("section47",), icpc_15wd_pct, icpc_15wd_pct.__doc__ or ""),
    _d("cpp_count", "count", ("cp_plans",), cpp_count, cpp_count.__doc__ or ""),
    _d("cpp_rate_per_10k", "rate", ("cp_plans",), cpp_count, "Children on a plan per 10,000."),
    _d(
        "cpp_starts_rate_per_10k",
        "rate",
        ("cp_plans",),
        cpp_starts_count,
        cpp_starts_count.__doc__ or "",
    ),
    _d("cpp_repeat_pct", "pct", ("cp_plans",), cpp_repeat_pct, cpp_repeat_pct.__doc__ or ""),
    _d(
        "cpp_2yrs_plus_pct",
        "pct",
        ("cp_plans",),
        cpp_2yrs_plus_pct,
        cpp_2yrs_plus_pct.__doc__ or "",
    ),
]
