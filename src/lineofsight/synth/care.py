"""Periods of care: how long children stay looked after, where they live, and how care ends.

Lengths of stay are scaled year by year until the number looked after at each 31 March matches the
published count; placement moves follow a two-type model (a stable majority and a small, often
older, group who move a lot) set from the published 3+ placements and long-term stability figures.
"""

from __future__ import annotations

import math
import random

import numpy as np

from lineofsight.synth.calendar import add_workdays, add_years, march31, next_workday
from lineofsight.synth.model import CareLeaver, Child, Episode, Referral, Spell
from lineofsight.synth.people import People, postcode

STOCK_AGES = ((0, 5, 18), (5, 10, 19), (10, 16, 39), (16, 18, 24))
SHORT_SHARE = 0.35
SHORT_YEARS = 0.3
UNSTABLE_RATE = 2.6  # placement moves a year for the unsettled group
SGO_OLD, SGO_NEW = ("E43", "E44"), ("E45", "E46", "E47", "E48")
# How care ends, grouped as the published shares of children who ceased count them; each group's
# weights are scaled year by year to the council's published share (see reason_factors).
REASON_SHARES = {
    "cla_ceased_adopted_pct": ("E11", "E12"),
    "cla_ceased_sgo_pct": SGO_OLD + SGO_NEW,
    "cla_ceased_returned_home_pct": ("E4A", "E4B"),
}
_SHARE_OF = {code: ind for ind, codes in REASON_SHARES.items() for code in codes}
Reasons = tuple[tuple[str, int], ...]
SW_REASONS = (
    "MANAGE",
    "FCONTA",
    "LEFTRL",
    "ORGRST",
    "TSPROC",
    "ABSENC",
    "CHCHAN",
    "PCCHAN",
    "OTHERS",
)
REVIEW_CODES = (
    ("PN1", 60),
    ("PN2", 10),
    ("PN3", 8),
    ("PN4", 6),
    ("PN5", 6),
    ("PN6", 5),
    ("PN7", 5),
)
SUITABLE = ("B1", "C1", "D1", "E1", "S1", "T1", "U1", "V1", "W1", "X1", "Z1")
NEET = ("G4", "G5", "G6")
EET = ("F1", "P1", "F2", "P2")


def _age_at(child: Child, day: int) -> float:
    return (day - child.dob) / 365.25


def initial_stock(
    rng: random.Random, people: People, t: dict[str, float], day0: int
) -> list[tuple[Child, int, Referral]]:
    """Children already looked after when the simulation begins, with their original referral."""
    out: list[tuple[Child, int, Referral]] = []
    for _ in range(round(t.get("cla_count", 50.0))):
        lo, hi, _ = rng.choices(STOCK_AGES, [w for *_, w in STOCK_AGES])[0]
        age = rng.uniform(lo * 365.25, hi * 365.25 - 30)
        child = people.new(day0 - int(age))
        start = day0 - int(rng.uniform(1, min(age - 10, 6 * 365.25)))
        ref_day = start - rng.randint(0, 20)
        r = Referral(child, ref_day, "care", "5A", "N1")
        r.assess_start = next_workday(ref_day)
        r.assess_auth = add_workdays(r.assess_start, rng.randint(10, 40))
        r.factors = ("3A",)
        child.last_referral = ref_day
        child.busy_until = 10**7
        out.append((child, start, r))
    return out


def draw_spells(
    rng: random.Random,
    starts: list[tuple[Child, int, Referral]],
    targets: dict[int, dict[str, float]],
    sim_years: list[int],
) -> list[Spell]:
    """One period of care per start, lengths calibrated to the 31 March counts."""
    n = len(starts)
    first, last = sim_years[0], sim_years[-1]
    start = np.array([s for _, s, _ in starts], dtype=np.int64)
    cap = np.array([add_years(c.dob, 18) for c, _, _ in starts], dtype=np.int64)
    short = np.array([rng.random() < SHORT_SHARE for _ in range(n)])
    unit = np.array([rng.expovariate(1.0) for _ in range(n)])
    year = np.clip(np.array([_year_of(s) for s in start], dtype=np.int64), first, last)
    base = np.array(
        [
            targets[int(y)].get("cla_count", 50)
            / max(targets[int(y)].get("cla_starts_count", 20), 1)
            for y in year
        ]
    )
    long_mean = (base - SHORT_SHARE * SHORT_YEARS) / (1 - SHORT_SHARE)
    raw = unit * np.where(short, SHORT_YEARS, np.maximum(long_mean, 0.5)) * 365.25
    # Year by year, scale the stays of that year's starters until the 31 March count is met
    # (earlier years' stays are already fixed).
    k = {y: 1.0 for y in sim_years}
    for y in sim_years:
        m = march31(y)
        want = targets[y].get("cla_count")
        if want is None:
            continue
        lo, hi = 0.05, 20.0
        for _ in range(25):
            k[y] = math.sqrt(lo * hi)
            end = _ends(start, cap, raw, year, k)
            stock = int(((start <= m) & (end > m)).sum())
            lo, hi = (k[y], hi) if stock < want else (lo, k[y])
    end = _ends(start, cap, raw, year, k)
    spells = [
        Spell(child, s, int(e)) for (child, s, _), e in zip(starts, end.tolist(), strict=True)
    ]
    at_18 = [sp.end == add_years(sp.child.dob, 18) for sp in spells]
    tables = [_reasons(sp, a) for sp, a in zip(spells, at_18, strict=True)]
    ceased = [min(max(_year_of(sp.end or sp.start), first), last) for sp in spells]
    # Calibrated on the periods that end by the last 31 March (later ones use that year's mix).
    by_year: dict[int, list[Reasons]] = {y: [] for y in sim_years}
    for sp, table, y in zip(spells, tables, ceased, strict=True):
        if (sp.end or 0) <= march31(last):
            by_year[y].append(table)
    factors = {y: reason_factors(by_year[y], targets[y]) for y in sim_years}
    for spell, table, y, y_end in zip(spells, tables, year.tolist(), ceased, strict=True):
        spell.rec = _draw_reason(rng, table, factors[y_end])
        _fill(rng, spell, targets[int(y)])
        spell.child.spells.append(spell)
    return spells


def reason_factors(tables: list[Reasons], t: dict[str, float]) -> dict[str, float]:
    """Multipliers on each group of reasons so that, over the periods of care ending in a year,
    the expected share ending each way is the council's published share.

    Proportional fitting over the distinct reason tables (a handful: by age, UASC, reaching 18).
    Clamped, because a small council can publish 0%, or a share its leavers' ages cannot give.
    """
    counts: dict[Reasons, int] = {}
    for table in tables:
        counts[table] = counts.get(table, 0) + 1
    wanted = {ind: t[ind] / 100 for ind in REASON_SHARES if ind in t}
    f = dict.fromkeys(wanted, 1.0)
    for _ in range(40):
        expected = dict.fromkeys(wanted, 0.0)
        for table, n in counts.items():
            weights = [(_SHARE_OF.get(c), w * f.get(_SHARE_OF.get(c, ""), 1.0)) for c, w in table]
            total = sum(w for _, w in weights)
            for ind, w in weights:
                if ind in expected:
                    expected[ind] += n * w / total
        for ind, share in wanted.items():
            if expected[ind] > 0:
                f[ind] = min(max(f[ind] * share * len(tables) / expected[ind], 0.01), 100.0)
    return f


def _ends(
    start: np.ndarray, cap: np.ndarray, raw: np.ndarray, year: np.ndarray, k: dict[int, float]
) -> np.ndarray:
    first = min(k)
    scale = np.array([k[y] for y in sorted(k)])[year - first]
    out: np.ndarray = np.minimum(start + np.maximum(raw * scale, 1).astype(np.int64), cap)
    return out


def _year_of(day: int) -> int:
    """Collection year (ending 31 March) containing ``day``."""
    import datetime as dt

    d = dt.date.fromordinal(int(day))
    return d.year + (1 if d.month >= 4 else 0)


def _reasons(spell: Spell, at_18: bool) -> Reasons:
    """How this period of care may end (REC codes with weights), by age and circumstance."""
    age = _age_at(spell.child, spell.end or spell.start)
    sgo = SGO_OLD if _year_of(spell.end or spell.start) <= 2018 else SGO_NEW
    if at_18:
        return (("E7", 40), ("E17", 25), ("E8", 20), ("E9", 5), ("E13", 10))
    if spell.child.uasc:
        return (("E8", 50), ("E15", 20), ("E16", 10), ("E7", 20))
    if age < 5:
        return (
            ("E4A", 25),
            ("E11", 30),
            ("E12", 8),
            (sgo[0], 15),
            (sgo[1], 5),
            ("E41", 8),
            ("E8", 9),
        )
    if age < 16:
        return (("E4A", 38), ("E4B", 5), (sgo[0], 14), (sgo[1], 4), ("E41", 8), ("E8", 12),
                ("E5", 5), ("E13", 4), ("E6", 2), ("E3", 3), ("E11", 5 if age < 9 else 0))  # fmt: skip
    return (("E4A", 30), ("E7", 20), ("E8", 22), ("E13", 8), ("E6", 5), ("E5", 10), ("E4B", 5))


def _draw_reason(rng: random.Random, table: Reasons, factors: dict[str, float]) -> str:
    weights = [w * factors.get(_SHARE_OF.get(c, ""), 1.0) for c, w in table]
    return rng.choices([c for c, _ in table], weights)[0]


def _place(rng: random.Random, age: float) -> tuple[str, str, str]:
    """(PLACE, PLACE_PROVIDER, URN) for a child of this age; codes valid in every year."""
    if age < 11:
        place = rng.choices(("U1", "U3", "U4", "U5", "U6", "P1", "K2"), (12, 10, 40, 3, 30, 4, 1))[
            0
        ]
    else:
        place = rng.choices(
            ("U1", "U3", "U4", "U6", "K2", "R1", "S1", "P1", "Z1"), (6, 6, 30, 20, 24, 4, 3, 5, 2)
        )[0]
    if place == "Z1":  # a placement that takes no provider (DfE rule 178)
        return place, "", "XXXXXXX"
    if place == "P1":
        return place, "PR0", "XXXXXXX"
    if place in ("K2", "R1", "S1"):
        return place, "PR4" if rng.random() < 0.75 else "PR1", f"SC{rng.randint(100000, 999999)}"
    return place, "PR1" if rng.random() < 0.6 else "PR4", "XXXXXXX"


def _fill(rng: random.Random, spell: Spell, t: dict[str, float]) -> None:
    """Episodes, reviews, missing incidents, social workers and adoption for one spell (whose
    reason for ending is already drawn)."""
    child, start, end = spell.child, spell.start, spell.end
    assert end is not None
    # Clamped: a tiny council can publish 0% or 100%, which no placement model reproduces.
    p3 = min(max(t.get("cla_3plus_placements_pct", 10.0) / 100, 0.0), 0.5)
    stab = min(max(t.get("cla_long_term_stability_pct", 69.0) / 100, 0.05), 0.97)
    # Tuned on simulated councils: these shares reproduce the published pair of measures.
    unsettled_share = min(max(p3 / 0.45, 0.02), 0.6)
    stable_rate = 1.3 * -math.log(min(0.97, stab / (1 - 0.5 * unsettled_share))) / 2
    age0 = _age_at(child, start)
    unsettled = rng.random() < unsettled_share * (1.6 if age0 >= 10 else 0.5)
    rate = UNSTABLE_RATE if unsettled else stable_rate
    events: dict[int, str] = {}
    day = start
    if rng.random() < 0.12:
        day += rng.randint(2, 40)
        if day < end:
            events[day] = "P"
    while True:
        day += max(1, int(rng.expovariate(rate) * 365.25))
        if day >= end:
            break
        events[day] = "P"
    ls = "V2" if child.uasc else rng.choices(("C1", "V2", "L2", "E1", "C2"), (38, 42, 6, 4, 10))[0]
    legal: list[tuple[int, str]] = []
    if ls in ("L2", "E1"):
        legal.append((start + rng.randint(1, 8), rng.choice(("C1", "V2"))))
    if ls == "C1" or (legal and legal[-1][1] == "C1"):
        legal.append((start + rng.randint(120, 420), "C2"))
    elif ls == "V2" and not child.uasc and rng.random() < 0.12:
        legal.append((start + rng.randint(60, 400), "C1"))
    adoption = spell.rec in ("E11", "E12") and end - start > 120
    a_day = end - rng.randint(110, 330) if adoption else None
    if a_day is not None and a_day <= start + 20:
        a_day = start + 21 if end - start > 40 else None
    if a_day is not None:
        events = {d: v for d, v in events.items() if d < a_day}
        events[a_day] = "A"
    for d, _ in legal:
        if d < end:
            events[d] = "B" if events.get(d) == "P" else ("A" if events.get(d) == "A" else "L")
    legal_at = dict(legal)
    home = postcode(rng)
    need = (
        "N8"
        if child.uasc
        else rng.choices(("N1", "N2", "N3", "N4", "N5", "N6", "N7"), (64, 3, 4, 8, 15, 3, 3))[0]
    )
    place, prov, urn = _place(rng, age0)
    ep = Episode(
        start,
        "S",
        ls,
        need,
        place,
        prov,
        home_post=home,
        pl_post=_pl_post(rng, place, home),
        urn=urn,
    )
    episodes = [ep]
    for d in sorted(events):
        kind = events[d]
        ep.dec, ep.rec = d, "X1"
        if kind in ("P", "B"):
            ep.reason_change = rng.choice(
                (
                    "CARPL",
                    "CLOSE",
                    "ALLEG",
                    "STAND",
                    "APPRR",
                    "CREQB",
                    "CREQO",
                    "CHILD",
                    "LAREQ",
                    "PLACE",
                    "OTHER",
                )
            )
        ls = legal_at.get(d, ls)
        if kind == "A":
            with_carer = ep.place.startswith("U") and rng.random() < 0.3
            place, prov, urn = ("A3" if with_carer else "A4"), "PR1", "XXXXXXX"
            rne = "T" if with_carer else "P"
        elif kind == "L":
            rne = "L"
        else:
            place, prov, urn = _place(rng, _age_at(child, d))
            rne = kind
        ep = Episode(
            d,
            rne,
            ls,
            need,
            place,
            prov,
            home_post=home,
            pl_post=_pl_post(rng, place, home),
            urn=urn,
        )
        episodes.append(ep)
    ep.dec, ep.rec = end, spell.rec
    spell.episodes = episodes
    if a_day is not None:
        decision = a_day - rng.randint(90, 240)
        match = a_day - rng.randint(14, 60)
        nb = rng.choice((1, 2, 2, 2))
        sex = (
            rng.choice(("M1", "F1"))
            if nb == 1
            else rng.choices(("MF", "MM", "FF"), (80, 10, 10))[0]
        )
        spell.adoption = (
            a_day,
            max(decision, start),
            max(match, start + 1),
            sex,
            str(nb),
            rng.choice(("L0", "L11", "L12", "L2", "L4")),
        )
    # Reviews: within 20 days, then 3 months, then every 6 months.
    day = start + rng.randint(5, 20)
    step = 91
    while day < end:
        code = (
            "PN0"
            if _age_at(child, day) < 4
            else rng.choices([c for c, _ in REVIEW_CODES], [w for _, w in REVIEW_CODES])[0]
        )
        spell.reviews.append((day, code))
        day += step + rng.randint(-10, 5)
        step = 182
    # Missing and away-from-placement incidents, year by year while looked after.
    day = start
    while day < end:
        chunk_end = min(day + 365, end)
        if _age_at(child, day) >= 10 and rng.random() < (0.55 if unsettled else 0.07):
            days = {
                rng.randint(day, chunk_end)
                for _ in range(1 + _poisson(rng, 3.0 if unsettled else 0.6))
            }
            for ms in sorted(days):
                me = ms + rng.choice((0, 0, 1, 1, 2, 3, 6))
                spell.missing.append(("M" if rng.random() < 0.75 else "A", ms, me))
        day = chunk_end + 1
    # Social workers: a new one now and then.
    day = start
    sw = f"SW{rng.randint(10000, 99999)}"
    while True:
        nxt = day + max(30, int(rng.expovariate(0.8) * 365.25))
        if nxt >= end:
            spell.social_workers.append((sw, day, end, "CHCHAN"))
            break
        spell.social_workers.append((sw, day, nxt, rng.choice(SW_REASONS)))
        sw, day = f"SW{rng.randint(10000, 99999)}", nxt
    if rng.random() < 0.08:
        spell.prev_perm = ("P2", "", start - rng.randint(400, 2000))


def _pl_post(rng: random.Random, place: str, home: str) -> str:
    return home if place == "P1" else postcode(rng)


def _poisson(rng: random.Random, lam: float) -> int:
    k, p, limit = 0, 1.0, math.exp(-lam)
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def care_leavers(
    rng: random.Random,
    spells: list[Spell],
    targets: dict[int, dict[str, float]],
    first: int,
    last: int,
) -> list[CareLeaver]:
    """OC3 outcomes around the 17th to 21st birthdays of those who left care at 16 or over."""
    out: list[CareLeaver] = []
    seen: set[str] = set()
    for spell in sorted(spells, key=lambda s: -(s.end or 0)):
        child = spell.child
        end = spell.end
        if child.id in seen or end is None or _age_at(child, end) < 16 or end - spell.start < 91:
            continue
        seen.add(child.id)
        for age in (17, 18, 19, 20, 21):
            bday = add_years(child.dob, age)
            y = _year_of(bday)
            if bday <= end or y < first or y > last:
                continue
            eet = targets[y].get("care_leavers_eet_19_21_pct", 52.0) / 100
            if age < 19:
                eet = min(eet + 0.12, 0.95)
            touch = rng.choices(
                ("YES", "NO", "REFU", "NREQ", "DIED", "RHOM"), (89, 4, 2, 2, 0.5, 2.5)
            )[0]
            if touch == "YES":
                activ = rng.choice(EET) if rng.random() < min(eet / 0.9, 0.99) else rng.choice(NEET)
                suit = rng.random() < 0.9
                accom = rng.choice(SUITABLE)
                accom = accom if suit else accom[0] + "2"
            else:
                activ, accom = "0", "0"
            out.append(CareLeaver(child, bday, touch, activ, accom))
    return out
