"""What the Forecast page keeps: the rates of the council's last 903 (aggregates only) and the
scenarios a director has saved."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings as django_settings
from django.db import models


class Basis(models.Model):  # type: ignore[misc]
    """The stock-and-flow rates from the council's 903: counts by state, no child-level data."""

    la_code = models.CharField(max_length=9, db_index=True)
    source = models.CharField(max_length=40)  # "synthetic demo" or the returns' description
    synthetic = models.BooleanField(default=False)
    data_end = models.DateField()
    rates = models.JSONField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created"]


class SavedScenario(models.Model):  # type: ignore[misc]
    """A named scenario for one council; ``settings`` holds the Scenario fields."""

    la_code = models.CharField(max_length=9, db_index=True)
    name = models.CharField(max_length=80)
    settings = models.JSONField()
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["name"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["la_code", "name"], name="forecast_scenario_unique")
        ]
