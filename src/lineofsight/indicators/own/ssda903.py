"""Children looked after and care leavers from the SSDA903 return, by the DfE definitions.

Each function builds one indicator as an Ibis expression over all councils and periods at once
(see :mod:`lineofsight.indicators.engine`). Choices where REFERENCE.md section 3 marks the DfE rule
uncertain are stated in the docstrings and in docs/own-data-definitions.md.
"""

from __future__ import annotations

from collections.abc import Callable

import ibis
import ibis.expr.types as ir

from lineofsight.indicators.define import (
    Context,
    Definition,
    between,
    birthday,
    latest,
    open_at_end,
)

SHORT_BREAKS = ["V3", "V4"]
PLACEMENT_CHANGE = ["S", "P", "B"]  # T and U keep the same carer; L changes legal status only
SAME_PLACEMENT = ["L", "T", "U"]  # never a new placement, even after a gap or a short break
ADOPTION_WITH_CURRENT_CARER = ["A3", "A5"]
PLACED_FOR_ADOPTION = ["A3", "A4", "A5", "A6"]
SGO = ["E43", "E44", "E45", "E46", "E47", "E48"]
ADOPTED = ["E11", "E12"]
RETURNED_HOME = ["E4A", "E4B"]
RETURNED_HOME_UNPLANNED = ["E4B"]
FOSTER = ["U1", "U2", "U3", "U4", "U5", "U6"]
EET = ["F1", "P1", "F2", "P2", "F3", "P3", "F4", "P4", "F5", "P5"]
KEYS = ["LA", "period_start", "period_end"]
Build = Callable[[Context], ir.Table]


def episodes(ctx: Context) -> ir.Table:
    return ctx.once("ssda903.episodes", lambda: _episodes_expr(ctx))


def _episodes_expr(ctx: Context) -> ir.Table:
    """Episodes once each (latest return wins), without short-break episodes (LS V3/V4).

    [UNCERTAIN] DfE excludes children looked after only under an agreed series of short breaks; we
    drop V3/V4 episodes, so a child counts only through other episodes.
    """
    e = latest(ctx.table("episodes"), ["LA", "CHILD", "DECOM"])
    return e.filter(e.DECOM.notnull(), e.LS.fill_null("").notin(SHORT_BREAKS))


def _looked_after_at_end(ctx: Context) -> ir.Table:
    return ctx.once("ssda903._looked_after_at_end", lambda: _looked_after_at_end_expr(ctx))


def _in_periods(ctx: Context) -> ir.Table:
    """Episodes (with their care and placement history) paired with each period they overlap."""

    def build() -> ir.Table:
        h = _history(ctx)
        return ctx.with_periods("ssda903", h, h.DECOM, h.DEC)

    return ctx.once("ssda903._in_periods", build)


def _looked_after_at_end_expr(ctx: Context) -> ir.Table:
    """One row per child looked after at the period end: their episode open then.

    Where two episodes are open at once (overlapping episodes, a data error) the later-starting
    one counts, so the placement type and stability rest on one episode, whichever is read first.
    """
    ep = _in_periods(ctx)
    ep = ep.filter(open_at_end(ep.DECOM, ep.DEC, ep))
    rn = ibis.row_number().over(
        group_by=[ep.LA, ep.period_start, ep.period_end, ep.CHILD], order_by=[ibis.desc(ep.DECOM)]
    )
    return ep.mutate(_rn=rn).filter(lambda x: x._rn == 0).drop("_rn")


def cla_count(ctx: Context) -> ir.Table:
    """Children looked after at the period end: an episode started on or before it and not ceased
    by it (an episode ceasing on 31 March does not count; one ceasing on 1 April does)."""
    t = _looked_after_at_end(ctx)
    return t.group_by(KEYS).aggregate(numerator=t.CHILD.nunique(), denominator=ibis.null("float64"))


def cla_starts_count(ctx: Context) -> ir.Table:
    """Children starting to be looked after (RNE S) in the period, each child once."""
    ep = _in_periods(ctx)
    t = ep.filter(ep.RNE == "S", between(ep.DECOM, ep))
    return t.group_by(KEYS).aggregate(numerator=t.CHILD.nunique(), denominator=ibis.null("float64"))


def _last_ceased(ctx: Context) -> ir.Table:
    return ctx.once("ssda903._last_ceased", lambda: _last_ceased_expr(ctx))


def _last_ceased_expr(ctx: Context) -> ir.Table:
    """Each child's last ceasing (REC other than X1) in the period, one row per child."""
    ep = _in_periods(ctx)
    t = ep.filter(between(ep.DEC, ep), ep.REC.notnull(), ep.REC != "X1")
    rn = ibis.row_number().over(
        group_by=[t.LA, t.period_start, t.period_end, t.CHILD], order_by=[ibis.desc(t.DEC)]
    )
    return t.mutate(_rn=rn).filter(lambda x: x._rn == 0)


def cla_ceased_count(ctx: Context) -> ir.Table:
    """Children who ceased to be looked after in the period (last occasion only)."""
    t = _last_ceased(ctx)
    return t.group_by(KEYS).aggregate(numerator=t.count(), denominator=ibis.null("float64"))


def cla_foster_pct(ctx: Context) -> ir.Table:
    """Children looked after at the period end whose placement then is foster care (PLACE U1-U6,
    with relatives or friends and with other carers alike), of all looked after at the period end."""
    t = _looked_after_at_end(ctx)
    foster = t.PLACE.fill_null("").isin(FOSTER)
    return t.group_by(KEYS).aggregate(
        numerator=t.CHILD.nunique(where=foster), denominator=t.CHILD.nunique()
    )


def _uasc_at_end(ctx: Context) -> ir.Table:
    """Children looked after at the period end, each once, with ``uasc`` = unaccompanied
    asylum-seeking then.

    [UNCERTAIN] A child is UASC at the period end when the UASC table lists them with no date UASC
    status ceased (DUC) or a DUC after the period end; REFERENCE.md names the table but not DfE's
    derivation.
    """
    t = _looked_after_at_end(ctx).select(*KEYS, "CHILD").distinct()
    u = latest(ctx.table("uasc"), ["LA", "CHILD"])
    u = u.select("LA", "CHILD", "DUC", _listed=ibis.literal(True))
    j = t.left_join(u, ["LA", "CHILD"])
    listed = j._listed.fill_null(False) & (j.DUC.isnull() | (j.period_end < j.DUC))
    return j.select(*KEYS, "CHILD", uasc=listed)


def uasc_count(ctx: Context) -> ir.Table:
    """Unaccompanied asylum-seeking children looked after at the period end."""
    t = _uasc_at_end(ctx)
    return t.group_by(KEYS).aggregate(
        numerator=t.uasc.cast("int64").sum(), denominator=ibis.null("float64")
    )


def uasc_pct(ctx: Context) -> ir.Table:
    t = _uasc_at_end(ctx)
    return t.group_by(KEYS).aggregate(numerator=t.uasc.cast("int64").sum(), denominator=t.count())


def cla_3plus_social_workers_pct(ctx: Context) -> ir.Table:
    """Children looked after at the period end who had 3 or more different social workers
    (``SW_ID``) with an allocation overlapping the period, of all looked after at the period end.

    [UNCERTAIN] An allocation counts when it began on or before the period end and had not ended
    before the period start; the same worker allocated twice counts once. A period in which no
    child looked after at its end has any allocation recorded is not available (``x``), not 0%.
    """
    cohort = _looked_after_at_end(ctx).select(*KEYS, "CHILD").distinct()
    sw = latest(ctx.table("sw_episodes"), ["LA", "CHILD", "SW_ID", "SW_DECOM"])
    sw = sw.filter(sw.SW_ID.notnull(), sw.SW_DECOM.notnull())
    sw = ctx.with_periods("ssda903", sw, sw.SW_DECOM, sw.SW_DEC)
    workers = sw.group_by([*KEYS, "CHILD"]).aggregate(n=sw.SW_ID.nunique())
    j = cohort.left_join(workers, [*KEYS, "CHILD"])
    agg = j.group_by([cohort.LA, cohort.period_start, cohort.period_end]).aggregate(
        numerator=(j.n.fill_null(0) >= 3).cast("int64").sum(),
        denominator=j.count(),
        _recorded=j.n.notnull().any(),
    )
    # no allocation recorded in the period for any child looked after then is no data, not 0%
    return agg.filter(agg._recorded).drop("_recorded")


def _share(codes: list[str]) -> Build:
    def build(ctx: Context) -> ir.Table:
        t = _last_ceased(ctx)
        return t.group_by(KEYS).aggregate(
            numerator=t.REC.isin(codes).cast("int64").sum(), denominator=t.count()
        )

    return build


def _history(ctx: Context) -> ir.Table:
    return ctx.once("ssda903._history", lambda: _history_expr(ctx))


def _history_expr(ctx: Context) -> ir.Table:
    """Episodes with their period of care and placement, independent of the reporting period.

    A period of care is a chain of episodes, each starting by the day the previous one ceased.
    Short-break episodes (LS V3/V4) take part in the chain (the child is looked after during
    them) and are then set aside, so a break between two episodes with the same carers does not
    split the period of care. An overlapping episode (a data error) continues the chain.

    A new placement starts with an episode with RNE S, P or B, except a move to adoption with the
    current foster carers (PLACE A3/A5), which DfE does not count as a change; and with the first
    episode of a period of care unless its RNE is L, T or U (a legal-status or same-carer change
    never counts, even after a gap). The child's first episode on record always starts one.

    For long-term stability a child placed for adoption counts the adoptive placement together
    with the placement before it (DfE): ``adopt_prev_start`` is the start of that placement,
    where the move into adoption (A3-A6) ends the placement before it even with the same carers.
    """
    e = latest(ctx.table("episodes"), ["LA", "CHILD", "DECOM"])
    e = e.filter(e.DECOM.notnull())
    w = ibis.window(group_by=[e.LA, e.CHILD], order_by=[e.DECOM])
    cum = ibis.cumulative_window(group_by=[e.LA, e.CHILD], order_by=[e.DECOM])
    prev_dec = e.DEC.lag().over(w)
    first = ibis.row_number().over(w) == 0
    e = e.mutate(_gap=(first | (prev_dec.notnull() & (prev_dec < e.DECOM))).cast("int64"))
    e = e.mutate(_chain=e._gap.sum().over(cum))
    e = e.filter(e.LS.fill_null("").notin(SHORT_BREAKS))

    w = ibis.window(group_by=[e.LA, e.CHILD], order_by=[e.DECOM])
    cum = ibis.cumulative_window(group_by=[e.LA, e.CHILD], order_by=[e.DECOM])
    prev_chain = e._chain.lag().over(w)
    rne = e.RNE.fill_null("")
    adopt = e.PLACE.fill_null("").isin(PLACED_FOR_ADOPTION)
    e = e.mutate(
        new_care=prev_chain.isnull() | (prev_chain != e._chain),
        _first=ibis.row_number().over(w) == 0,
        _adopt_in=adopt & ~adopt.lag().over(w).fill_null(False),
    )
    moved = rne.isin(PLACEMENT_CHANGE) & e.PLACE.fill_null("").notin(ADOPTION_WITH_CURRENT_CARER)
    e = e.mutate(new_place=moved | (e.new_care & (e._first | rne.notin(SAME_PLACEMENT))))
    # Episodes run in date order, so the start of the current period of care (or placement) is
    # the running maximum of the start dates that opened one: one sort serves all three.
    none = ibis.null().cast(e.DECOM.type())
    stab_new = e.new_place | e.new_care | e._adopt_in
    e = e.mutate(
        care_start=ibis.ifelse(e.new_care, e.DECOM, none).max().over(cum),
        place_start=ibis.ifelse(e.new_place, e.DECOM, none).max().over(cum),
        _stab_start=ibis.ifelse(stab_new, e.DECOM, none).max().over(cum),
        _stab_new=stab_new,
    )
    # a placement never starts before its period of care (an L, T or U episode after a gap)
    e = e.mutate(
        place_start=ibis.ifelse(e.place_start < e.care_start, e.care_start, e.place_start),
        _lag_stab=e._stab_start.lag().over(w),
    )
    # the start of the placement before the adoptive one (null if in an earlier period of care)
    prev = ibis.ifelse(e._stab_new, e._lag_stab, none).max().over(cum)
    e = e.mutate(adopt_prev_start=ibis.ifelse(prev >= e.care_start, prev, none))
    return e.drop("_gap", "_chain", "_first", "_adopt_in", "_stab_start", "_stab_new", "_lag_stab")


def cla_3plus_placements_pct(ctx: Context) -> ir.Table:
    """Children looked after at the period end with 3 or more placements during the period.

    [UNCERTAIN] The placement open at the period start (or the first one started in the period)
    counts as one; each later new placement in the period (see ``_history``: RNE S, P or B except
    a move to adoption with the current foster carers, A3/A5; never L, T or U) counts as another.
    An episode that ceased on the first day of the period does not count. Short-break episodes are
    set aside without splitting the placement around them.
    """
    h = _in_periods(ctx)
    ov = h.filter(h.period_end >= h.DECOM, h.DEC.isnull() | (h.period_start < h.DEC))
    rn = ibis.row_number().over(
        group_by=[ov.LA, ov.period_start, ov.period_end, ov.CHILD], order_by=[ov.DECOM]
    )
    ov = ov.mutate(counts=(rn == 0) | ov.new_place)
    per_child = ov.group_by([*KEYS, "CHILD"]).aggregate(
        placements=ov.counts.cast("int64").sum(),
        at_end=(open_at_end(ov.DECOM, ov.DEC, ov)).cast("int64").max(),
    )
    cohort = per_child.filter(per_child.at_end == 1)
    return cohort.group_by(KEYS).aggregate(
        numerator=(cohort.placements >= 3).cast("int64").sum(), denominator=cohort.count()
    )


def cla_long_term_stability_pct(ctx: Context) -> ir.Table:
    """Children looked after at the period end, under 16, looked after for 2.5 years or more, who
    have been in the same placement for 2 years or more.

    Looked after continuously means one unbroken period of care (see ``_history``); a child placed
    for adoption (A3-A6) counts if the adoptive placement and the one before it together lasted 2
    years. A move to adoption with the same carers (A3/A5) starts the adoptive placement for this
    rule, so U4 since 2015, U5 from November 2017 and A5 with the U5 carers from February 2018 is
    five months at 31 March 2018, not stable.
    Age is at the period end; a child born on 29 February turns 16 on 1 March in other years.
    """
    hd = latest(ctx.table("header"), ["LA", "CHILD"]).select("LA", "CHILD", "DOB")
    t = _looked_after_at_end(ctx).join(hd, ["LA", "CHILD"])
    eff_start = ibis.ifelse(
        t.PLACE.fill_null("").isin(PLACED_FOR_ADOPTION) & t.adopt_prev_start.notnull(),
        t.adopt_prev_start,
        t.place_start,
    )
    in_cohort = (
        t.DOB.notnull()
        & (birthday(t.DOB, 16) > t.period_end)
        & (t.care_start <= t.period_end - ibis.interval(months=30))
    )
    stable = in_cohort & (eff_start <= t.period_end - ibis.interval(years=2))
    return t.group_by(KEYS).aggregate(
        numerator=t.CHILD.nunique(where=stable), denominator=t.CHILD.nunique(where=in_cohort)
    )


def cla_missing_pct(ctx: Context) -> ir.Table:
    """Children looked after at any time in the period who had a missing (M) or away (A) incident
    starting in the period, as a share of all children looked after in the period.

    [UNCERTAIN] DfE publishes both children-looked-after-during-the-year and at-31-March bases; we
    use the during-the-year base of the EES-CLA missing statistics.
    """
    ep = _in_periods(ctx)
    during = ep.filter(ep.period_end >= ep.DECOM, ep.DEC.isnull() | (ep.period_start <= ep.DEC))
    during = during.select(*KEYS, "CHILD").distinct()
    m = latest(ctx.table("missing"), ["LA", "CHILD", "MIS_START"])
    m = ctx.with_periods("ssda903", m, m.MIS_START)
    m = m.filter(m.MISSING.fill_null("").upper().isin(["M", "A"]), between(m.MIS_START, m))
    m = m.select(*KEYS, "CHILD", flag=ibis.literal(1)).distinct()
    j = during.left_join(m, [*KEYS, "CHILD"])
    return j.group_by([during.LA, during.period_start, during.period_end]).aggregate(
        numerator=j.flag.fill_null(0).sum(), denominator=j.count()
    )


def _care_leavers(ctx: Context, ages: tuple[int, ...]) -> ir.Table:
    """Care leavers whose birthday at one of ``ages`` falls in the period, one row per child.

    [UNCERTAIN] The 17-18 cohort is defined like the 19-21 one, around the 17th and 18th
    birthdays. Those who died or returned home for 6 months or more (IN_TOUCH DIED/RHOM) are
    excluded; those not in touch, refusing contact or no longer needing services stay in. With
    several returns loaded, the latest return up to the period's year is used for each child.
    """
    o = ctx.with_periods("ssda903", ctx.table("oc3"))
    in_period = ibis.literal(False)
    for age in ages:
        in_period = in_period | between(birthday(o.DOB, age), o)
    o = o.filter(
        o.DOB.notnull(),
        in_period,
        (o.YEAR == 0) | (o.label_year >= o.YEAR),
        o.IN_TOUCH.fill_null("").upper().notin(["DIED", "RHOM"]),
    )
    rn = ibis.row_number().over(
        group_by=[o.LA, o.period_start, o.period_end, o.CHILD], order_by=[ibis.desc(o.YEAR)]
    )
    return o.mutate(_rn=rn).filter(lambda x: x._rn == 0)


def _eet(ages: tuple[int, ...]) -> Build:
    def build(ctx: Context) -> ir.Table:
        o = _care_leavers(ctx, ages)
        return o.group_by(KEYS).aggregate(
            numerator=o.ACTIV.fill_null("").upper().isin(EET).cast("int64").sum(),
            denominator=o.count(),
        )

    return build


def _in_touch(ages: tuple[int, ...], code: str) -> Build:
    """Care leavers in the cohort whose IN_TOUCH is ``code`` (YES: in touch; NO: not in touch).
    Those refusing contact (REFU) or no longer needing services (NREQ) stay in the base only."""

    def build(ctx: Context) -> ir.Table:
        o = _care_leavers(ctx, ages)
        return o.group_by(KEYS).aggregate(
            numerator=(o.IN_TOUCH.fill_null("").upper() == code).cast("int64").sum(),
            denominator=o.count(),
        )

    return build


def _accommodation(ages: tuple[int, ...]) -> Build:
    """Suitable accommodation: the second character of ACCOM is 1 ([UNCERTAIN] mapping from
    REFERENCE.md). The denominator leaves out those abroad (G), deported (H) or whose residence
    is not known (R)."""

    def build(ctx: Context) -> ir.Table:
        o = _care_leavers(ctx, ages)
        acc = o.ACCOM.fill_null("").upper()
        o = o.filter(acc.substr(0, 1).notin(["G", "H", "R"]))
        acc = o.ACCOM.fill_null("").upper()
        return o.group_by(KEYS).aggregate(
            numerator=(acc.substr(1, 1) == "1").cast("int64").sum(), denominator=o.count()
        )

    return build


def _d(id_: str, kind: str, needs: tuple[str, ...], build: Build, doc: str) -> Definition:
    return Definition(
        id=id_,
        family="ssda903",
        kind=kind,  # type: ignore[arg-type]
        needs=needs,
        build=build,
        doc=doc,
    )


EP = ("episodes",)
DEFINITIONS: list[Definition] = [
    _d("cla_count", "count", EP, cla_count, cla_count.__doc__ or ""),
    _d("cla_rate_per_10k", "rate", EP, cla_count, "CLA at the period end per 10,000 aged 0-17."),
    _d("cla_starts_count", "count", EP, cla_starts_count, cla_starts_count.__doc__ or ""),
    _d("cla_starts_rate_per_10k", "rate", EP, cla_starts_count, "Starts per 10,000 aged 0-17."),
    _d("cla_ceased_count", "count", EP, cla_ceased_count, cla_ceased_count.__doc__ or ""),
    _d("cla_ceased_rate_per_10k", "rate", EP, cla_ceased_count, "Ceased per 10,000 aged 0-17."),
    _d("cla_ceased_sgo_pct", "pct", EP, _share(SGO), "Ceased with a special guardianship order."),
    _d("cla_ceased_adopted_pct", "pct", EP, _share(ADOPTED), "Ceased by adoption (E11, E12)."),
    _d(
        "cla_ceased_returned_home_pct",
        "pct",
        EP,
        _share(RETURNED_HOME),
        "Ceased by returning home to parents (E4A, E4B); [UNCERTAIN] E13 is not included.",
    ),
    _d(
        "cla_ceased_returned_home_unplanned_pct",
        "pct",
        EP,
        _share(RETURNED_HOME_UNPLANNED),
        "Ceased by returning home not as part of the care plan (E4B).",
    ),
    _d("cla_foster_pct", "pct", EP, cla_foster_pct, cla_foster_pct.__doc__ or ""),
    _d("uasc_count", "count", ("episodes", "uasc"), uasc_count, uasc_count.__doc__ or ""),
    _d(
        "uasc_pct",
        "pct",
        ("episodes", "uasc"),
        uasc_pct,
        "UASC of all looked after at the period end.",
    ),
    _d(
        "cla_3plus_social_workers_pct",
        "pct",
        ("episodes", "sw_episodes"),
        cla_3plus_social_workers_pct,
        cla_3plus_social_workers_pct.__doc__ or "",
    ),
    _d(
        "cla_3plus_placements_pct",
        "pct",
        EP,
        cla_3plus_placements_pct,
        cla_3plus_placements_pct.__doc__ or "",
    ),
    _d(
        "cla_long_term_stability_pct",
        "pct",
        ("episodes", "header"),
        cla_long_term_stability_pct,
        cla_long_term_stability_pct.__doc__ or "",
    ),
    _d(
        "cla_missing_pct",
        "pct",
        ("episodes", "missing"),
        cla_missing_pct,
        cla_missing_pct.__doc__ or "",
    ),
    _d("care_leavers_eet_19_21_pct", "pct", ("oc3",), _eet((19, 20, 21)), "EET at 19-21."),
    _d("care_leavers_eet_17_18_pct", "pct", ("oc3",), _eet((17, 18)), "EET at 17-18."),
    _d(
        "care_leavers_suitable_accom_19_21_pct",
        "pct",
        ("oc3",),
        _accommodation((19, 20, 21)),
        "Suitable accommodation at 19-21.",
    ),
    _d(
        "care_leavers_suitable_accom_17_18_pct",
        "pct",
        ("oc3",),
        _accommodation((17, 18)),
        "Suitable accommodation at 17-18.",
    ),
    _d(
        "care_leavers_in_touch_19_21_pct",
        "pct",
        ("oc3",),
        _in_touch((19, 20, 21), "YES"),
        "In touch at 19-21.",
    ),
    _d(
        "care_leavers_in_touch_17_18_pct",
        "pct",
        ("oc3",),
        _in_touch((17, 18), "YES"),
        "In touch at 17-18.",
    ),
    _d(
        "care_leavers_not_in_touch_19_21_pct",
        "pct",
        ("oc3",),
        _in_touch((19, 20, 21), "NO"),
        "Not in touch at 19-21 (IN_TOUCH NO; refusing contact or no longer needing services is not counted).",
    ),
]
