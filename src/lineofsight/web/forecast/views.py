"""The Forecast page: the published series ahead for the council, and (from the rates kept from
its 903) children in care and their cost month by month under the director's saved scenarios.

Reading roles see aggregates only (totals and money, no small breakdowns); the director saves and
and the finance officer save and delete scenarios, and each change is written to the audit log.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from lineofsight.errors import UserError
from lineofsight.forecast import own
from lineofsight.forecast.fan import FanPoint, fan_chart
from lineofsight.forecast.scenario import Scenario, from_mapping
from lineofsight.web.accounts.permissions import require_in_scope, requires
from lineofsight.web.accounts.roles import ADMINISTRATORS, FINANCE_UPLOADERS, READERS, Role
from lineofsight.web.audit.log import record
from lineofsight.web.audit.models import Action
from lineofsight.web.forecast.basis import current_basis, run_forecast
from lineofsight.web.forecast.models import SavedScenario
from lineofsight.web.http import methods
from lineofsight.wording import fmt_number, month_year

VIEWERS = READERS | FINANCE_UPLOADERS | ADMINISTRATORS
EDITORS = frozenset({Role.DIRECTOR, Role.FINANCE_OFFICER})
# form field -> (scenario field, how the form's number becomes the scenario's, label)
FIELDS: dict[str, tuple[str, Any, str]] = {
    "entry_change": ("entry_rate", lambda v: 1 + v / 100, "Change in children entering care (%)"),
    "step_down": ("step_down", lambda v: v / 100, "Residential to fostering each month (%)"),
    "in_house": ("in_house_fostering_share", lambda v: v / 100, "In-house fostering share (%)"),
    "uasc": ("uasc_per_year", lambda v: v, "Extra unaccompanied asylum-seeking children a year"),
    "inflation": ("inflation", lambda v: v / 100, "Unit cost inflation a year (%)"),
}


def _council(request: HttpRequest) -> str:
    code: str = request.user.scope.primary_la
    require_in_scope(request, code)
    return code


def _published_chart(code: str) -> tuple[Any, list[dict[str, str]]]:
    from lineofsight.forecast.published import SERIES, forecast

    summary = []
    chart = None
    for series in SERIES:
        f = forecast(code, series)
        if series == "cla_count":
            chart = fan_chart(
                [(str(y), v) for y, v in f.history],
                [_point(str(p.year), p.value, p.low, p.high) for p in f.ahead if p.low],
                title="Children looked after at 31 March: published and forecast",
                measure="children looked after at 31 March",
            )
        for p in f.ahead:
            summary.append(
                {
                    "series": f.title,
                    "year": f"at 31 March {p.year}"
                    if "at 31 March" in f.title
                    else f"year to 31 March {p.year}",
                    "forecast": fmt_number(p.value, 0),
                    "interval": (
                        f"{fmt_number(p.low[80], 0)} to {fmt_number(p.high[80], 0)}"
                        if p.low
                        else "-"
                    ),
                }
            )
    return chart, summary


def _point(label: str, value: float, low: dict[int, float], high: dict[int, float]) -> FanPoint:
    return FanPoint(label, value, low[80], high[80], low[95], high[95])


def _money(pounds: float) -> str:
    from lineofsight.wording import money

    return money(pounds)


def _own_section(code: str, name: str, chosen: str | None) -> dict[str, Any] | None:
    basis = current_basis(code)
    if basis is None:
        return None
    rates_json = json.dumps(basis.rates, sort_keys=True)
    saved = list(SavedScenario.objects.filter(la_code=code))

    def run(settings: dict[str, Any]) -> own.Forecast:
        return run_forecast(basis.pk, rates_json, code, name, json.dumps(settings, sort_keys=True))

    base = run({})
    rows = []
    for s in [None, *saved]:
        f = base if s is None else run(s.settings)
        rows.append(_compare_row(s, f, base))
    shown = next((s for s in saved if str(s.pk) == chosen), None)
    f = base if shown is None else run(shown.settings)
    children = f.base.closing.sum(axis=1)
    q = f.quantiles["children"]
    ahead = [
        FanPoint(f"{m:%b %Y}", children[i], q[80][0][i], q[80][1][i], q[95][0][i], q[95][1][i])
        for i, m in enumerate(f.base.months)
    ]
    opening = float(f.rates.opening.sum())
    chart = fan_chart(
        [(f"{f.rates.window_end:%b %Y}", opening)],
        ahead,
        title=f"Children looked after, month by month: {f.scenario.name}",
        measure="children looked after",
        label_every=6,
    )
    costs = []
    cum = f.quantiles["cost_to_date"]
    for i in range(11, len(f.base.months), 12):
        costs.append(
            {
                "period": f"{i + 1} months to {month_year(f.base.months[i])}",
                "cost": _money(float(f.base.cost[: i + 1].sum())),
                "interval": f"{_money(cum[80][0][i])} to {_money(cum[80][1][i])}",
            }
        )
    monthly = [
        {
            "month": f"{month_year(m)}",
            "children": fmt_number(children[i], 0),
            "interval": f"{fmt_number(q[80][0][i], 0)} to {fmt_number(q[80][1][i], 0)}",
            "base": fmt_number(base.base.closing[i].sum(), 0),
            "cost": _money(float(f.base.cost[i])),
            "base_cost": _money(float(base.base.cost[i])),
        }
        for i, m in enumerate(f.base.months)
    ]
    return {
        "basis": basis,
        "forecast": f,
        "chart": chart,
        "rows": rows,
        "costs": costs,
        "monthly": monthly,
        "saved": saved,
        "shown": shown,
        "sources": [
            (k.replace("_", " "), _money(v), f.cost_sources[k]) for k, v in f.unit_costs.items()
        ],
    }


def _compare_row(s: SavedScenario | None, f: own.Forecast, base: own.Forecast) -> dict[str, Any]:
    c, b = f.base.closing.sum(axis=1), base.base.closing.sum(axis=1)
    k = min(11, len(c) - 1)
    total, btotal = float(f.base.cost.sum()), float(base.base.cost.sum())
    diff = total - btotal
    return {
        "scenario": s,
        "name": f.scenario.name,
        "at12": fmt_number(c[k], 0),
        "at12_change": f"{c[k] - b[k]:+,.0f}",
        "end": fmt_number(c[-1], 0),
        "end_change": f"{c[-1] - b[-1]:+,.0f}",
        "cost": _money(total),
        "cost_change": ("+" if diff >= 0 else "-") + _money(abs(diff)),
    }


def _page(
    request: HttpRequest,
    errors: list[tuple[str, str]] | None = None,
    form: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    from lineofsight.reference.las import registry

    code = _council(request)
    council = registry().get(code)
    chart, summary = _published_chart(code)
    context = {
        "council": council,
        "chart": chart,
        "summary": summary,
        "own": _own_section(code, council.name, request.GET.get("scenario")),
        "can_edit": request.user.role in EDITORS,
        "fields": [(k, label) for k, (_, _, label) in FIELDS.items()],
        "errors": errors or [],
        "form": form or {},
    }
    return render(request, "forecast/index.html", context, status=status)


@requires(*VIEWERS)
@methods("GET", "HEAD")
def index(request: HttpRequest) -> HttpResponse:
    return _page(request)


def _parse_form(post: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    errors: list[tuple[str, str]] = []
    name = (post.get("name") or "").strip()
    if not name:
        errors.append(("name", "Enter a name for the scenario"))
    settings: dict[str, Any] = {"name": name}
    for key, (field, convert, label) in FIELDS.items():
        raw = (post.get(key) or "").strip().replace(",", "")
        if not raw:
            continue
        try:
            number = float(raw.rstrip("%"))
        except ValueError:
            errors.append((key, f"{label.split(' (')[0]} must be a number"))
            continue
        settings[field] = convert(number)
    if not errors:
        try:
            from_mapping(settings)
        except UserError as exc:
            field = next((k for k, (f, _, _) in FIELDS.items() if f"'{f}'" in exc.message), "name")
            errors.append((field, exc.message))
    return settings, errors


@requires(*EDITORS)
@methods("POST")
def save_scenario(request: HttpRequest) -> HttpResponse:
    """Save (or replace, by name) a scenario for the director's council."""
    code = _council(request)
    settings, errors = _parse_form(request.POST)
    if errors:
        return _page(request, errors, {k: str(v) for k, v in request.POST.items()}, status=400)
    saved, _ = SavedScenario.objects.update_or_create(
        la_code=code,
        name=settings["name"],
        defaults={"settings": settings, "created_by": request.user},
    )
    record(request, Action.CHANGE, obj=("forecast scenario", saved.pk), details=settings)
    return redirect(f"{request.path.rsplit('scenarios/', 1)[0]}?scenario={saved.pk}#scenarios")


@requires(*EDITORS)
@methods("POST")
def delete_scenario(request: HttpRequest, pk: int) -> HttpResponse:
    code = _council(request)
    saved = SavedScenario.objects.filter(la_code=code, pk=pk).first()
    if saved is None:
        raise Http404("No such scenario for your council.")
    record(
        request,
        Action.CHANGE,
        obj=("forecast scenario", saved.pk),
        details={"deleted": saved.name},
    )
    saved.delete()
    return redirect("forecast:index")


__all__ = ["Scenario", "delete_scenario", "index", "save_scenario"]
