"""Social work workforce indicators from the CSWW census, as at 30 September.

The census year runs 1 October to 30 September. A worker is in post at 30 September unless a
``RoleEndDate`` on or before it says they left; ``AgencyWorker`` 1 marks agency staff. The mapping
of the DfE definitions (REFERENCE.md section 3.5) onto census fields is ours, as REFERENCE.md notes;
each choice is stated below and in docs/own-data-definitions.md.
"""

from __future__ import annotations

from collections.abc import Callable

import ibis
import ibis.expr.types as ir

from lineofsight.indicators.define import Context, Definition, between, truthy

KEYS = ["LA", "period_start", "period_end"]
Build = Callable[[Context], ir.Table]
WORKING_DAYS = 253
WORKING_DAYS_LEAP = 254


def _workers(ctx: Context) -> ir.Table:
    return ctx.once("workforce._workers", lambda: _workers_expr(ctx))


def _workers_expr(ctx: Context) -> ir.Table:
    """Workers of each census year, flagged ``agency`` and ``in_post`` (at 30 September)."""
    w = ctx.with_periods("workforce", ctx.table("workers"))
    w = w.filter((w.YEAR == 0) | (w.label_year == w.YEAR))
    return w.mutate(
        agency=truthy(w.AgencyWorker),
        in_post=w.RoleEndDate.isnull() | (w.RoleEndDate > w.period_end),
        fte=w.FTE.fill_null(0.0),
    )


def _fte_sum(w: ir.Table, cond: ir.BooleanValue) -> ir.FloatingScalar:
    return ibis.ifelse(cond, w.fte, 0.0).sum()


def sw_fte(ctx: Context) -> ir.Table:
    """FTE of directly employed (non-agency) children's social workers in post at 30 September."""
    w = _workers(ctx)
    return w.group_by(KEYS).aggregate(
        numerator=_fte_sum(w, w.in_post & ~w.agency), denominator=ibis.null("float64")
    )


def sw_agency_rate_pct(ctx: Context) -> ir.Table:
    """Agency FTE in post at 30 September over agency plus directly employed FTE in post."""
    w = _workers(ctx)
    return w.group_by(KEYS).aggregate(
        numerator=_fte_sum(w, w.in_post & w.agency), denominator=_fte_sum(w, w.in_post)
    )


def sw_vacancy_rate_pct(ctx: Context) -> ir.Table:
    """FTE vacancies (``NumberOfVacancies``) over vacancies plus directly employed FTE in post."""
    w = _workers(ctx)
    staff = w.group_by(KEYS).aggregate(fte=_fte_sum(w, w.in_post & ~w.agency))
    v = ctx.with_periods("workforce", ctx.table("la_level"))
    v = v.filter((v.YEAR == 0) | (v.label_year == v.YEAR))
    vac = v.group_by(KEYS).aggregate(vacancies=v.NumberOfVacancies.sum())
    j = staff.join(vac, KEYS)
    return j.select(*KEYS, numerator=j.vacancies, denominator=j.vacancies + j.fte)


def sw_turnover_rate_pct(ctx: Context) -> ir.Table:
    """FTE of directly employed social workers who left in the census year (``RoleEndDate`` in
    it) over directly employed FTE in post at 30 September."""
    w = _workers(ctx)
    left = ~w.agency & w.RoleEndDate.notnull() & between(w.RoleEndDate, w)
    return w.group_by(KEYS).aggregate(
        numerator=_fte_sum(w, left), denominator=_fte_sum(w, w.in_post & ~w.agency)
    )


def sw_caseload_avg(ctx: Context) -> ir.Table:
    """Cases held at 30 September (``Cases30``) over the FTE (``FTE30``, else ``FTE``) of the social
    workers, agency staff included, in post holding at least one case with FTE above zero."""
    w = _workers(ctx)
    fte = w.FTE30.fill_null(w.fte)
    holds = w.in_post & (w.Cases30.fill_null(0.0) >= 1) & (fte > 0)
    return w.group_by(KEYS).aggregate(
        numerator=ibis.ifelse(holds, w.Cases30, 0.0).sum(),
        denominator=ibis.ifelse(holds, fte, 0.0).sum(),
    )


def sw_absence_rate_pct(ctx: Context) -> ir.Table:
    """Working days lost to sickness by directly employed social workers in post over their FTE
    times 253 working days (254 when the census year holds a 29 February)."""
    w = _workers(ctx)
    y = w.label_year
    leap = ((y % 4) == 0) & (((y % 100) != 0) | ((y % 400) == 0))
    days = ibis.ifelse(leap, WORKING_DAYS_LEAP, WORKING_DAYS)
    staff = w.in_post & ~w.agency
    return w.group_by(KEYS).aggregate(
        numerator=ibis.ifelse(staff, w.WorkingDaysLost.fill_null(0.0), 0.0).sum(),
        denominator=(ibis.ifelse(staff, w.fte, 0.0) * days).sum(),
    )


def _d(id_: str, kind: str, needs: tuple[str, ...], build: Build, doc: str) -> Definition:
    return Definition(id=id_, family="workforce", kind=kind, needs=needs, build=build, doc=doc)  # type: ignore[arg-type]


WK = ("workers",)
DEFINITIONS: list[Definition] = [
    _d("sw_agency_rate_pct", "pct", WK, sw_agency_rate_pct, sw_agency_rate_pct.__doc__ or ""),
    _d(
        "sw_vacancy_rate_pct",
        "pct",
        ("workers", "la_level"),
        sw_vacancy_rate_pct,
        sw_vacancy_rate_pct.__doc__ or "",
    ),
    _d("sw_turnover_rate_pct", "pct", WK, sw_turnover_rate_pct, sw_turnover_rate_pct.__doc__ or ""),
    _d("sw_caseload_avg", "ratio", WK, sw_caseload_avg, sw_caseload_avg.__doc__ or ""),
    _d("sw_absence_rate_pct", "pct", WK, sw_absence_rate_pct, sw_absence_rate_pct.__doc__ or ""),
    _d("sw_fte", "count", WK, sw_fte, sw_fte.__doc__ or ""),
]
