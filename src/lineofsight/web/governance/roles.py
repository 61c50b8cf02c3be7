"""The statutory roles register: who holds each post, for how long, and the signals; the leader
and chief executive record changes (a new entry each time, the old one kept as history)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from lineofsight.assurance.records import (
    POST_LABELS,
    POSTS,
    RoleHolder,
    role_signals,
    tenure_sentence,
)
from lineofsight.web.accounts.permissions import requires
from lineofsight.web.governance import common, store
from lineofsight.web.governance.access import GOVERNANCE_READERS, ROLE_EDITORS, can
from lineofsight.web.governance.forms import RoleForm
from lineofsight.web.http import methods


@requires(*GOVERNANCE_READERS)
@methods("GET")
def roles(request: HttpRequest) -> HttpResponse:
    """Who holds each statutory post, for how long against the national picture, and the signals."""
    la_code = common.council(request)
    today = common.today()
    current = store.current_roles(la_code)
    holders: tuple[RoleHolder, ...] = tuple(store.holder(r) for r in current.values())
    signals = role_signals(holders, today)
    posts = []
    for post in POSTS:
        rec = current.get(post)
        h = store.holder(rec) if rec is not None else None
        posts.append(
            {
                "post": post,
                "label": POST_LABELS[post],
                "record": rec,
                "vacant": h is not None and h.vacant,
                "tenure": tenure_sentence(h, today) if h is not None and not h.vacant else "",
                "signals": [s for s in signals if s.post == post],
                "history": store.role_history(la_code, post)[1:],
            }
        )
    context = {
        "posts": posts,
        "signals": signals,
        "can_edit": can(request, ROLE_EDITORS),
    }
    return render(request, "governance/roles.html", context)


@requires(*ROLE_EDITORS)
@methods("GET", "POST")
def role_edit(request: HttpRequest, post: str) -> HttpResponse:
    """Record who holds a post now (a new entry; the earlier one stays as history)."""
    if post not in POSTS:
        raise Http404("No such statutory post.")
    la_code = common.council(request)
    current = store.current_roles(la_code).get(post)
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {f: getattr(current, f) for f in RoleForm.Meta.fields if hasattr(current, f)}
    form = RoleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {f: form.cleaned_data[f] for f in RoleForm.Meta.fields}
        rec = store.record_role(la_code, post, fields, request.user)
        common.audit(
            request,
            "governance_role",
            rec.pk,
            {
                "post": post,
                "name": rec.name or "vacant",
                "interim": rec.interim,
                "previous": current.name if current is not None else "",
            },
        )
        return redirect("governance:roles")
    return common.form_page(
        request,
        form,
        title=f"Record a change: {POST_LABELS[post]}",
        caption="Statutory roles register",
        intro=(
            "Saving adds a new entry to the register; the earlier entry stays in the post's history."
        ),
        submit="Save to the register",
        back=reverse("governance:roles"),
        status=400 if form.errors else 200,
    )
