"""One row per recorded action. Rows are only ever added: nothing in the service edits or deletes them."""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.db import models


class Action(StrEnum):
    """What happened; ``label`` is the audit log's wording."""

    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    LOCKED_OUT = "locked_out"
    SIGN_OUT = "sign_out"
    UPLOAD = "upload"
    PUBLICATION = "publication"
    EXPORT = "export"
    CHANGE = "change"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: dict[Action, str] = {
    Action.SIGN_IN: "Signed in",
    Action.SIGN_IN_FAILED: "Failed sign-in",
    Action.LOCKED_OUT: "Locked out",
    Action.SIGN_OUT: "Signed out",
    Action.UPLOAD: "Uploaded a file",
    Action.PUBLICATION: "Published data",
    Action.EXPORT: "Exported data",
    Action.CHANGE: "Changed a record",
}
ACTION_CHOICES: list[tuple[str, str]] = [(a.value, a.label) for a in Action]


class AuditEvent(models.Model):  # type: ignore[misc]  # Django has no type hints
    """Who (the account, and its email kept even if the account goes), when, what, object, details, IP."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.CharField(max_length=254, blank=True)
    la_code = models.CharField(max_length=9, blank=True, db_index=True)
    action = models.CharField(max_length=32, choices=ACTION_CHOICES, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=128, blank=True)
    details = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.email or 'anonymous'} {self.action}"
