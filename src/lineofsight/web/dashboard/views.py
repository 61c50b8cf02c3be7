"""Views for the data pages. Each shows the signed-in user's council (from their scope) and only
published aggregates, so every reading role and administrators may open them."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.benchmark.export import entries_export
from lineofsight.benchmark.render import entry_record
from lineofsight.errors import UserError
from lineofsight.exports.xlsx import MEDIA_TYPE as XLSX
from lineofsight.exports.xlsx import Export, workbook_bytes
from lineofsight.indicators.meta import theme_label
from lineofsight.published import ofsted as ofsted_data
from lineofsight.published.freshness import source_dates
from lineofsight.reference.las import LA
from lineofsight.safecells import safe_rows
from lineofsight.web.accounts.permissions import require_in_scope, requires
from lineofsight.web.accounts.roles import ADMINISTRATORS, READERS
from lineofsight.web.audit.log import record
from lineofsight.web.audit.models import Action
from lineofsight.web.dashboard import risk_page, signals_page
from lineofsight.web.dashboard.compare import (
    MAX_COUNCILS,
    MAX_INDICATORS,
    PRESETS,
    Comparison,
    by_region,
    choices,
    compare,
    comparison_sheet,
)
from lineofsight.web.dashboard.indicator import IndicatorPage, csv_records, indicator_page
from lineofsight.web.dashboard.overview import attention, overview, tiles
from lineofsight.web.governance.summary import overview_summary
from lineofsight.web.tags import tag_class
from lineofsight.wording import band_words, date_text, polarity_words, rate_text, year_phrase

DATA_ROLES = READERS | ADMINISTRATORS
View = TypeVar("View", bound=Callable[..., HttpResponse])


def get_only(view: View) -> View:
    """``require_http_methods`` for reading pages, keeping the view's type for mypy."""
    return cast(View, require_http_methods(["GET", "HEAD"])(view))


def _council(request: HttpRequest) -> LA:
    """The user's council, which must be in the bundled list of councils."""
    code = request.user.scope.primary_la
    require_in_scope(request, code)
    try:
        return get_benchmark().registry.get(code)
    except (KeyError, UserError) as exc:
        raise Http404("Your council is not in the published data.") from exc


def _indicator(request: HttpRequest, indicator_id: str) -> IndicatorPage:
    try:
        page = indicator_page(_council(request), indicator_id)
    except UserError as exc:
        raise Http404(exc.message) from exc
    if page is None:
        raise Http404(f"No published figures for councils on '{indicator_id}'.")
    return page


@requires(*DATA_ROLES)
@get_only
def index(request: HttpRequest) -> HttpResponse:
    """Overview: headline indicators by theme and the latest Ofsted judgements."""
    la = _council(request)
    themes = overview(la)
    context = {
        "la": la,
        "themes": themes,
        "attention": attention(la.code),
        "tiles": tiles(themes, la.code),
        "ilacs": next(iter(ofsted_data.ilacs_history(la.code)), None),
        "send": next(iter(ofsted_data.send_history(la.code)), None),
        "tag_class": tag_class,
        "model": get_benchmark().model,
        "closeness_caveat": get_benchmark().closeness_caveat(la),
        "neighbour_closeness": get_benchmark().neighbour_list(la),
        "flags": signals_page.flags(la.code),
        "signal_count": len(signals_page.council_signals(la.code)),
        "high_count": sum(
            s.severity.label == "high" for s in signals_page.council_signals(la.code)
        ),
        "governance": overview_summary(la.code, timezone.localdate()),
    }
    return render(request, "dashboard/overview.html", context)


@requires(*DATA_ROLES)
@get_only
def indicator(request: HttpRequest, indicator_id: str) -> HttpResponse:
    """One indicator: definition, time series, neighbours, data, sources and a CSV download."""
    page = _indicator(request, indicator_id)
    ind, e = page.indicator, page.latest
    context = {
        "page": page,
        "polarity": polarity_words(ind.polarity),
        "previous_year": year_phrase(ind.year_label, e.previous_year) if e.previous_year else "",
        "rank_one": "the highest" if ind.polarity == "high_good" else "the lowest",
        "band": band_words(e.band, ind.polarity, ind.kind),
        "rate": rate_text(e),
        "inspected": ofsted_data.latest_inspection_date(page.la.code)
        if ind.kind == "judgement"
        else "",
        "england_judged": ofsted_data.england_judged(ind.id.removeprefix("ilacs_"))
        if ind.kind == "judgement"
        else (),
        "signals": signals_page.flags(page.la.code).get(ind.id, []),
        "judgement": signals_page.judgement_for(page.la.code, ind.id),
    }
    return render(request, "dashboard/indicator.html", context)


@requires(*DATA_ROLES)
@get_only
def indicator_csv(request: HttpRequest, indicator_id: str) -> HttpResponse:
    """The indicator's yearly figures for the council as CSV; the export is audited."""
    return _indicator_download(request, indicator_id, "csv")


@requires(*DATA_ROLES)
@get_only
def indicator_xlsx(request: HttpRequest, indicator_id: str) -> HttpResponse:
    """The same figures as the CSV, as a formatted Excel workbook; the export is audited."""
    return _indicator_download(request, indicator_id, "xlsx")


def _indicator_download(request: HttpRequest, indicator_id: str, fmt: str) -> HttpResponse:
    page = _indicator(request, indicator_id)
    records = csv_records(page)
    title = f"{page.indicator.title}: {page.la.name} against its neighbours, region and England"
    name = f"{page.la.old_code or page.la.code}_{page.indicator.id.replace(':', '_')}"
    return _download(
        request,
        records,
        entries_export(title, page.entries, records=records) if fmt == "xlsx" else None,
        name,
        obj=("indicator", page.indicator.id),
        details={"la_code": page.la.code, "rows": len(records), "format": fmt},
    )


def _download(
    request: HttpRequest,
    records: list[dict[str, Any]],
    export: Export | None,
    name: str,
    *,
    obj: tuple[str, str],
    details: dict[str, Any],
) -> HttpResponse:
    """A table as CSV (``export`` None) or as the workbook ``export``; a GET is audited."""
    if export is None:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(safe_rows(records))
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        suffix = "csv"
    else:
        response = HttpResponse(workbook_bytes(export), content_type=XLSX)
        suffix = "xlsx"
    if request.method == "GET":  # a HEAD request downloads nothing
        record(request, Action("export"), obj=obj, details=details)
    safe = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in f"{name}.{suffix}")
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response


def _comparison(request: HttpRequest) -> tuple[LA, Comparison]:
    la = _council(request)
    return la, compare(
        la,
        request.GET.getlist("la"),
        request.GET.getlist("indicator"),
        request.GET.get("preset", ""),
    )


@requires(*DATA_ROLES)
@get_only
def compare_view(request: HttpRequest) -> HttpResponse:
    """Compare chosen councils on chosen indicators (a GET form: shareable, works without JavaScript)."""
    la, result = _comparison(request)
    councils, indicators = choices()
    chosen = {c.code for c in result.councils}
    query = urlencode(
        [("la", c.code) for c in result.councils] + [("indicator", i.id) for i in result.indicators]
    )
    indicator_query = urlencode([("indicator", i.id) for i in result.indicators])
    context = {
        "la": la,
        "result": result,
        "regions": by_region(councils),
        "indicator_groups": [
            (theme_label(theme), [i for i in indicators if i.theme == theme])
            for theme in dict.fromkeys(i.theme for i in indicators)
        ],
        "chosen_las": chosen,
        "chosen_indicators": {i.id for i in result.indicators},
        "max_councils": MAX_COUNCILS,
        "max_indicators": MAX_INDICATORS,
        "presets": PRESETS,
        "query": query,
        "indicator_query": indicator_query,
        "neighbour_count": len(get_benchmark().neighbours.get(la.code, [])),
    }
    return render(request, "dashboard/compare.html", context)


@requires(*DATA_ROLES)
@get_only
def compare_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The comparison as CSV or Excel: one row per council and indicator, as the CLI's compare."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("The comparison downloads as .csv or .xlsx.")
    la, result = _comparison(request)
    if result.errors or not result.entries:
        raise Http404("Choose councils and indicators to compare first.")
    records = [entry_record(e) for e in result.entries]
    names = ", ".join(c.name for c in result.councils)
    export = None
    if fmt == "xlsx":
        export = replace(
            entries_export(
                f"Compare {names}",
                result.entries,
                records=records,
                notes=(
                    "Each indicator is in its latest published year. The Comparison sheet is "
                    "the page's table; the Data sheet has every figure with its state.",
                ),
            ),
            sheets=[comparison_sheet(la, result)],
        )
    return _download(
        request,
        records,
        export,
        f"compare_{la.old_code or la.code}",
        obj=("compare", la.code),
        details={
            "la_code": la.code,
            "councils": [c.code for c in result.councils],
            "indicators": [i.id for i in result.indicators],
            "rows": len(records),
            "format": fmt,
        },
    )


@requires(*DATA_ROLES)
@get_only
def ofsted(request: HttpRequest) -> HttpResponse:
    """Ofsted: latest ILACS and area SEND outcomes, history, and the neighbours' latest."""
    la = _council(request)
    b = get_benchmark()
    neighbours = []
    for code in b.neighbours.get(la.code, []):
        n = b.registry.get(code)
        neighbours.append(
            {
                "la": n,
                "ilacs": next(iter(ofsted_data.ilacs_history(code)), None),
                "send": next(iter(ofsted_data.send_history(code)), None),
            }
        )
    context = {
        "la": la,
        "ilacs": ofsted_data.ilacs_history(la.code),
        "send": ofsted_data.send_history(la.code),
        "neighbours": neighbours,
        "tag_class": tag_class,
        "model": b.model,
        "estimates": risk_page.council_estimates(la.code),
        "risk": risk_page,
        "sources": source_dates(),
        "today": timezone.localdate(),
        "date_text": date_text,
    }
    return render(request, "dashboard/ofsted.html", context)


@requires(*DATA_ROLES)
@get_only
def signals(request: HttpRequest) -> HttpResponse:
    """Signals: the council's early-warning signals by severity, and the Ofsted risk estimate."""
    la = _council(request)
    context = {
        "la": la,
        "groups": signals_page.grouped(la.code),
        "judgements": [
            j for j in signals_page.council_judgements(la.code) if j.severity is not None
        ],
        "count": len(signals_page.council_signals(la.code)),
        "evidence_rows": signals_page.evidence_rows,
        "title": signals_page.indicator_title,
    }
    return render(request, "dashboard/signals.html", context)
