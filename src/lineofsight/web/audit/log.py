"""``record(...)``: the single call every feature uses to write to the audit log.

Example, after a publication::

    record(request, Action.PUBLICATION, obj=("returns_version", version.pk), details={"files": 3})
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lineofsight.web.audit.models import Action, AuditEvent
from lineofsight.web.client_ip import client_ip


def record(
    request: HttpRequest | None,
    action: Action,
    *,
    user: Any = None,
    email: str = "",
    obj: tuple[str, object] | None = None,
    details: dict[str, Any] | None = None,
    la_code: str = "",
) -> AuditEvent:
    """Write one event; the user, council and address come from the request unless given.

    An event with no user (the command line) must name its council in ``la_code``: the audit
    log shows each council's administrators their own council's events, so an event with none
    would be nobody's, or everybody's.
    """
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    if user is not None and not getattr(user, "pk", None):
        user = None
    event: AuditEvent = AuditEvent.objects.create(
        user=user,
        email=(getattr(user, "email", "") or email)[:254],
        la_code=la_code or getattr(user, "la_code", "") or "",
        action=action,
        object_type=obj[0] if obj else "",
        object_id=str(obj[1])[:128] if obj else "",
        details=details or {},
        ip_address=client_ip(request) if request is not None else None,
    )
    return event
