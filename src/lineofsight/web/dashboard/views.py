"""Views for the data pages. Each shows the signed-in user's council (from their scope) and only
published aggregates, so every reading role and administrators may open them."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import TypeVar, cast

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.errors import UserError
from lineofsight.indicators.meta import theme_label
from lineofsight.published import ofsted as ofsted_data
from lineofsight.reference.las import LA
from lineofsight.web.accounts.permissions import require_in_scope, requires
from lineofsight.web.accounts.roles import ADMINISTRATORS, READERS
from lineofsight.web.audit.log import record
from lineofsight.web.audit.models import Action
from lineofsight.web.dashboard import signals_page
from lineofsight.web.dashboard.compare import MAX_COUNCILS, MAX_INDICATORS, choices, compare
from lineofsight.web.dashboard.indicator import IndicatorPage, csv_records, indicator_page
from lineofsight.web.dashboard.overview import governance_block, overview
from lineofsight.wording import band_words, polarity_words, year_phrase

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
    context = {
        "la": la,
        "themes": overview(la),
        "ilacs": next(iter(ofsted_data.ilacs_history(la.code)), None),
        "send": next(iter(ofsted_data.send_history(la.code)), None),
        "tag_class": ofsted_data.tag_class,
        "model": get_benchmark().model,
        "flags": signals_page.flags(la.code),
        "signal_count": len(signals_page.council_signals(la.code)),
        "high_count": sum(
            s.severity.label == "high" for s in signals_page.council_signals(la.code)
        ),
        "governance": governance_block(la.code, timezone.localdate()),
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
        "band": band_words(e.band, ind.polarity),
        "signals": signals_page.flags(page.la.code).get(ind.id, []),
    }
    return render(request, "dashboard/indicator.html", context)


@requires(*DATA_ROLES)
@get_only
def indicator_csv(request: HttpRequest, indicator_id: str) -> HttpResponse:
    """The indicator's yearly figures for the council as CSV; the export is audited."""
    page = _indicator(request, indicator_id)
    records = csv_records(page)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    if request.method == "GET":  # a HEAD request downloads nothing
        record(
            request,
            Action("export"),
            obj=("indicator", page.indicator.id),
            details={"la_code": page.la.code, "rows": len(records), "format": "csv"},
        )
    name = f"{page.la.old_code or page.la.code}_{page.indicator.id.replace(':', '_')}.csv"
    safe = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response


@requires(*DATA_ROLES)
@get_only
def compare_view(request: HttpRequest) -> HttpResponse:
    """Compare chosen councils on chosen indicators (a GET form: shareable, works without JavaScript)."""
    la = _council(request)
    result = compare(la, request.GET.getlist("la"), request.GET.getlist("indicator"))
    councils, indicators = choices()
    context = {
        "la": la,
        "result": result,
        "councils": councils,
        "indicator_groups": [
            (theme_label(theme), [i for i in indicators if i.theme == theme])
            for theme in dict.fromkeys(i.theme for i in indicators)
        ],
        "chosen_las": {c.code for c in result.councils},
        "chosen_indicators": {i.id for i in result.indicators},
        "max_councils": MAX_COUNCILS,
        "max_indicators": MAX_INDICATORS,
    }
    return render(request, "dashboard/compare.html", context)


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
        "tag_class": ofsted_data.tag_class,
        "model": b.model,
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
        "count": len(signals_page.council_signals(la.code)),
        "evidence_rows": signals_page.evidence_rows,
        "title": signals_page.indicator_title,
        "estimates": signals_page.council_estimates(la.code),
        "target_words": signals_page.TARGET_WORDS,
        "probability_words": signals_page.probability_words,
        "factor_text": signals_page.factor_text,
        "direction": signals_page.direction,
        "caveats": signals_page.CAVEATS,
        "backtest": signals_page.backtest_split(),
    }
    return render(request, "dashboard/signals.html", context)
