"""What a council has recorded about its governance, as plain data: the contract between the web
service (which stores it) and everything that reads it (the overview, the briefing packs).

The web's governance app turns its database rows into a ``GovernanceRecord``; the packs take one
and never touch the database, so a pack can be made from the published data alone
(``GovernanceRecord.empty``) and says "nothing recorded yet" rather than leaving a section out.
The rules that need no database live here too: which actions are overdue, which key questions
are weak or not reviewed, and the statutory roles signals the leader's guide asks for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, get_args

from lineofsight.wording import date_text

if TYPE_CHECKING:
    from lineofsight.finance.drivers import CostDrivers
    from lineofsight.finance.monitoring import Monitoring
    from lineofsight.signals.judgement import Judgement

Rating = Literal["strong", "adequate", "weak", "dont_know"]
RATINGS: tuple[Rating, ...] = get_args(Rating)
RATING_LABELS: dict[Rating, str] = {
    "strong": "Strong",
    "adequate": "Adequate",
    "weak": "Weak",
    "dont_know": "Don't know",
}

ActionStatus = Literal["open", "in_progress", "done", "dropped"]
ACTION_STATUSES: tuple[ActionStatus, ...] = get_args(ActionStatus)
CLOSED_STATUSES: tuple[ActionStatus, ...] = ("done", "dropped")  # never overdue
ACTION_STATUS_LABELS: dict[ActionStatus, str] = {
    "open": "Not started",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}

Post = Literal["dcs", "lmcs", "chief_executive", "leader"]
POSTS: tuple[Post, ...] = get_args(Post)
POST_LABELS: dict[Post, str] = {
    "dcs": "Director of children's services (DCS)",
    "lmcs": "Lead member for children's services (LMCS)",
    "chief_executive": "Chief executive",
    "leader": "Leader of the council",
}

# The national picture the leader's guide gives for the DCS (LGA, "Must know: the role of a
# council leader in improving outcomes for children", 2024): "Annual turnover nationally is around
# 30 per cent ... it is likely to take over three years to sustainably improve children's services,
# the average length of tenure is less than that."
DCS_ANNUAL_TURNOVER = 0.30
IMPROVEMENT_YEARS = 3
RECENT_CHANGE_MONTHS = (
    12  # Line of Sight's choice: a post filled within a year is "changed recently"
)


@dataclass(frozen=True, slots=True)
class Answer:
    """The current answer to one key question (or Isos enabler), None rating = not yet assessed."""

    question_id: str
    rating: Rating | None
    narrative: str = ""
    owner: str = ""
    review_date: dt.date | None = None
    updated: dt.date | None = None
    updated_by: str = ""

    def needs_review(self, as_at: dt.date) -> bool:
        """Not assessed, or its review date has passed."""
        return self.rating is None or (self.review_date is not None and self.review_date < as_at)


@dataclass(frozen=True, slots=True)
class Action:
    title: str
    owner: str
    board: str
    due: dt.date | None
    status: ActionStatus
    latest_update: str = ""

    @property
    def closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def overdue(self, as_at: dt.date) -> bool:
        """Still open after its due date."""
        return self.days_overdue(as_at) > 0

    def days_overdue(self, as_at: dt.date) -> int:
        return days_overdue(self.status, self.due, as_at)


def days_overdue(status: str, due: dt.date | None, as_at: dt.date) -> int:
    """How many days an action is past its due date: 0 when closed, undated or not yet due. The
    one overdue rule; the web's database query (``governance.store.overdue``) asks the same."""
    if status in CLOSED_STATUSES or due is None or due >= as_at:
        return 0
    return (as_at - due).days


@dataclass(frozen=True, slots=True)
class Meeting:
    board: str
    date: dt.date
    decisions: tuple[str, ...] = ()
    attendance: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RoleHolder:
    """Who holds a statutory post now; ``name`` empty means the post is vacant."""

    post: Post
    name: str
    appointed: dt.date | None = None
    interim: bool = False
    additional_responsibilities: str = ""
    assurance_test_date: dt.date | None = None  # the DCS "test of assurance", when one was done
    deputy: str = ""
    portfolio: str = ""  # portfolio holders, or what the portfolio covers

    @property
    def vacant(self) -> bool:
        return not self.name.strip()

    def tenure_years(self, as_at: dt.date) -> float | None:
        if self.vacant or self.appointed is None:
            return None
        return max(0.0, (as_at - self.appointed).days / 365.25)


@dataclass(frozen=True, slots=True)
class RoleSignal:
    post: Post
    severity: Literal["high", "medium", "low"]
    sentence: str


def role_signals(holders: tuple[RoleHolder, ...], as_at: dt.date) -> list[RoleSignal]:
    """The statutory roles signals: a post vacant, interim or changed recently, and a DCS with other
    duties but no recorded test of assurance. A post with no record at all is reported as unknown."""
    by_post = {h.post: h for h in holders}
    out: list[RoleSignal] = []
    for post in POSTS:
        label = POST_LABELS[post]
        h = by_post.get(post)
        if h is None:
            out.append(RoleSignal(post, "low", f"No one is recorded as {_lower(label)}."))
            continue
        if h.vacant:
            out.append(RoleSignal(post, "high", f"The post of {_lower(label)} is vacant."))
            continue
        if h.interim:
            out.append(
                RoleSignal(
                    post,
                    "high" if post == "dcs" else "medium",
                    f"{h.name} is interim {_lower(label)}.",
                )
            )
        years = h.tenure_years(as_at)
        if years is not None and years * 12 < RECENT_CHANGE_MONTHS:
            out.append(
                RoleSignal(
                    post,
                    "medium",
                    f"{h.name} became {_lower(label)} on {date_text(h.appointed)}, less than a year ago.",
                )
            )
        if (
            post == "dcs"
            and h.additional_responsibilities.strip()
            and h.assurance_test_date is None
        ):
            out.append(
                RoleSignal(
                    post,
                    "high",
                    f"{h.name} holds other duties ({h.additional_responsibilities.strip()}) "
                    "but no test of assurance is recorded; one is a statutory requirement.",
                )
            )
    return out


def tenure_sentence(holder: RoleHolder, as_at: dt.date) -> str:
    """A DCS's tenure against the national picture the guide gives."""
    years = holder.tenure_years(as_at)
    if years is None:
        return "Tenure is not known: no appointment date is recorded."
    said = f"{years:.1f} years in post"
    if holder.post != "dcs":
        return said + "."
    if years < IMPROVEMENT_YEARS:
        return (
            f"{said}, less than the three years or more that sustained improvement usually takes; "
            f"nationally around {DCS_ANNUAL_TURNOVER:.0%} of DCSs change each year."
        )
    return f"{said}, longer than the three years sustained improvement usually takes."


@dataclass(frozen=True, slots=True)
class Voice:
    """Something children, young people or families said, and the council's response."""

    date: dt.date
    source: str  # e.g. children in care council, survey, visit, complaint
    group: str  # e.g. children in care, care leavers, children with SEND and their families
    said: str
    themes: tuple[str, ...] = ()
    response: str = ""  # "you said, we did"; empty while no response is recorded
    reported_to_council: bool = False


@dataclass(frozen=True, slots=True)
class GovernanceRecord:
    """Everything a council has recorded, as at one date."""

    la_code: str
    as_at: dt.date
    answers: tuple[Answer, ...] = ()
    enabler_answers: tuple[Answer, ...] = ()
    actions: tuple[Action, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    roles: tuple[RoleHolder, ...] = ()
    voices: tuple[Voice, ...] = ()
    # The DCS's edited self-evaluation, by section id then question id (know / how / plans).
    self_evaluation: dict[str, dict[str, str]] = field(default_factory=dict)
    # The council's current budget monitoring (lineofsight.finance.monitoring), if loaded.
    monitoring: Monitoring | None = None
    monitoring_is_demo: bool = False
    # What drives cost: the placement mix kept from the council's 903 (exact; packs disclose it).
    placement_mix: CostDrivers | None = None
    placement_mix_is_demo: bool = False
    # Material finance judgements for the attention list (lineofsight.finance.attention), as the
    # service makes them from the monitoring and the forecast; empty: the packs judge the monitoring.
    finance_judgements: tuple[Judgement, ...] = ()

    @classmethod
    def empty(cls, la_code: str, as_at: dt.date) -> GovernanceRecord:
        return cls(la_code, as_at)

    @property
    def is_empty(self) -> bool:
        return not (
            self.answers
            or self.enabler_answers
            or self.actions
            or self.meetings
            or self.roles
            or self.voices
        )

    def overdue_actions(self) -> list[Action]:
        """Open actions past their due date, the longest overdue first."""
        late = [a for a in self.actions if a.overdue(self.as_at)]
        return sorted(late, key=lambda a: (a.due or self.as_at, a.title))

    def answer(self, question_id: str) -> Answer | None:
        for a in self.answers:
            if a.question_id == question_id:
                return a
        return None


def _lower(label: str) -> str:
    """'Leader of the council' -> 'leader of the council', keeping acronyms in brackets."""
    return label[0].lower() + label[1:]
