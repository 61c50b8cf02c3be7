"""The SSDA903 return for one collection year, as the DfE CSV set a council exports.

Each year's files show only what was known on its 31 March: an episode still open then has a
blank DEC and REC even if the simulated child later leaves care. Dates are dd/mm/yyyy.
"""

from __future__ import annotations

from lineofsight.synth.calendar import add_years, known_on, march31, uk
from lineofsight.synth.model import Child, Spell, World

COLUMNS: dict[str, list[str]] = {
    "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "episodes": [
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ],
    "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "uasc": ["CHILD", "SEX", "DOB", "DUC"],
    "oc2": [
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ],
    "oc3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "ad1": [
        "CHILD",
        "DOB",
        "DATE_INT",
        "DATE_MATCH",
        "FOSTER_CARE",
        "NB_ADOPTR",
        "SEX_ADOPTR",
        "LS_ADOPTR",
    ],
    "placed_for_adoption": [
        "CHILD",
        "DOB",
        "DATE_PLACED",
        "DATE_PLACED_CEASED",
        "REASON_PLACED_CEASED",
    ],
    "missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "previous_permanence": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "sw_episodes": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
}
SW_EPISODES_FROM = 2024  # social worker episodes are collected from the 2023-24 return


def tables_for(year: int) -> list[str]:
    return [t for t in COLUMNS if t != "sw_episodes" or year >= SW_EPISODES_FROM]


def _known(day: int | None, as_of: int) -> str:
    return uk(day) if day is not None and day <= as_of else ""


def build(world: World, year: int) -> dict[str, list[list[str]]]:
    """Rows (strings, DfE column order) of every 903 table for the year ending 31 March ``year``,
    as known on its 31 March or, for an in-year extract, on the world's ``as_at`` day."""
    as_of, ystart = known_on(year, world.as_at), march31(year - 1) + 1
    sex_codes = ("1", "2") if year <= 2024 else ("M", "F")
    out: dict[str, list[list[str]]] = {t: [] for t in tables_for(year)}
    in_year: list[Spell] = [
        s for s in world.spells if s.start <= as_of and (s.end is None or s.end >= ystart)
    ]
    in_year.sort(key=lambda s: (s.child.id, s.start))
    header_children: dict[str, Child] = {}
    for s in in_year:
        c = s.child
        dob = uk(c.dob)
        header_children[c.id] = c
        for e in s.episodes:
            if e.decom > as_of or (e.dec is not None and e.dec < ystart):
                continue
            ended = e.dec is not None and e.dec <= as_of
            out["episodes"].append(
                [
                    c.id,
                    uk(e.decom),
                    e.rne,
                    e.ls,
                    e.cin,
                    e.place,
                    e.provider,
                    uk(e.dec) if ended and e.dec is not None else "",
                    e.rec if ended else "",
                    e.reason_change if ended else "",
                    e.home_post,
                    e.pl_post,
                    e.urn,
                ]
            )
        for day, code in s.reviews:
            if ystart <= day <= as_of:
                out["reviews"].append([c.id, dob, uk(day), code])
        for kind, ms, me in s.missing:
            if ystart <= ms <= as_of:
                out["missing"].append([c.id, dob, kind, uk(ms), _known(me, as_of)])
        if ystart <= s.start <= as_of:
            perm, la, when = s.prev_perm
            out["previous_permanence"].append(
                [c.id, dob, perm, world.old_code if perm != "Z1" else la, _known(when, as_of)]
            )
        if s.adoption is not None:
            placed, decided, matched, sex, nb, ls = s.adoption
            if placed <= as_of:
                out["placed_for_adoption"].append([c.id, dob, uk(placed), "", ""])
            if s.end is not None and ystart <= s.end <= as_of and s.rec in ("E11", "E12"):
                foster = "1" if s.episodes[-1].place == "A3" else "0"
                out["ad1"].append([c.id, dob, uk(decided), uk(matched), foster, nb, sex, ls])
        if "sw_episodes" in out:
            for sw, start, end, reason in s.social_workers:
                if start <= as_of and end >= ystart:
                    done = end <= as_of
                    out["sw_episodes"].append(
                        [c.id, dob, sw, uk(start), uk(end) if done else "", reason if done else ""]
                    )
    seen_uasc: set[str] = set()
    seen_oc2: set[str] = set()
    for s in in_year:
        c = s.child
        if c.uasc and c.id not in seen_uasc:
            seen_uasc.add(c.id)
            out["uasc"].append(
                [c.id, sex_codes[c.sex - 1], uk(c.dob), uk(add_years(c.dob, 18) - 1)]
            )
        if s.start <= as_of - 365 and (s.end is None or s.end > as_of) and c.id not in seen_oc2:
            seen_oc2.add(c.id)
            out["oc2"].append(_oc2(c.id, c.dob, as_of, hash_seed=int(c.id[-6:]) + year))
    for cl in world.care_leavers:
        if ystart <= cl.birthday <= as_of:
            c = cl.child
            header_children[c.id] = c
            out["oc3"].append([c.id, uk(c.dob), cl.in_touch, cl.activity, cl.accommodation])
    for cid in sorted(header_children):
        c = header_children[cid]
        under5 = (as_of - c.dob) < 5 * 365.25
        mother = "" if c.sex == 1 else "0"
        out["header"].append(
            [
                c.id,
                sex_codes[c.sex - 1],
                uk(c.dob),
                c.ethnic,
                "UN1" if under5 else c.upn,
                mother,
                "",
            ]
        )
    for rows in out.values():
        rows.sort(key=lambda r: r[0])
    return out


def _oc2(child: str, dob: int, as_of: int, hash_seed: int) -> list[str]:
    """Health and offending outcomes; deterministic from the child and year, not a random stream."""
    age = (as_of - dob) / 365.25
    h = (hash_seed * 2654435761) % 2**32
    sdq = str(h % 30) if 4 <= age < 17 and h % 10 < 8 else ""
    reason = (
        "" if sdq else ("SDQ1" if not 4 <= age < 17 else ("SDQ2", "SDQ3", "SDQ4", "SDQ5")[h % 4])
    )
    conv = "1" if age >= 10 and h % 50 == 0 else "0"
    subst = "1" if age >= 11 and h % 25 == 1 else "0"
    flags = ["1" if (h >> k) % 10 else "0" for k in (3, 6, 9, 12)]
    return [
        child,
        uk(dob),
        sdq,
        reason,
        conv,
        *flags,
        subst,
        "1" if subst == "1" else "",
        "1" if subst == "1" else "",
    ]
