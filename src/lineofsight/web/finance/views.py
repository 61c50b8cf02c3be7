"""The Finance page: published spend, unit costs and the high needs position against neighbours,
and the council's own budget monitoring (uploaded by a finance officer or an analyst).

Aggregates only, so every reading role may open the page; uploads are audited, and a file with
any problem is kept as rejected, with one sentence per problem, never replacing the current version.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.errors import UserError
from lineofsight.finance.monitoring import (
    GUIDANCE,
    MAX_BYTES,
    SERVICE_LINES,
    template_csv,
    template_xlsx,
)
from lineofsight.reference.las import LA
from lineofsight.web import demo_marks
from lineofsight.web.accounts.permissions import require_in_scope, requires
from lineofsight.web.accounts.roles import ADMINISTRATORS, FINANCE_UPLOADERS, READERS
from lineofsight.web.audit.log import record
from lineofsight.web.audit.models import Action
from lineofsight.web.finance import page
from lineofsight.web.finance.models import Monitoring
from lineofsight.web.finance.store import current, save_monitoring
from lineofsight.web.http import methods

FINANCE_READERS = READERS | FINANCE_UPLOADERS | ADMINISTRATORS
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _council(request: HttpRequest) -> LA:
    code = request.user.scope.primary_la
    require_in_scope(request, code)
    try:
        return get_benchmark().registry.get(code)
    except (KeyError, UserError) as exc:
        raise Http404("Your council is not in the published data.") from exc


def _context(request: HttpRequest, la: LA, problems: list[str] | None = None) -> dict[str, Any]:
    found = current(la.code)
    can_upload = request.user.role in FINANCE_UPLOADERS
    return {
        "la": la,
        "rows": page.published_rows(la),
        "gaps": page.gaps(la),
        "monitoring": page.monitoring_view(la, *found) if found else None,
        "versions": Monitoring.objects.filter(la_code=la.code)[:10],
        "can_upload": can_upload,
        "problems": problems or [],
        "lines": SERVICE_LINES,
        "guidance": GUIDANCE,
        "max_mb": MAX_BYTES // 1_000_000,
        "uploaded": request.GET.get("uploaded") == "1" and found is not None,
        "mix": page.mix_view(la.code),
    }


@requires(*FINANCE_READERS)
@methods("GET", "HEAD")
def index(request: HttpRequest) -> HttpResponse:
    """Published finance against neighbours, and the current budget monitoring."""
    la = _council(request)
    return render(request, "finance/index.html", _context(request, la))


@requires(*FINANCE_UPLOADERS)
@methods("POST")
def upload(request: HttpRequest) -> HttpResponse:
    """Check a monitoring file and keep it as a version; problems are shown, one sentence each."""
    la = _council(request)
    file = request.FILES.get("monitoring")
    if file is None:
        problems = ["Select a budget monitoring file (the CSV or .xlsx template) to upload"]
        return render(request, "finance/index.html", _context(request, la, problems), status=400)
    # one byte past the limit is enough for the parser to say the file is too large
    saved = save_monitoring(la.code, file.read(MAX_BYTES + 1), file.name, request.user)
    record(
        request,
        Action.UPLOAD,
        obj=("budget_monitoring", saved.pk),
        details={
            "la_code": la.code,
            "file": saved.file_name[:100],
            "status": "accepted" if saved.accepted else "rejected",
            "version": saved.version,
            "problems": len(saved.problems),
        },
    )
    if not saved.accepted:
        context = _context(request, la, list(saved.problems))
        return render(request, "finance/index.html", context, status=400)
    return redirect(reverse("finance:index") + "?uploaded=1")


@requires(*FINANCE_READERS)
@methods("GET", "HEAD")
def template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The blank template, as CSV or .xlsx."""
    if fmt == "csv":
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(template_xlsx(), content_type=XLSX)
    else:
        raise Http404("The template comes as .csv or .xlsx.")
    response["Content-Disposition"] = f'attachment; filename="budget_monitoring_template.{fmt}"'
    return response


@requires(*FINANCE_READERS)
@methods("GET", "HEAD")
def version_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """One good version of the council's monitoring, as the canonical CSV; the export is audited."""
    return _version(request, pk, "csv")


@requires(*FINANCE_READERS)
@methods("GET", "HEAD")
def version_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The same version as a formatted Excel workbook (pounds as numbers); audited."""
    return _version(request, pk, "xlsx")


def _version(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    la = _council(request)
    row: Monitoring = get_object_or_404(Monitoring, pk=pk, la_code=la.code, accepted=True)
    if request.method == "GET":
        record(
            request,
            Action.EXPORT,
            obj=("budget_monitoring", row.pk),
            details={"la_code": la.code, "version": row.version, "format": fmt},
        )
    content = row.content
    if row.is_demo:  # a column on every row, so the file still reads as the template
        content = demo_marks.mark_csv(content)
    name = f"budget_monitoring_{la.old_code or la.code}_v{row.version}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(_version_workbook(la, row, content), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _version_workbook(la: LA, row: Monitoring, content: str) -> bytes:
    from lineofsight.exports.xlsx import (
        Export,
        Source,
        number_format,
        records_from_csv,
        workbook_bytes,
    )
    from lineofsight.finance.monitoring import COLUMNS
    from lineofsight.wording import date_text

    money = [c for c in COLUMNS if c not in ("period", "service_line")]
    uploaded = timezone.localtime(row.uploaded_at).date().isoformat()
    export = Export(
        title=f"{la.name}: budget monitoring, version {row.version} ({row.financial_year})",
        records=records_from_csv(content, money),
        sources=[
            Source(
                f"Budget monitoring, version {row.version} (file {row.file_name})",
                la.name,
                uploaded,
                licence="The council's own figures",
            )
        ],
        notes=(f"Uploaded on {date_text(uploaded)}; pounds, one row per month and service line.",),
        demo=demo_marks.CSV_TEXT if row.is_demo else "",
        formats={c: (lambda _r: number_format("gbp")) for c in money},
    )
    return workbook_bytes(export)
