"""What the Data pages keep: uploads with their findings report, and publications of aggregates.

No model holds a child-level row. An upload keeps the files' names, sizes and SHA-256 hashes, the
counts of findings by rule and the findings report (which names child ids, so only analysts see
it); a publication keeps one row per indicator and period, the same columns as the own-data engine
returns. One publication per council is current; earlier ones stay listed.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models


class Status(models.TextChoices):  # type: ignore[misc]
    VALIDATED = "validated", "Validated"
    REJECTED = "rejected", "Rejected"
    PUBLISHED = "published", "Published"
    SUPERSEDED = "superseded", "Superseded"


class Upload(models.Model):  # type: ignore[misc]
    """One set of files checked together; ``aggregates`` waits here until it is published."""

    la_code = models.CharField(max_length=9, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=20, default="web")  # web, cli or demo
    kind = models.CharField(max_length=60)  # e.g. "ssda903, cin"
    status = models.CharField(max_length=12, choices=Status.choices)
    files = models.JSONField(default=list)  # [{"name", "size", "sha256"}]
    returns = models.JSONField(default=list)  # per kind: years and rows read / used / reported
    errors = models.PositiveIntegerField(default=0)
    queries = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=list)  # [{"rule_id", "severity", "count", "message"}]
    report_csv = models.TextField(blank=True)
    report_json = models.TextField(blank=True)
    report_html = models.TextField(blank=True)
    aggregates = models.JSONField(default=list)  # own-data indicator rows, aggregates only

    class Meta:
        ordering: ClassVar[list[str]] = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"Upload {self.pk} ({self.kind}, {self.status})"

    @property
    def publishable(self) -> bool:
        return self.status == Status.VALIDATED and self.errors == 0 and bool(self.aggregates)

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def file_names(self) -> str:
        return ", ".join(str(f.get("name", "")) for f in self.files)


class Publication(models.Model):  # type: ignore[misc]
    """A published version of a council's own figures; exactly one per council is current."""

    la_code = models.CharField(max_length=9, db_index=True)
    version = models.PositiveIntegerField()
    upload = models.OneToOneField(Upload, on_delete=models.PROTECT, related_name="publication")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    queries_acknowledged = models.BooleanField(default=False)
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["-version"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["la_code"],
                condition=models.Q(is_current=True),
                name="one_current_publication_per_council",
            ),
            models.UniqueConstraint(fields=["la_code", "version"], name="publication_version"),
        ]

    def __str__(self) -> str:
        return f"{self.la_code} version {self.version}"


class IndicatorValue(models.Model):  # type: ignore[misc]
    """One own-data figure for a period: the columns of the engine's output, nothing child-level."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="values")
    indicator_id = models.CharField(max_length=80)
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.FloatField(null=True)
    state = models.CharField(max_length=10)
    numerator = models.FloatField(null=True)
    denominator = models.FloatField(null=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["indicator_id", "period_end", "period_start"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["publication", "indicator_id", "period_start", "period_end"],
                name="one_value_per_indicator_period",
            )
        ]
