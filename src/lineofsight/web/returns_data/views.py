"""The Data pages: upload returns, read the findings, publish, and the publication history.

Analysts and administrators only: the findings name child ids. Every upload, publication and
report download is written to the audit log.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from lineofsight.errors import UserError
from lineofsight.returns import report as findings_report
from lineofsight.returns import synthetic
from lineofsight.returns.findings import FIELDS
from lineofsight.web import demo_marks
from lineofsight.web.accounts.permissions import require_in_scope, requires
from lineofsight.web.accounts.roles import ADMINISTRATORS, ANALYSTS
from lineofsight.web.audit.log import record
from lineofsight.web.audit.models import Action
from lineofsight.web.http import long_running, methods
from lineofsight.web.returns_data import uploads
from lineofsight.web.returns_data.checking import check, report_path
from lineofsight.web.returns_data.models import Publication, Upload
from lineofsight.web.returns_data.store import (
    CannotPublish,
    current_publication,
    publish,
    publish_scope,
    save_upload,
)

DATA_ROLES = ANALYSTS | ADMINISTRATORS
# An upload's reports and waiting figures; list pages never load them (they can be large).
REPORT_COLUMNS = ("report_csv", "report_json", "report_html", "aggregates", "summary")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A workbook is made in memory (about 33 s for 100,000 findings on a loaded 2-core machine);
# a bigger report downloads as CSV only, which streams.
XLSX_MAX_FINDINGS = 100_000
REPORTS = {
    "csv": ("text/csv; charset=utf-8", "report_csv"),
    "json": ("application/json", "report_json"),
    "html": ("text/html; charset=utf-8", "report_html"),
}


def _council(request: HttpRequest) -> str:
    return str(request.user.la_code)


@long_running  # the check runs long; save_upload is its own transaction
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
            upload = save_upload(checked, la_code, request.user, source="web", request=request)
            return redirect("data:findings", pk=upload.pk)
    context = {
        "error": error,
        "current": current_publication(la_code),
        "recent": Upload.objects.filter(la_code=la_code).defer(*REPORT_COLUMNS)[:10],
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
        "scope": publish_scope(upload) if upload.publishable else None,
        "xlsx_max": XLSX_MAX_FINDINGS,
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
    if fmt not in REPORTS and fmt != "xlsx":
        raise Http404("No such report format.")
    upload = _upload(request, pk)
    if fmt == "xlsx":
        if upload.errors + upload.queries > XLSX_MAX_FINDINGS:
            raise Http404("Too many findings for an Excel workbook: download the CSV.")
        response = HttpResponse(_report_workbook(upload), content_type=XLSX)
    else:
        content_type, attr = REPORTS[fmt]
        response = _report_body(upload, fmt, content_type, attr)
    response["Content-Disposition"] = f'attachment; filename="findings-upload-{upload.pk}.{fmt}"'
    record(
        request,
        Action.EXPORT,
        obj=("returns_upload", upload.pk),
        details={"report": f"findings.{fmt}"},
    )
    return response


def _report_body(upload: Upload, fmt: str, content_type: str, attr: str) -> HttpResponse:
    """The CSV streams from its gzipped file (it can hold a million rows); uploads from before the
    file existed keep their report in the row. The findings on synthetic demo returns say so in
    a column on every row."""
    path = report_path(upload.pk)
    demo = upload.source == "demo"
    if fmt == "csv" and not upload.report_csv:
        if not path.exists():
            header = ",".join([*FIELDS, demo_marks.CSV_COLUMN] if demo else FIELDS)
            return HttpResponse(header + "\n", content_type=content_type)
        chunks = _demo_chunks(path) if demo else _chunks(path)
        return StreamingHttpResponse(chunks, content_type=content_type)
    body = getattr(upload, attr)
    if demo and body:
        mark: dict[str, Callable[[str, str], str]] = {
            "csv": demo_marks.mark_csv,
            "json": findings_report.mark_json,
            "html": findings_report.mark_html,
        }
        body = mark[fmt](body, DEMO_FINDINGS)
    return HttpResponse(body, content_type=content_type)


DEMO_FINDINGS = synthetic.LABEL


def _report_csv(upload: Upload) -> str:
    """The whole findings CSV as the CSV download gives it (demo column included)."""
    path = report_path(upload.pk)
    if upload.report_csv:
        body = upload.report_csv
    elif path.exists():
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            body = fh.read()
    else:
        body = ",".join(FIELDS) + "\n"
    return demo_marks.mark_csv(body, DEMO_FINDINGS) if upload.source == "demo" else body


def _report_workbook(upload: Upload) -> bytes:
    """The findings CSV as a workbook: row numbers as numbers, child ids kept as their text."""
    from lineofsight.exports.xlsx import Export, Source, records_from_csv, workbook_bytes
    from lineofsight.wording import date_text

    uploaded = timezone.localtime(upload.uploaded_at).date().isoformat()
    files = ", ".join(str(f.get("name", "")) for f in upload.files) or "no files recorded"
    demo = upload.source == "demo"
    export = Export(
        title=f"Findings on the returns uploaded on {date_text(uploaded)} (upload {upload.pk})",
        records=records_from_csv(_report_csv(upload), ["row"]),
        sources=[
            Source(
                f"The council's own returns as uploaded: {files}",
                upload.la_code,
                uploaded,
                licence="The council's own data: names child ids, not for publication",
            )
        ],
        notes=(
            "One row per finding: the rule, its severity, the file, row and child it is about, "
            "and what is wrong. It names child ids: keep it as securely as the returns.",
        ),
        demo=DEMO_FINDINGS if demo else "",
    )
    try:
        return workbook_bytes(export)
    except UserError as exc:
        raise Http404(exc.message) from exc


def _chunks(path: Path) -> Iterator[bytes]:
    with gzip.open(path, "rb") as fh:
        while block := fh.read(1 << 16):
            yield block


def _demo_chunks(path: Path) -> Iterator[bytes]:
    """The gzipped CSV read row by row, each row gaining the demo column."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for row in demo_marks.csv_rows_marked(csv.reader(fh), DEMO_FINDINGS):
            writer.writerow(row)
            if out.tell() > 1 << 16:
                yield out.getvalue().encode("utf-8")
                out.seek(0)
                out.truncate()
        yield out.getvalue().encode("utf-8")


@requires(*DATA_ROLES)
@methods("POST")
def publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the upload's figures as the council's current version, or say why not."""
    upload = _upload(request, pk)
    acknowledged = request.POST.get("acknowledge") == "yes"
    try:
        publish(
            upload,
            request.user,
            acknowledge_queries=acknowledged,
            request=request,
            replace_all=request.POST.get("replace") == "all",
        )
    except CannotPublish as exc:
        return _findings_page(request, upload, error=str(exc), status=400)
    return redirect("data:history")


@requires(*DATA_ROLES)
@methods("GET")
def history(request: HttpRequest) -> HttpResponse:
    """Every publication for the council, newest first, with the current one marked."""
    la_code = _council(request)
    publications = (
        Publication.objects.filter(la_code=la_code)
        .select_related("upload", "published_by")
        .defer(*(f"upload__{c}" for c in REPORT_COLUMNS))
    )
    return render(request, "data/history.html", {"publications": publications})
