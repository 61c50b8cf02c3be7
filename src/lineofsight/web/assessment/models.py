"""What the assurance pages keep: assessment rounds, answer versions and self-evaluation versions.

Nothing here is ever updated in place: a save adds a version, so the history is the table itself.
A round groups the answers to the key questions and the enablers; the newest round of a council
is its current one and earlier rounds stay readable. The self-evaluation is versioned per section.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from lineofsight.assurance.records import RATING_LABELS, RATINGS

RATING_CHOICES = [(r, RATING_LABELS[r]) for r in RATINGS]


class Kind(models.TextChoices):  # type: ignore[misc]
    QUESTION = "question", "Key question"
    ENABLER = "enabler", "Enabler"


class Round(models.Model):  # type: ignore[misc]
    """One assessment round of a council: a name, a start date and a number (1, 2, ...)."""

    la_code = models.CharField(max_length=9, db_index=True)
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    started = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["-number"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["la_code", "number"], name="assessment_round_number")
        ]

    def __str__(self) -> str:
        return f"{self.la_code} round {self.number}: {self.name}"


class AnswerVersion(models.Model):  # type: ignore[misc]
    """One saved answer to a key question or enabler; the highest version in a round is current."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="answers")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    item_id = models.CharField(max_length=80)
    version = models.PositiveIntegerField()
    rating = models.CharField(max_length=10, choices=RATING_CHOICES)
    level = models.CharField(max_length=20, blank=True)  # enablers: a maturity level id
    narrative = models.TextField(blank=True)
    owner = models.CharField(max_length=200, blank=True)
    review_date = models.DateField(null=True, blank=True)
    evidence = models.JSONField(default=list, blank=True)  # [{"title", "url"}]
    carried_over = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["round", "kind", "item_id", "-version"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["round", "kind", "item_id", "version"], name="assessment_answer_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.item_id} v{self.version} ({self.rating})"

    @property
    def rating_label(self) -> str:
        return RATING_LABELS.get(self.rating, "Not assessed")


class SelfEvaluationVersion(models.Model):  # type: ignore[misc]
    """One saved text of a self-evaluation section: the three answers (know, how, plans)."""

    la_code = models.CharField(max_length=9, db_index=True)
    section_id = models.CharField(max_length=80)
    version = models.PositiveIntegerField()
    texts = models.JSONField(default=dict)  # {"know": ..., "how": ..., "plans": ...}
    from_draft = models.BooleanField(default=False)  # "reset to the data's draft"
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["section_id", "-version"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["la_code", "section_id", "version"], name="self_evaluation_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.la_code} {self.section_id} v{self.version}"
