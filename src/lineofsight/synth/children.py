"""Simulate children's journeys through one council's services, calibrated to its published figures.

Each year's referrals are drawn to the council's referral rate and split into routes: no further
action, assessment only, section 47 without conference, conference without plan, child
protection plan, and entry to care. Re-referrals and repeat plans reuse earlier children, so the
same child reappears coherently across years; durations are chosen so that the stocks at each
31 March (children in need, on a plan, looked after) land near the published counts.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random

import numpy as np

from lineofsight.synth import care
from lineofsight.synth.calendar import add_workdays, add_years, march31, next_workday
from lineofsight.synth.model import Child, Referral, Spell
from lineofsight.synth.people import People


class Table:
    """Codes and their weights, split once so each draw is one bisection."""

    def __init__(self, pairs: tuple[tuple[str, int], ...]) -> None:
        self.codes = tuple(c for c, _ in pairs)
        self.weights = tuple(float(w) for _, w in pairs)

        self.cum = list(itertools.accumulate(self.weights))

    def pick(self, rng: random.Random) -> str:
        return self.at(rng.random())

    def at(self, u: float) -> str:
        """The code for a uniform draw ``u`` in [0, 1)."""
        return self.codes[min(bisect.bisect(self.cum, u * self.cum[-1]), len(self.codes) - 1)]


NFA_SHARE = 0.08  # referrals taken no further where the council publishes no share
NOT_IN_NEED_SHARE = 0.28  # referrals closed after assessment as not in need, likewise
PLAN_MEAN_YEARS = 0.8
SOURCES = Table((("5A", 10), ("3A", 8), ("1A", 5), ("2A", 20), ("2B", 5), ("4", 3), ("5B", 12),
           ("5C", 3), ("6", 5), ("7", 4), ("8", 5), ("9", 5), ("10", 6), ("1B", 3), ("3B", 6)))  # fmt: skip
NEEDS = Table((("N1", 55), ("N2", 3), ("N3", 6), ("N4", 2), ("N5", 5), ("N6", 5), ("N7", 2),
         ("N8", 10), ("N9", 12)))  # fmt: skip
FACTORS = ("1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B",
           "5C", "6A", "6B", "6C", "7A", "8B", "8C", "9A", "10A", "11A", "12A", "16A", "17A",
           "18A", "19A", "20", "21", "22A", "23A")  # fmt: skip
CATEGORIES = Table((("NEG", 50), ("EMO", 36), ("PHY", 7), ("SAB", 4), ("MUL", 3)))
# Ages (years) of children referred, and of children starting to be looked after (DfE shares).
REFERRAL_AGES = ((0, 1, 12), (1, 5, 20), (5, 10, 25), (10, 16, 33), (16, 18, 10))
CARE_AGES = ((0, 1, 18), (1, 5, 13), (5, 10, 17), (10, 16, 37), (16, 18, 15))


def _age_days(u1: float, u2: float, table: tuple[tuple[int, int, int], ...]) -> int:
    """An age in days drawn from a table of (from, to, weight) age bands, from two uniforms."""
    x = u1 * sum(w for *_, w in table)
    band = table[-1]
    for row in table:
        if x < row[2]:
            band = row
            break
        x -= row[2]
    lo, hi, _ = band
    return int(lo * 365.25 + u2 * ((hi - lo) * 365.25 - 1))


# How other episodes close, those not closed after assessment as not in need (RC8, see
# Simulation.year): mostly services ceased (RC7), some to adult services, a child arrangements
# order, an SGO or another council.
CLOSURE = ("RC7", "RC7", "RC7", "RC6", "RC3", "RC4", "RC5")
NFA_NOT_IN_NEED = 0.6  # referrals taken no further are closed RC8 this often (else RC7)
NOT_IN_NEED_DAYS = 63  # mean days open: 4 to start, 48 to assess, up to 20 more to close
CIN_PLAN_SHARE = 0.55  # assessment-only episodes that go on to a CIN plan
DRAWS = 41  # uniforms pre-drawn per referral (see Simulation.year)


class Simulation:
    """One council's children's services, day by day over the simulated years."""

    def __init__(self, rng: random.Random, people: People, targets: dict[int, dict[str, float]]):
        self.rng = rng
        self.people = people
        self.targets = targets
        self.referrals: list[Referral] = []
        # Referrals in date order; ``head`` skips those more than a year old (a list, not a
        # deque, because picking a random element of a deque is linear time).
        self.recent: list[tuple[int, Child]] = []
        self.head = 0
        self.planned: list[Child] = []
        self.care_starts: list[tuple[Child, int, Referral]] = []
        self.np = np.random.default_rng(rng.getrandbits(64))

    # --- child selection -------------------------------------------------------------------
    def _free(self, c: Child, day: int) -> bool:
        return c.busy_until < day and add_years(c.dob, 18) > day + 60 and not c.uasc

    def _rereferral(self, day: int) -> Child | None:
        recent = self.recent
        while self.head < len(recent) and recent[self.head][0] < day - 365:
            self.head += 1
        if self.head > 50_000:  # drop the expired prefix now and then
            del recent[: self.head]
            self.head = 0
        for _ in range(6):
            if self.head >= len(recent):
                return None
            ref, c = recent[self.head + self.rng.randrange(len(recent) - self.head)]
            if c.last_referral == ref and self._free(c, day):
                return c
        return None

    def _repeat_plan(self, day: int) -> Child | None:
        for _ in range(6):
            if not self.planned:
                return None
            c = self.planned[self.rng.randrange(len(self.planned))]
            if self._free(c, day):
                return c
        return None

    def _new(self, day: int, ages: tuple[tuple[int, int, int], ...], u: list[float]) -> Child:
        return self.people.new(day - _age_days(u[3], u[4], ages), u=u[32:38])

    # --- one year --------------------------------------------------------------------------
    def year(self, y: int) -> None:
        rng = self.rng
        t = self.targets[y]
        start, end = march31(y - 1) + 1, march31(y)
        refs = max(10.0, t["referrals_count"])
        starts = t.get("cla_starts_count", refs * 0.05) * 1.06  # some start twice, some too late
        plans = min(t.get("cpp_count", 0.1 * refs) / PLAN_MEAN_YEARS, 0.6 * t["s47_count"])
        icpcs = plans / 0.9
        s47 = max(t["s47_count"], icpcs * 1.05)
        plan_to_care = min(0.3 * plans, 0.35 * starts)
        direct_care = starts - plan_to_care
        nfa = min(max(t.get("referrals_nfa_pct", NFA_SHARE * 100) / 100, 0.0), 0.7) * refs
        other = max(refs - nfa - s47 - direct_care, 0.2 * refs)
        kinds = {
            "nfa": nfa,
            "cin": other,
            "s47": s47 - icpcs,
            "icpc": icpcs - plans,
            "cp": plans,
            "care": direct_care,
        }
        counts = {k: _round(rng, v) for k, v in kinds.items()}
        # Closed after assessment as not in need (RC8): a share of the referrals taken no further,
        # then as many of the episodes that end without a plan or conference (assessment only, or
        # a section 47 enquiry) as the published share needs.
        want = t.get("referrals_not_in_need_pct", NOT_IN_NEED_SHARE * 100) / 100
        closed = want * sum(counts.values()) - NFA_NOT_IN_NEED * counts["nfa"]
        pool = (1 - CIN_PLAN_SHARE) * counts["cin"] + counts["s47"]
        not_in_need = min(max(closed / max(pool, 1.0), 0.0), 1.0)
        # Children in need at 31 March = looked after + on a plan + the rest; the rest sets how
        # long an ordinary CIN episode lasts.
        rest_stock = t.get("cin_count", 0.0) - t.get("cla_count", 0.0) - t.get("cpp_count", 0.0)
        rest_stock -= plans * 85 / 365
        rest_flow = float(counts["cin"] + counts["s47"] + counts["icpc"])
        # Those closed as not in need close soon after the assessment (see _referral), so they
        # hold little of the stock and the other episodes are stretched to make up the rest.
        rc8 = not_in_need * pool
        rest_stock -= rc8 * NOT_IN_NEED_DAYS / 365
        rest_flow -= rc8
        # Episodes last at least until the assessment is done: take part of that off.
        cin_mean = max(min(max(rest_stock / max(rest_flow, 1), 0.1), 3.0) * 365.25 - 20, 20)
        rr = t.get("rereferrals_12m_pct", 22.0) / 100
        rr_eff = min(0.95, rr * refs / max(refs - counts["care"] - counts["cp"] * 0.3, 1))
        # Plans lasting 2 to 3 years (mean excess over 2 years: 0.5) make up the 2+ years share
        # two years on, so they are sized by the target of the year they reach 2 years.
        later = self.targets.get(y + 2, self.targets[max(self.targets)])
        plan_share = later.get("cpp_2yrs_plus_pct", 3.0) / 100
        long_q = min(max(plan_share * PLAN_MEAN_YEARS - 0.001, 0.0) / 0.5, 0.25)
        short_mean = (PLAN_MEAN_YEARS - 2.5 * long_q) / (1 - long_q)
        timing = (t.get("assessments_45wd_pct", 85) / 100, t.get("icpc_15wd_pct", 80) / 100)
        repeat = t.get("cpp_repeat_pct", 22.0) / 100

        todo = [(rng.randint(start, end), k) for k, n in counts.items() for _ in range(n)]
        todo.sort()
        # Every draw for the year at once (numpy), then plain indexing in the loop: much faster
        # than a call into the random module per draw.
        uniforms = self.np.random((len(todo), DRAWS)).tolist()
        gammas = self.np.gamma(5.0, 1.0, len(todo)).tolist()
        for (day, kind), u, g in zip(todo, uniforms, gammas, strict=True):
            child: Child | None = None
            if kind == "cp" and u[0] < repeat:
                child = self._repeat_plan(day)
                if child is None:  # an earlier plan elsewhere or before records began
                    child = self._new(day, REFERRAL_AGES, u)
                    child.prev_plans = 1 + (u[31] < 0.2)
            elif kind == "care":
                child = self._rereferral(day) if u[2] < rr_eff * 0.5 else None
                if child is None:
                    if u[1] < t.get("uasc_share", 0.08):
                        age = int((14.5 + 3.3 * u[3]) * 365.25)
                        child = self.people.new(day - age, True, u=u[32:38])
                    else:
                        child = self._new(day, CARE_AGES, u)
            elif u[0] < rr_eff:
                child = self._rereferral(day)
            if child is None:
                child = self._new(day, REFERRAL_AGES, u)
            r = self._referral(
                child, day, kind, cin_mean, long_q, short_mean, timing, not_in_need, u, g
            )
            too_old = add_years(child.dob, 18) - 30
            if kind == "cp" and u[29] < plan_to_care / max(plans, 1):
                assert r.plan_end is not None
                if r.plan_end < too_old:
                    child.busy_until = 10**7  # looked after from the plan's end
                    self.care_starts.append((child, r.plan_end, r))
            if kind == "care":
                care_day = r.assess_start or day
                if care_day < too_old:
                    self.care_starts.append((child, care_day, r))
                else:  # turned 18 first: an ordinary CIN episode after all
                    r.kind = "cin"
                    r.close = child.busy_until = care_day + _expo(u[30], cin_mean) + 1

    def _referral(
        self,
        child: Child,
        day: int,
        kind: str,
        cin_mean: float,
        long_q: float,
        short_mean: float,
        timing: tuple[float, float],
        not_in_need: float,
        u: list[float],
        g: float,
    ) -> Referral:
        """One CIN episode from its pre-drawn uniforms ``u`` and gamma(5) draw ``g``."""
        r = Referral(child, day, kind, SOURCES.at(u[5]), NEEDS.at(u[6]))
        child.last_referral = day
        self.recent.append((day, child))
        self.referrals.append(r)
        if kind == "nfa":
            r.close = day + int(u[7] * 7)
            r.closure_reason = "RC8" if u[8] < NFA_NOT_IN_NEED else "RC7"
            child.busy_until = r.close
            return r
        a_start = next_workday(day + int(u[9] * 8))
        r.assess_start = a_start
        within = u[10] < timing[0]
        r.assess_auth = add_workdays(
            a_start, 8 + int(u[11] * 37) if within else 46 + int(u[11] * 40)
        )
        n_factors = 1 + int(u[12] * 4)
        r.factors = tuple(sorted({FACTORS[int(x * len(FACTORS))] for x in u[13 : 13 + n_factors]}))
        # Closed after assessment as not in need: soon after the assessment is authorised.
        no_plan = kind == "s47" or (kind == "cin" and u[26] >= CIN_PLAN_SHARE)
        not_needed = no_plan and u[40] < not_in_need
        close = r.assess_auth + 1 if not_needed else day + _expo(u[17], cin_mean) + 1
        close = max(close, r.assess_auth + 1 + int(u[27] * 20))
        if kind in ("s47", "icpc", "cp"):
            r.s47_start = next_workday(day + int(u[18] * 11))
            r.icpc_target = add_workdays(r.s47_start, 15)
        if kind in ("icpc", "cp"):
            assert r.s47_start is not None
            on_time = u[19] < timing[1]
            r.icpc = add_workdays(
                r.s47_start, 4 + int(u[20] * 12) if on_time else 16 + int(u[20] * 20)
            )
        if kind == "cp":
            assert r.icpc is not None
            r.plan_start = r.icpc
            years = 2.0 + u[22] if u[21] < long_q else g * short_mean / 5
            r.plan_end = r.plan_start + max(int(years * 365.25), 14)
            r.plan_category = CATEGORIES.at(u[23])
            r.plan_latest_category = r.plan_category if u[24] < 0.9 else CATEGORIES.at(u[25])
            r.plan_previous = child.prev_plans
            child.prev_plans += 1
            if child.prev_plans == 1:
                self.planned.append(child)
            review = r.plan_start + 90
            while review < r.plan_end:
                r.plan_reviews.append(review)
                review += 182
            close = r.plan_end + _expo(u[26], 60) + 1
        elif kind == "cin" and u[26] < CIN_PLAN_SHARE:
            r.cin_plan_start = r.assess_auth + 1 + int(u[28] * 15)
            close = max(close, r.cin_plan_start + 30)
        if kind == "care":
            close = 10**7  # open while looked after; set when the care spell is drawn
        r.close = close
        if not_needed:
            r.closure_reason = "RC8"
        else:
            r.closure_reason = CLOSURE[int(u[39] * len(CLOSURE))]
        child.busy_until = close
        return r


def _expo(u: float, mean: float) -> int:
    """Whole days from an exponential with this mean, by inversion of a uniform draw."""
    return int(-mean * math.log(1.0 - u))


def _round(rng: random.Random, x: float) -> int:
    """Stochastic rounding, so small councils still get fractional expectations right."""
    base = math.floor(max(x, 0.0))
    return base + (rng.random() < x - base)


def simulate_children(
    rng: random.Random, people: People, targets: dict[int, dict[str, float]], sim_years: list[int]
) -> tuple[list[Referral], list[Spell]]:
    """Referrals and periods of care for the simulated years (burn-in years first)."""
    sim = Simulation(rng, people, targets)
    initial = care.initial_stock(rng, people, targets[sim_years[0]], march31(sim_years[0] - 1) + 1)
    for child, start, r in initial:
        sim.referrals.append(r)
        sim.care_starts.append((child, start, r))
    for y in sim_years:
        sim.year(y)
    spells = care.draw_spells(rng, sim.care_starts, targets, sim_years)
    for (_, _, ref), spell in zip(sim.care_starts, spells, strict=True):
        ref.spell = spell
        ref.close = spell.end
        ref.closure_reason = "RC1" if spell.rec in ("E11", "E12") else "RC6"
    sim.referrals.sort(key=lambda r: (r.child.id, r.date))
    return sim.referrals, spells
