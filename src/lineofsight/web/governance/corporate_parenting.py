"""Corporate parenting and the voices of children: what was heard and done, the commitments, and
the board's questions from the leader's guide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from lineofsight.web.accounts.permissions import require_in_scope, requires
from lineofsight.web.governance import common
from lineofsight.web.governance.access import GOVERNANCE_READERS, VOICE_EDITORS, can
from lineofsight.web.governance.content import board_questions
from lineofsight.web.governance.forms import CommitmentForm, VoiceForm
from lineofsight.web.governance.models import Commitment, CommitmentKind, Voice
from lineofsight.web.http import methods


@requires(*GOVERNANCE_READERS)
@methods("GET")
def corporate_parenting(request: HttpRequest) -> HttpResponse:
    """What children and families said and what was done, the commitments, and the board's
    questions from the leader's guide."""
    la_code = common.council(request)
    voices = list(Voice.objects.filter(la_code=la_code))
    commitments = list(Commitment.objects.filter(la_code=la_code))
    context = {
        "voices": voices,
        "awaiting": sum(not v.response.strip() for v in voices),
        "reported": sum(v.reported_to_council for v in voices),
        "commitment_groups": [
            (label, [c for c in commitments if c.kind == kind])
            for kind, label in CommitmentKind.choices
        ],
        "questions": board_questions(),
        "can_edit": can(request, VOICE_EDITORS),
    }
    return render(request, "governance/corporate_parenting.html", context)


def _voice_or_commitment_form(
    request: HttpRequest,
    form_class: type[forms.ModelForm],
    instance: Voice | Commitment | None,
    *,
    kind: str,
    title: str,
    submit: str,
) -> HttpResponse:
    la_code = common.council(request)
    if instance is not None:
        require_in_scope(request, instance.la_code)
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.la_code = la_code if instance is None else instance.la_code
        obj.save()
        details: dict[str, Any] = {"added" if instance is None else "edited": True}
        if isinstance(obj, Voice):
            details |= {"group": obj.group, "has_response": bool(obj.response.strip())}
        else:
            details |= {"kind": obj.kind, "status": obj.status}
        common.audit(request, kind, obj.pk, details)
        return redirect("governance:corporate-parenting")
    return common.form_page(
        request,
        form,
        title=title,
        caption="Corporate parenting",
        submit=submit,
        back=reverse("governance:corporate-parenting"),
        status=400 if form.errors else 200,
    )


@requires(*VOICE_EDITORS)
@methods("GET", "POST")
def voice_add(request: HttpRequest) -> HttpResponse:
    return _voice_or_commitment_form(
        request,
        VoiceForm,
        None,
        kind="governance_voice",
        title="Record what children or families said",
        submit="Save",
    )


@requires(*VOICE_EDITORS)
@methods("GET", "POST")
def voice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _voice_or_commitment_form(
        request,
        VoiceForm,
        get_object_or_404(Voice, pk=pk),
        kind="governance_voice",
        title="Update what was heard and the response",
        submit="Save changes",
    )


@requires(*VOICE_EDITORS)
@methods("GET", "POST")
def commitment_add(request: HttpRequest) -> HttpResponse:
    return _voice_or_commitment_form(
        request,
        CommitmentForm,
        None,
        kind="governance_commitment",
        title="Add a commitment",
        submit="Save",
    )


@requires(*VOICE_EDITORS)
@methods("GET", "POST")
def commitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _voice_or_commitment_form(
        request,
        CommitmentForm,
        get_object_or_404(Commitment, pk=pk),
        kind="governance_commitment",
        title="Update a commitment",
        submit="Save changes",
    )
