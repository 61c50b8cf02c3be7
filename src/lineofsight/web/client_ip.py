"""The client's address for lockout and the audit log, trusting X-Forwarded-For only behind a proxy."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """``REMOTE_ADDR``, or the address our own proxy appended when ``LINEOFSIGHT_BEHIND_PROXY`` is on."""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return str(hops[-1])
    addr = request.META.get("REMOTE_ADDR")
    return str(addr) if addr else None
