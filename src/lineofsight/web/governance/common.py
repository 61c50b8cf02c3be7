"""What the governance pages share: the signed-in council, today's date, action rows with their
days overdue, the one form page template, and the audit record of a change.

Reading pages are open to every role (``access.GOVERNANCE_READERS``); each form has its own URL
opened only to the roles that may change that record, so a reader's POST is refused (403) before
anything is read. Every change is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lineofsight.assurance.records import days_overdue
from lineofsight.web.accounts.permissions import require_in_scope
from lineofsight.web.audit.log import record
from lineofsight.web.audit.models import Action as AuditAction
from lineofsight.web.governance import govuk_form


def council(request: HttpRequest) -> str:
    code = str(request.user.scope.primary_la)
    require_in_scope(request, code)
    return code


def today() -> dt.date:
    today: dt.date = timezone.localdate()
    return today


def action_rows(actions: Any, today: dt.date) -> list[dict[str, Any]]:
    return [{"action": a, "overdue_days": days_overdue(a.status, a.due, today)} for a in actions]


def form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    caption: str,
    submit: str,
    back: str,
    intro: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "title": title,
        "caption": caption,
        "intro": intro,
        "submit": submit,
        "back": back,
        "fields": govuk_form.fields(form),
        "errors": govuk_form.error_list(form),
    }
    return render(request, "governance/form.html", context, status=status)


def audit(request: HttpRequest, kind: str, pk: object, details: dict[str, Any]) -> None:
    record(request, AuditAction.CHANGE, obj=(kind, pk), details=details)
