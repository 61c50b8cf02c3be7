"""What the Finance page keeps: each budget monitoring upload, good or bad, as a version.

A good upload becomes the council's current version (the previous one stays, superseded); a bad
upload is kept with its problems, for the audit trail, and never replaces the current version.
The canonical CSV of each good upload is kept, so any version can be shown or downloaded again.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models


class Monitoring(models.Model):  # type: ignore[misc]
    la_code = models.CharField(max_length=9, db_index=True)
    version = models.PositiveIntegerField(null=True, blank=True)  # good uploads only: 1, 2, ...
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=200)
    accepted = models.BooleanField(default=False)
    is_current = models.BooleanField(default=False)
    is_demo = models.BooleanField(default=False)
    problems = models.JSONField(default=list)  # one sentence each, for a rejected upload
    financial_year = models.CharField(max_length=7, blank=True)
    latest_period = models.CharField(max_length=7, blank=True)
    content = models.TextField(blank=True)  # the canonical CSV of a good upload

    class Meta:
        ordering: ClassVar[list[str]] = ["-uploaded_at", "-pk"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["la_code"],
                condition=models.Q(is_current=True),
                name="one_current_monitoring_per_council",
            ),
            models.UniqueConstraint(
                fields=["la_code", "version"], name="monitoring_version_unique_per_council"
            ),
        ]

    def __str__(self) -> str:
        state = f"version {self.version}" if self.accepted else "rejected"
        return f"Budget monitoring {self.pk} ({self.la_code}, {state})"


class PlacementMix(models.Model):  # type: ignore[misc]
    """What drives cost: counts by placement type and provider from the council's 903 for one year
    (:mod:`lineofsight.finance.drivers`), kept as aggregates; priced when shown."""

    la_code = models.CharField(max_length=9, db_index=True)
    source = models.CharField(max_length=80)
    synthetic = models.BooleanField(default=False)
    period_end = models.DateField()
    counts = models.JSONField()  # CostDrivers.record(): no child is named
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"Placement mix {self.pk} ({self.la_code}, year to {self.period_end})"
