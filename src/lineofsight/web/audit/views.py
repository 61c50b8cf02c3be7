"""The audit log page: administrators read their council's events, newest first, 50 a page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lineofsight.web.accounts.permissions import requires
from lineofsight.web.accounts.roles import ADMINISTRATORS
from lineofsight.web.audit.models import ACTION_CHOICES, Action, AuditEvent
from lineofsight.web.http import methods

PAGE_SIZE = 50


@requires(*ADMINISTRATORS)
@methods("GET")
def audit_log(request: HttpRequest) -> HttpResponse:
    """Events for the administrator's council, plus failed sign-ins for unknown emails (no council)."""
    scope = request.user.scope
    events = AuditEvent.objects.filter(la_code__in=[*scope.la_codes, ""])
    action = request.GET.get("action", "")
    if action in {a.value for a in Action}:
        events = events.filter(action=action)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "actions": ACTION_CHOICES, "selected": action}
    return render(request, "audit/log.html", context)
