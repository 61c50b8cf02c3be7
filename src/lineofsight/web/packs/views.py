"""The briefing packs page and download. A download is an export of the council's figures and
record, so it is a POST and is written to the audit log with what was made."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lineofsight.errors import UserError
from lineofsight.indicators.meta import headline_indicators, theme_label
from lineofsight.packs.catalogue import DEFAULT_THEME, PACKS
from lineofsight.web import demo_marks
from lineofsight.web.accounts.permissions import require_in_scope, requires
from lineofsight.web.accounts.roles import ADMINISTRATORS, ANALYSTS, LEADERSHIP
from lineofsight.web.audit.log import record
from lineofsight.web.audit.models import Action
from lineofsight.web.governance.record import governance_record
from lineofsight.web.http import long_running, methods

PACK_ROLES = LEADERSHIP | ANALYSTS | ADMINISTRATORS
FORMATS = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}


def _themes() -> list[tuple[str, str]]:
    seen = dict.fromkeys(i.theme for i in headline_indicators() if i.theme != "ofsted")
    return [(t, theme_label(t)) for t in seen]


def _council_code(request: HttpRequest) -> str:
    code: str = request.user.scope.primary_la
    require_in_scope(request, code)
    return code


def _page(request: HttpRequest, errors: list[tuple[str, str]], status: int = 200) -> HttpResponse:
    context: dict[str, Any] = {
        "packs": list(PACKS.values()),
        "themes": _themes(),
        "default_theme": DEFAULT_THEME,
        "errors": errors,
    }
    return render(request, "packs/index.html", context, status=status)


@requires(*PACK_ROLES)
@methods("GET", "HEAD")
def index(request: HttpRequest) -> HttpResponse:
    """The four packs, each with a choice of format (and theme for scrutiny)."""
    _council_code(request)
    return _page(request, [])


@long_running  # making a PDF takes seconds and changes no record
@requires(*PACK_ROLES)
@methods("POST")
def download(request: HttpRequest) -> HttpResponse:
    """Make the chosen pack for the user's council, as at today, and send it as a file."""
    from lineofsight.packs.catalogue import build_pack
    from lineofsight.packs.render import render_html, render_pdf

    code = _council_code(request)
    kind = request.POST.get("pack", "")
    fmt = request.POST.get("format", "pdf")
    # Each error names the id of the control it is about, so the summary can link to it.
    errors = []
    shown = kind if kind in PACKS else next(iter(PACKS))  # the pack whose controls to link to
    if kind not in PACKS:
        errors.append((f"pack-{shown}", "Select one of the four packs"))
    if fmt not in FORMATS:
        errors.append((f"{shown}-pdf", "Select PDF or web page (HTML)"))
    theme = request.POST.get("theme") or DEFAULT_THEME if kind == "scrutiny" else None
    if theme is not None and theme not in dict(_themes()):
        errors.append(("scrutiny-theme", "Select a theme from the list"))
    if errors:
        return _page(request, errors, status=400)
    as_at = timezone.localdate()
    try:
        pack = build_pack(
            kind, code, as_at=as_at, theme=theme, record=governance_record(code, as_at)
        )
    except UserError as exc:
        raise Http404(exc.message) from exc
    marks = demo_marks.for_council(code)
    if marks:
        pack = dataclasses.replace(pack, demo=marks.notice)
    html = render_html(pack)
    body = html.encode("utf-8") if fmt == "html" else render_pdf(pack, html)
    record(
        request,
        Action.EXPORT,
        obj=("pack", kind),
        details={
            "pack": kind,
            "theme": theme or "",
            "format": fmt,
            "la_code": code,
            "as_at": as_at.isoformat(),
            "bytes": len(body),
        },
    )
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{pack.filename_stem}.{fmt}"'
    return response
