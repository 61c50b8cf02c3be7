"""The Data pages: upload returns, read the findings, publish, and the publication history.

Analysts and administrators only: the findings name child ids. Every upload, publication and
report download is written to the audit log.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from lineofsight.errors import UserError
from lineofsight.web.accounts.permissions import require_in_scope, requires
from lineofsight.web.accounts.roles import ADMINISTRATORS, ANALYSTS
from lineofsight.web.audit.log import record
from lineofsight.web.audit.models import Action
from lineofsight.web.http import methods
from lineofsight.web.returns_data import uploads
from lineofsight.web.returns_data.checking import check
from lineofsight.web.returns_data.models import Publication, Upload
from lineofsight.web.returns_data.store import (
    CannotPublish,
    current_publication,
    publish,
    save_upload,
)

DATA_ROLES = ANALYSTS | ADMINISTRATORS
REPORTS = {
    "csv": ("text/csv; charset=utf-8", "report_csv"),
    "json": ("application/json", "report_json"),
    "html": ("text/html; charset=utf-8", "report_html"),
}


def _council(request: HttpRequest) -> str:
    return str(request.user.la_code)


@requires(*DATA_ROLES)
@methods("GET", "POST")
def index(request: HttpRequest) -> HttpResponse:
    """The upload form, the current publication and recent uploads; POST checks the files."""
    la_code = _council(request)
    error = ""
    if request.method == "POST":
        files = request.FILES.getlist("files")
        try:
            uploads.check_limits(files)
            with uploads.staged(files) as (paths, names):
                checked = check(paths, la_code, names)
        except UserError as exc:
            error = str(exc)
            record(
                request,
                Action.UPLOAD,
                details={
                    "files": len(files),
                    "status": "unusable",
                    "reason": error[:300],
                },
            )
        else:
            upload = save_upload(checked, la_code, request.user, source="web")
            record(
                request,
                Action.UPLOAD,
                obj=("returns_upload", upload.pk),
                details={
                    "files": len(upload.files),
                    "status": upload.status,
                    "errors": upload.errors,
                    "queries": upload.queries,
                },
            )
            return redirect("data:findings", pk=upload.pk)
    context = {
        "error": error,
        "current": current_publication(la_code),
        "recent": Upload.objects.filter(la_code=la_code)[:10],
        "max_files": uploads.MAX_FILES,
        "max_file_mb": uploads.MAX_FILE_BYTES // (1024 * 1024),
    }
    return render(request, "data/index.html", context, status=400 if error else 200)


def _upload(request: HttpRequest, pk: int) -> Upload:
    upload: Upload = get_object_or_404(Upload, pk=pk)
    require_in_scope(request, upload.la_code)
    return upload


def _findings_page(
    request: HttpRequest, upload: Upload, error: str = "", status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {
        "upload": upload,
        "error": error,
        "errors_summary": [s for s in upload.summary if s["severity"] == "error"],
        "queries_summary": [s for s in upload.summary if s["severity"] != "error"],
        "publication": Publication.objects.filter(upload=upload).first(),
    }
    return render(request, "data/findings.html", context, status=status)


@requires(*DATA_ROLES)
@methods("GET")
def findings(request: HttpRequest, pk: int) -> HttpResponse:
    """What the check found, by rule, with the reports to download and the option to publish."""
    return _findings_page(request, _upload(request, pk))


@requires(*DATA_ROLES)
@methods("GET")
def report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The full findings report (child ids included) as a download; recorded as an export."""
    if fmt not in REPORTS:
        raise Http404("No such report format.")
    upload = _upload(request, pk)
    content_type, attr = REPORTS[fmt]
    response = HttpResponse(getattr(upload, attr), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="findings-upload-{upload.pk}.{fmt}"'
    record(
        request,
        Action.EXPORT,
        obj=("returns_upload", upload.pk),
        details={"report": f"findings.{fmt}"},
    )
    return response


@requires(*DATA_ROLES)
@methods("POST")
def publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the upload's figures as the council's current version, or say why not."""
    upload = _upload(request, pk)
    acknowledged = request.POST.get("acknowledge") == "yes"
    try:
        publication = publish(upload, request.user, acknowledge_queries=acknowledged)
    except CannotPublish as exc:
        return _findings_page(request, upload, error=str(exc), status=400)
    record(
        request,
        Action.PUBLICATION,
        obj=("returns_publication", publication.pk),
        details={
            "version": publication.version,
            "upload": upload.pk,
            "values": publication.values.count(),
            "queries_acknowledged": publication.queries_acknowledged,
        },
    )
    return redirect("data:history")


@requires(*DATA_ROLES)
@methods("GET")
def history(request: HttpRequest) -> HttpResponse:
    """Every publication for the council, newest first, with the current one marked."""
    la_code = _council(request)
    publications = Publication.objects.filter(la_code=la_code).select_related(
        "upload", "published_by"
    )
    return render(request, "data/history.html", {"publications": publications})
