"""The audit log page: administrators read their council's events, newest first, 50 a page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lineofsight.web.accounts.permissions import requires
from lineofsight.web.accounts.roles import ADMINISTRATORS
from lineofsight.web.audit.models import ACTION_CHOICES, Action, AuditEvent
from lineofsight.web.http import methods

PAGE_SIZE = 50
# What an unknown email can do: it has no council, and every council's administrator may see it.
NO_COUNCIL_ACTIONS = (Action.SIGN_IN_FAILED.value, Action.LOCKED_OUT.value)


@requires(*ADMINISTRATORS)
@methods("GET")
def audit_log(request: HttpRequest) -> HttpResponse:
    """Events for the administrator's council, plus failed sign-ins and lockouts for unknown
    emails (no council). Any other event without a council is nobody's to read here."""
    scope = request.user.scope
    events = AuditEvent.objects.filter(
        Q(la_code__in=scope.la_codes) | Q(la_code="", action__in=NO_COUNCIL_ACTIONS)
    )
    action = request.GET.get("action", "")
    if action in {a.value for a in Action}:
        events = events.filter(action=action)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "actions": ACTION_CHOICES, "selected": action}
    return render(request, "audit/log.html", context)
