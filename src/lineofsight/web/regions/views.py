"""The regional pages: a region's members side by side, one member's shared figures, and the
form that records a member's sharing choice (docs/regions.md).

Only published aggregates after disclosure control are shown; no regional page reads a return,
a finding or an upload, so no child-level identifier can reach one.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from lineofsight.benchmark.regional import MIN_FOR_MEDIAN, RegionalTable
from lineofsight.benchmark.regional_export import regional_export, regional_records
from lineofsight.exports.xlsx import MEDIA_TYPE as XLSX
from lineofsight.exports.xlsx import workbook_bytes
from lineofsight.safecells import safe_rows
from lineofsight.values import Value
from lineofsight.web import demo_marks
from lineofsight.web.accounts.permissions import requires
from lineofsight.web.accounts.roles import REGIONAL_ROLES, Role
from lineofsight.web.accounts.scope import council_name
from lineofsight.web.audit.log import record
from lineofsight.web.audit.models import Action
from lineofsight.web.dashboard.own import period_words
from lineofsight.web.http import long_running, methods
from lineofsight.web.regions.models import SHARING_WORDS, Member, Region, Sharing
from lineofsight.web.regions.store import (
    STAFF_ROLES,
    agreement_words,
    regional_pack,
    regions_for,
    table_for,
    visible_codes,
)
from lineofsight.wording import date_text, show

INDEX_ROLES = REGIONAL_ROLES | {Role.DIRECTOR}
SHARING_EDITORS = frozenset({Role.REGIONAL_LEAD, Role.DIRECTOR})


def _region(request: HttpRequest, code: str) -> Region:
    region: Region = get_object_or_404(Region, code=code)
    if not regions_for(request.user).filter(pk=region.pk).exists():
        raise PermissionDenied("This region is outside your account's scope.")
    return region


@requires(*INDEX_ROLES)
@methods("GET")
def index(request: HttpRequest) -> HttpResponse:
    """The regions the user belongs to, each member's sharing choice and its agreement."""
    regions = list(regions_for(request.user).prefetch_related("members"))
    return render(
        request,
        "regions/index.html",
        {
            "regions": regions,
            "name_of": council_name,
            "can_open": request.user.role in REGIONAL_ROLES,
            "can_edit": _can_edit_any,
            "user": request.user,
            "date_text": date_text,
        },
    )


def _can_edit_any(user: Any, member: Member) -> bool:
    if user.role == Role.REGIONAL_LEAD:
        return True
    return bool(user.role == Role.DIRECTOR and member.la_code == user.la_code)


def _columns(table: RegionalTable, shown: set[str]) -> list[tuple[str, str]]:
    return [(code, name) for code, name in table.members if code in shown]


def _rows(table: RegionalTable, shown: set[str]) -> list[dict[str, Any]]:
    rows = []
    for row in table.rows:
        cells = []
        for code, _ in _columns(table, shown):
            cell = row.cells.get(code)
            published = row.published.get(code, Value.missing())
            cells.append(
                {
                    "own": show(cell.value, row.indicator) if cell else "–",
                    "period": (
                        period_words(cell.period_start, cell.period_end)
                        if cell and cell.period_start and cell.period_end
                        else ""
                    ),
                    "published": show(published, row.indicator),
                }
            )
        median = Value(row.median) if row.median is not None else Value(None)
        rows.append(
            {
                "id": row.indicator.id,
                "title": row.indicator.title,
                "cells": cells,
                "median": show(median, row.indicator) if row.median is not None else "–",
                "published_year": row.published_year or "",
            }
        )
    return rows


@requires(*REGIONAL_ROLES)
@methods("GET")
def region(request: HttpRequest, code: str) -> HttpResponse:
    """Members' latest own figures side by side, the regional median and the last published."""
    reg = _region(request, code)
    table = table_for(reg)
    shown = visible_codes(request.user, reg)
    members = list(reg.members.all())
    return render(
        request,
        "regions/region.html",
        {
            "region": reg,
            "agreement": reg.agreement,
            "members": members,
            "name_of": council_name,
            "columns": _columns(table, shown),
            "rows": _rows(table, shown),
            "runs_to": {
                c: (date_text(d.isoformat()) if d else "no figures published")
                for c, d in table.runs_to.items()
            },
            "hidden": sum(1 for m in members if m.shares and m.la_code not in shown),
            "withdrawn": [m for m in members if not m.shares],
            "min_for_median": MIN_FOR_MEDIAN,
            "staff": request.user.role in STAFF_ROLES,
            "date_text": date_text,
            "demo": _demo_words(reg),
        },
    )


def _demo_words(reg: Region) -> str:
    """The region's demo sentence for the page's notice, after its "Demo" tag ('' if real)."""
    words = demo_marks.for_region(reg).removeprefix("Demo: ")
    return words[:1].upper() + words[1:]


@requires(*REGIONAL_ROLES)
@methods("GET", "HEAD")
def download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The regional table as CSV or Excel: what the page shows this user, suppressed as on the
    page, demo-marked when demo; a GET is audited as an export."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("The regional table downloads as .csv or .xlsx.")
    reg = _region(request, code)
    table = table_for(reg)
    shown = visible_codes(request.user, reg)
    records = regional_records(table, shown)
    if not records:
        raise Http404("No member has published own figures yet.")
    demo = demo_marks.for_region(reg)
    if fmt == "csv":
        rows = [list(records[0])] + [[r[k] for k in records[0]] for r in safe_rows(records)]
        if demo:
            rows = list(demo_marks.csv_rows_marked(rows, demo))
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(
            ["" if v is None else v for v in row] for row in rows
        )
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        export = regional_export(
            table,
            shown,
            title=f"{reg.name}: members' own figures side by side",
            agreement=agreement_words(reg),
            demo=demo,
            records=records,
        )
        response = HttpResponse(workbook_bytes(export), content_type=XLSX)
    if request.method == "GET":  # a HEAD request downloads nothing
        record(
            request,
            Action.EXPORT,
            obj=("region", reg.code),
            details={
                "region": reg.code,
                "councils": sorted(shown),
                "rows": len(records),
                "format": fmt,
            },
        )
    response["Content-Disposition"] = f'attachment; filename="region_{reg.code}.{fmt}"'
    return response


@requires(*REGIONAL_ROLES)
@methods("GET")
def member(request: HttpRequest, code: str, la_code: str) -> HttpResponse:
    """One member's shared figures (404 for a council that is not a sharing member)."""
    reg = _region(request, code)
    found = reg.members.filter(la_code=la_code.upper()).first()
    if found is None or not found.shares:
        raise Http404("That council shares no figures with this region.")
    if found.la_code not in visible_codes(request.user, reg):
        raise PermissionDenied("The region's agreement does not show you this council's figures.")
    table = table_for(reg)
    shown = {found.la_code}
    return render(
        request,
        "regions/member.html",
        {
            "region": reg,
            "member": found,
            "name": council_name(found.la_code),
            "rows": _rows(table, shown),
            "runs_to": table.runs_to.get(found.la_code),
            "demo": _demo_words(reg),
        },
    )


@requires(*SHARING_EDITORS)
@methods("GET", "POST")
def sharing(request: HttpRequest, code: str, la_code: str) -> HttpResponse:
    """Record what a member council shares; withdrawing removes its figures at once. Audited."""
    from lineofsight.web.regions.store import set_sharing

    reg = get_object_or_404(Region, code=code)
    found = get_object_or_404(Member, region=reg, la_code=la_code.upper())
    user = request.user
    if user.role == Role.REGIONAL_LEAD and not reg.staff.filter(pk=user.pk).exists():
        raise PermissionDenied("This region is outside your account's scope.")
    if user.role == Role.DIRECTOR and found.la_code != user.la_code:
        raise PermissionDenied("A director records only their own council's choice.")
    problem = ""
    if request.method == "POST":
        choice = request.POST.get("sharing", "")
        reason = request.POST.get("reason", "").strip()
        if choice not in {s.value for s in Sharing}:
            problem = "Choose what the council shares."
        elif choice == found.sharing:
            problem = "That is already the council's choice."
        else:
            set_sharing(found, choice, request=request, user=user, reason=reason)
            return redirect(reverse("regions:index"))
    return render(
        request,
        "regions/sharing.html",
        {
            "region": reg,
            "member": found,
            "name": council_name(found.la_code),
            "choices": [(s.value, s.label, SHARING_WORDS[s]) for s in Sharing],
            "history": list(found.choices.all()[:20]),
            "problem": problem,
        },
        status=400 if problem else 200,
    )


PACK_FORMATS = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}


@long_running  # making a PDF takes seconds and changes no record
@requires(*STAFF_ROLES)
@methods("POST")
def pack(request: HttpRequest, code: str) -> HttpResponse:
    """The regional pack, for the region's analysts and lead (it shows every sharing member's
    figures, which a member council's readers may not see); an audited export, so a POST."""
    from django.utils import timezone

    from lineofsight.packs.render import render_html, render_pdf

    reg = _region(request, code)
    fmt = request.POST.get("format", "pdf")
    if fmt not in PACK_FORMATS:
        fmt = "pdf"
    built = regional_pack(reg, timezone.localdate())
    html = render_html(built)
    body = html.encode("utf-8") if fmt == "html" else render_pdf(built, html)
    record(
        request,
        Action.EXPORT,
        obj=("region_pack", reg.code),
        details={"region": reg.code, "format": fmt, "bytes": len(body)},
    )
    response = HttpResponse(body, content_type=PACK_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{built.filename_stem}.{fmt}"'
    return response
