"""What the governance pages keep: boards, meetings and decisions, actions with their update
history, the statutory roles register, the voices of children and the corporate parenting
commitments.

History is added, never overwritten: a status change or a note on an action is a new
``ActionUpdate`` row, and a change to a statutory post is a new ``RoleRecord`` row, so anyone can
see what was decided, who said it was done and when. Nothing here is child-level: voices are
summaries of what groups of children said, never names or case details.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from lineofsight.assurance.records import ACTION_STATUS_LABELS, POST_LABELS
from lineofsight.wording import day_month_year


class Board(models.Model):  # type: ignore[misc]  # Django ships no type hints
    """A board or committee of one council; the usual ones are seeded from ``boards.yaml``."""

    la_code = models.CharField(max_length=9, db_index=True)
    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=120)
    purpose = models.TextField(blank=True)
    chair = models.CharField(max_length=200, blank=True)
    order = models.PositiveIntegerField(default=100)

    class Meta:
        ordering: ClassVar[list[str]] = ["order", "name"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["la_code", "slug"], name="one_board_slug_per_council")
        ]

    def __str__(self) -> str:
        return str(self.name)


class Meeting(models.Model):  # type: ignore[misc]
    """One meeting of a board: who came, who sent apologies, and (as ``Decision`` rows) what it
    decided."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    attendance = models.TextField(blank=True)  # one person per line
    apologies = models.TextField(blank=True)  # one person per line
    notes = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.board.name}, {day_month_year(self.date)}"

    @property
    def attendees(self) -> list[str]:
        return _lines(self.attendance)

    @property
    def apologies_list(self) -> list[str]:
        return _lines(self.apologies)


class Decision(models.Model):  # type: ignore[misc]
    """One decision of a meeting, in the order the minutes give them."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering: ClassVar[list[str]] = ["meeting", "number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class ActionStatus(models.TextChoices):  # type: ignore[misc]
    OPEN = "open", ACTION_STATUS_LABELS["open"]
    IN_PROGRESS = "in_progress", ACTION_STATUS_LABELS["in_progress"]
    DONE = "done", ACTION_STATUS_LABELS["done"]
    DROPPED = "dropped", ACTION_STATUS_LABELS["dropped"]


class Action(models.Model):  # type: ignore[misc]
    """An action a board agreed. ``status`` mirrors the latest ``ActionUpdate`` (for filtering);
    the updates are the record."""

    la_code = models.CharField(max_length=9, db_index=True)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="actions")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    title = models.CharField(max_length=300)
    owner = models.CharField(max_length=200)
    due = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["due", "pk"]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def status_label(self) -> str:
        return str(ActionStatus(self.status).label)


class ActionUpdate(models.Model):  # type: ignore[misc]
    """One entry in an action's history: the status after it, a note, who and when."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=12, choices=ActionStatus.choices)
    previous_status = models.CharField(max_length=12, choices=ActionStatus.choices, blank=True)
    note = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_email = models.CharField(max_length=254, blank=True)  # kept if the account goes
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action_id}: {self.status} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def status_label(self) -> str:
        return str(ActionStatus(self.status).label)

    @property
    def previous_label(self) -> str:
        return str(ActionStatus(self.previous_status).label) if self.previous_status else ""


POST_CHOICES: list[tuple[str, str]] = list(POST_LABELS.items())


class RoleRecord(models.Model):  # type: ignore[misc]
    """One entry in the statutory roles register. The latest entry for a post is who holds it now;
    earlier ones are its history. An empty ``name`` records the post as vacant."""

    la_code = models.CharField(max_length=9, db_index=True)
    post = models.CharField(max_length=20, choices=POST_CHOICES)
    name = models.CharField(max_length=200, blank=True)
    appointed = models.DateField(null=True, blank=True)
    interim = models.BooleanField(default=False)
    additional_responsibilities = models.CharField(max_length=300, blank=True)
    assurance_test_date = models.DateField(null=True, blank=True)
    deputy = models.CharField(max_length=200, blank=True)
    portfolio = models.TextField(blank=True)  # portfolio holders or the portfolio's scope
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_email = models.CharField(max_length=254, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["post", "-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.post}: {self.name or 'vacant'}"

    @property
    def post_label(self) -> str:
        return POST_LABELS[self.post]


class VoiceSource(models.TextChoices):  # type: ignore[misc]
    CHILDREN_IN_CARE_COUNCIL = "children_in_care_council", "Children in care council"
    SURVEY = "survey", "Survey"
    VISIT = "visit", "Visit"
    COMPLAINT = "complaint", "Complaint"
    OTHER = "other", "Other"


class VoiceGroup(models.TextChoices):  # type: ignore[misc]
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    SEND = "send_families", "Children with SEND and their families"
    PARENTS_CARERS = "parents_carers", "Parents and carers"
    OTHER = "other", "Other children and young people"


class Voice(models.Model):  # type: ignore[misc]
    """What a group of children, young people or families said, and the council's response."""

    la_code = models.CharField(max_length=9, db_index=True)
    date = models.DateField()
    source = models.CharField(max_length=30, choices=VoiceSource.choices)
    group = models.CharField(max_length=30, choices=VoiceGroup.choices)
    said = models.TextField()
    themes = models.CharField(max_length=300, blank=True)  # comma-separated
    response = models.TextField(blank=True)  # "you said, we did"
    reported_to_council = models.BooleanField(default=False)
    reported_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_group_display()}, {day_month_year(self.date)}"

    @property
    def theme_list(self) -> list[str]:
        return [t.strip() for t in self.themes.split(",") if t.strip()]

    @property
    def source_label(self) -> str:
        return str(VoiceSource(self.source).label)

    @property
    def group_label(self) -> str:
        return str(VoiceGroup(self.group).label)


class CommitmentKind(models.TextChoices):  # type: ignore[misc]
    OFFER = "care_leaver_offer", "Care leaver offer"
    COVENANT = "covenant", "Care Leaver Covenant"


class CommitmentStatus(models.TextChoices):  # type: ignore[misc]
    PLANNED = "planned", "Planned"
    IN_PLACE = "in_place", "In place"
    REVIEW = "under_review", "Under review"
    NOT_MET = "not_met", "Not met"


class Commitment(models.Model):  # type: ignore[misc]
    """One promise in the care leaver offer, or one covenant commitment by the council or a
    partner, with where it stands."""

    la_code = models.CharField(max_length=9, db_index=True)
    kind = models.CharField(max_length=20, choices=CommitmentKind.choices)
    text = models.TextField()
    partner = models.CharField(max_length=200, blank=True)  # who signed it, for the covenant
    status = models.CharField(max_length=15, choices=CommitmentStatus.choices)
    note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["kind", "pk"]

    def __str__(self) -> str:
        return str(self.text)[:60]

    @property
    def kind_label(self) -> str:
        return str(CommitmentKind(self.kind).label)

    @property
    def status_label(self) -> str:
        return str(CommitmentStatus(self.status).label)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
