"""What the Data pages keep: uploads with their findings report, and publications of aggregates.

No model holds a child-level row. An upload keeps the files' names, sizes and SHA-256 hashes, the
counts of findings by rule and the findings report (which names child ids, so only analysts see
it); a publication keeps one row per indicator and period, the same columns as the own-data engine
returns. One publication per council is current; earlier ones stay listed.
"""

from __future__ import annotations

import datetime as dt
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

    @property
    def kind_label(self) -> str:
        """The returns as people name them: "SSDA903, CIN census", not "ssda903, cin"."""
        return kinds_text(self.kind)

    @property
    def synthetic(self) -> bool:
        """Made by ``lineofsight demo`` from synthetic returns, not real children."""
        return bool(self.source == "demo")

    def years_text(self, kind: str, years: list[int]) -> str:
        """The years a return covers, with a collection year not yet ended on the upload day
        said to be an in-year extract (not shown as a year still to come)."""
        return years_text(kind, years, self.uploaded_at.date() if self.uploaded_at else None)


RETURN_NAMES = {"ssda903": "SSDA903", "cin": "CIN census", "workforce": "workforce census"}


def kinds_text(kind: str) -> str:
    return ", ".join(RETURN_NAMES.get(k.strip(), k.strip()) for k in kind.split(",") if k.strip())


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def years_text(kind: str, years: list[int], on: dt.date | None) -> str:
    """'Years to 31 March 2024 and 2025; in-year extract from April 2025' (workforce: census
    years at 30 September)."""
    if not years:
        return "unknown"
    census = kind == "workforce"
    month, day, opening = (9, 30, "October") if census else (3, 31, "April")
    ended = [y for y in sorted(years) if on is None or dt.date(y, month, day) <= on]
    open_years = [y for y in sorted(years) if y not in ended]
    parts = []
    if ended:
        lead = "Censuses at 30 September" if census else "Years to 31 March"
        parts.append(f"{lead} {_joined([str(y) for y in ended])}")
    for y in open_years:
        parts.append(f"in-year extract from {opening} {y - 1}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


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
    # which returns the figure rests on ("the 2022-23 to 2024-25 returns") and, where the history
    # loaded is too short for DfE's definition, a sentence saying so (issue 21)
    returns = models.CharField(max_length=200, blank=True, default="")
    note = models.CharField(max_length=400, blank=True, default="")

    class Meta:
        ordering: ClassVar[list[str]] = ["indicator_id", "period_end", "period_start"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["publication", "indicator_id", "period_start", "period_end"],
                name="one_value_per_indicator_period",
            )
        ]
