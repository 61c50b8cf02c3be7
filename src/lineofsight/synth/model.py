"""The simulated world of one council: children, their referrals, plans and periods of care.

Dates are day ordinals. A record may run past a return's 31 March; writers show each return only
what was known on its own 31 March, so one child's history stays the same across years.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Child:
    id: str
    dob: int
    sex: int  # 1 male, 2 female
    ethnic: str
    upn: str
    disability: str = "NONE"
    uasc: bool = False
    prev_plans: int = 0  # child protection plans before the next one (NumberOfPreviousCPP)
    last_referral: int = -(10**9)
    busy_until: int = -(10**9)  # day the child's current CIN episode closes
    spells: list[Spell] = field(default_factory=list)


@dataclass(slots=True)
class Referral:
    """A CIN episode: referral, assessment, section 47, conference and plan, as the CIN census
    holds them (one ``CINdetails``)."""

    child: Child
    date: int
    kind: str  # nfa | cin | s47 | icpc | cp | care
    source: str
    need: str
    close: int | None = None
    closure_reason: str = ""
    assess_start: int | None = None
    assess_auth: int | None = None
    factors: tuple[str, ...] = ()
    cin_plan_start: int | None = None
    s47_start: int | None = None
    icpc_target: int | None = None
    icpc: int | None = None
    plan_start: int | None = None
    plan_end: int | None = None
    plan_category: str = ""
    plan_latest_category: str = ""
    plan_previous: int = 0
    plan_reviews: list[int] = field(default_factory=list)
    spell: Spell | None = None


@dataclass(slots=True)
class Episode:
    """One SSDA903 episode row."""

    decom: int
    rne: str
    ls: str
    cin: str
    place: str
    provider: str
    dec: int | None = None
    rec: str = ""
    reason_change: str = ""
    home_post: str = ""
    pl_post: str = ""
    urn: str = ""


@dataclass(slots=True)
class Spell:
    """A period of care: an unbroken chain of episodes."""

    child: Child
    start: int
    end: int | None  # None: still looked after at the end of the simulation
    rec: str = ""
    episodes: list[Episode] = field(default_factory=list)
    reviews: list[tuple[int, str]] = field(default_factory=list)
    missing: list[tuple[str, int, int | None]] = field(default_factory=list)
    social_workers: list[tuple[str, int, int, str]] = field(default_factory=list)
    adoption: tuple[int, int, int, str, str, str] | None = None  # placed, int, match, ...
    prev_perm: tuple[str, str, int | None] = ("Z1", "", None)


@dataclass(slots=True)
class CareLeaver:
    """One OC3 outcome: what a care leaver was doing around one birthday (17 to 21)."""

    child: Child
    birthday: int
    in_touch: str
    activity: str
    accommodation: str


@dataclass(slots=True)
class Worker:
    """One CSWW worker row for one census year."""

    swe: str
    agency: bool
    fte: float
    dob: int
    gender: str
    ethnic: str
    role: str
    start: int
    origin: str
    end: int | None = None
    leaver_destination: str = ""
    reason_leave: str = ""
    cases: int | None = None
    days_lost: float = 0.0


@dataclass(slots=True)
class Workforce:
    year: int
    vacancies: float
    agency_fte: float
    agency_headcount: int
    workers: list[Worker]


@dataclass
class World:
    la_code: str
    old_code: str
    name: str
    first_year: int
    last_year: int
    children: list[Child]
    referrals: list[Referral]
    spells: list[Spell]
    care_leavers: list[CareLeaver]
    workforce: list[Workforce]
    as_at: int | None = None  # an in-year extract: the last year's returns stop on this day
