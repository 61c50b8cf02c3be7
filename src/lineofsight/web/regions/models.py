"""What a region keeps: its member councils, their sharing choices, and its data-sharing agreement.

No model holds a figure: the regional page reads each sharing member's current publication (its
aggregates) and applies disclosure control as it shows them. Sharing choices and agreements are
only ever added (the latest is current), so the record of who consented to what, and when, stays.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar

from django.conf import settings
from django.db import models


class Sharing(StrEnum):
    """What a member council shares with its region; ``label`` is what people read."""

    AGGREGATES = "aggregates"
    EXTRACT = "extract"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return SHARING_LABELS[self]


SHARING_LABELS: dict[Sharing, str] = {
    Sharing.AGGREGATES: "Aggregates only",
    Sharing.EXTRACT: "Aggregates and a degraded extract",
    Sharing.WITHDRAWN: "Withdrawn: shares nothing",
}
SHARING_CHOICES: list[tuple[str, str]] = [(s.value, s.label) for s in Sharing]
SHARING_WORDS: dict[Sharing, str] = {
    Sharing.AGGREGATES: "its own figures after disclosure control",
    Sharing.EXTRACT: "its own figures after disclosure control, and a degraded extract of its returns",
    Sharing.WITHDRAWN: "nothing (consent withdrawn)",
}


class Region(models.Model):  # type: ignore[misc]
    """An alliance of named councils; ``staff`` are its regional analysts and leads."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="regions")
    # Set up by ``lineofsight demo`` (web/regions/demo.py): made up, its members' figures synthetic.
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def agreement(self) -> Agreement | None:
        """The current data-sharing agreement: the latest recorded."""
        found: Agreement | None = self.agreements.order_by("-signed_on", "-pk").first()
        return found


class Member(models.Model):  # type: ignore[misc]
    """A member council and its current sharing choice (its history is in ``SharingChoice``)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="members")
    la_code = models.CharField("council E-code", max_length=9)
    sharing = models.CharField(
        max_length=12, choices=SHARING_CHOICES, default=Sharing.AGGREGATES.value
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["la_code"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["region", "la_code"], name="one_membership_per_council")
        ]

    def __str__(self) -> str:
        return f"{self.la_code} in {self.region.code}"

    @property
    def shares(self) -> bool:
        return bool(self.sharing != Sharing.WITHDRAWN)

    @property
    def sharing_label(self) -> str:
        return str(Sharing(self.sharing).label)


class SharingChoice(models.Model):  # type: ignore[misc]
    """One recorded choice: what the council shares from when, who recorded it and why."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="choices")
    sharing = models.CharField(max_length=12, choices=SHARING_CHOICES)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=400, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-recorded_at", "-pk"]


class Agreement(models.Model):  # type: ignore[misc]
    """The region's data-sharing agreement: its date, signatories and what members see."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="agreements")
    signed_on = models.DateField()
    signatories = models.JSONField(default=list)  # ["Name, role, council", ...]
    members_see_named = models.BooleanField(
        default=False,
        help_text="Member councils see each other's figures by name (else only their own, "
        "the regional median and the published figures).",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-signed_on", "-pk"]
