"""Saving budget monitoring versions: a bad file never replaces the last good one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max

from lineofsight.finance.monitoring import (
    Monitoring as Parsed,
)
from lineofsight.finance.monitoring import (
    MonitoringError,
    parse_monitoring,
    to_csv,
)
from lineofsight.web.demo_data import register_demo_loader
from lineofsight.web.finance.models import Monitoring


def save_monitoring(
    la_code: str, data: bytes, file_name: str, user: Any = None, *, is_demo: bool = False
) -> Monitoring:
    """Check the file and keep it: a good one becomes current, a bad one is kept as rejected."""
    name = (file_name or "monitoring")[:200]
    try:
        parsed = parse_monitoring(data, name)
    except MonitoringError as exc:
        rejected: Monitoring = Monitoring.objects.create(
            la_code=la_code, uploaded_by=user, file_name=name, problems=exc.problems
        )
        return rejected
    return _keep(la_code, parsed, name, user, is_demo)


def _keep(la_code: str, parsed: Parsed, name: str, user: Any, is_demo: bool) -> Monitoring:
    with transaction.atomic():
        rows = Monitoring.objects.select_for_update().filter(la_code=la_code)
        last = rows.aggregate(v=Max("version"))["v"] or 0
        rows.filter(is_current=True).update(is_current=False)
        kept: Monitoring = Monitoring.objects.create(
            la_code=la_code,
            version=last + 1,
            uploaded_by=user,
            file_name=name,
            accepted=True,
            is_current=True,
            is_demo=is_demo,
            financial_year=parsed.financial_year,
            latest_period=parsed.latest,
            content=to_csv(parsed),
        )
        return kept


def current(la_code: str) -> tuple[Monitoring, Parsed] | None:
    """The council's current version and its figures, or None before any good upload."""
    row = Monitoring.objects.filter(la_code=la_code, is_current=True).first()
    if row is None:
        return None
    return row, parse_monitoring(row.content.encode(), "stored.csv")


@register_demo_loader
def load_demo_monitoring(la_code: str) -> str:
    """Synthetic budget monitoring for the demo council, unless it already has a version."""
    from lineofsight.finance.demo import demo_monitoring

    if Monitoring.objects.filter(la_code=la_code, accepted=True).exists():
        return "Budget monitoring: the demo council already has a version; kept."
    m = demo_monitoring(la_code, dt.date.today())
    _keep(la_code, m, "demo_budget_monitoring.csv", None, True)
    return (
        f"Budget monitoring: synthetic demo figures for {m.financial_year}, "
        f"{len(m.periods)} month(s) to {m.latest} (labelled as demo)."
    )


def save_mix(la_code: str, drivers: Any, source: str, synthetic: bool) -> Any:
    """Keep a council's placement mix (aggregates from its 903: counts by placement type)."""
    from lineofsight.web.finance.models import PlacementMix

    return PlacementMix.objects.create(
        la_code=la_code,
        source=source[:80],
        synthetic=synthetic,
        period_end=drivers.period_end,
        counts=drivers.record(),
    )


def current_mix(la_code: str) -> tuple[Any, Any] | None:
    """The council's latest kept placement mix and its figures priced with today's unit costs
    (the council's own are not kept: the published ones), exact; show it through ``disclosed``."""
    from lineofsight.finance.drivers import from_record, unit_costs
    from lineofsight.web.finance.models import PlacementMix

    row = PlacementMix.objects.filter(la_code=la_code).first()
    if row is None:
        return None
    return row, from_record(row.counts, unit_costs(la_code))


@register_demo_loader
def load_demo_mix(la_code: str) -> str:
    """The demo council's placement mix from one year of synthetic 903 returns (made, read and
    deleted), unless it already has one."""
    import time

    from lineofsight.finance.drivers import cost_drivers, unit_costs
    from lineofsight.indicators.own.periods import march_year
    from lineofsight.reference.las import resolve
    from lineofsight.synth.generate import ssda903_tables
    from lineofsight.web.finance.models import PlacementMix

    if PlacementMix.objects.filter(la_code=la_code).exists():
        return "Placement mix: the demo council already has one; kept."
    started = time.perf_counter()
    la = resolve(la_code)
    last = march_year(dt.date.today()) - 1  # the last whole year to 31 March
    tables = ssda903_tables(la, last, last, DEMO_MIX_SEED)
    d = cost_drivers(tables, unit_costs(la_code))
    save_mix(la_code, d, "synthetic demo 903 returns", synthetic=True)
    return (
        f"Placement mix: synthetic 903 return for the year to 31 March {last} for {la.name} "
        f"({d.children:,} children in care at its end) kept as counts in "
        f"{time.perf_counter() - started:.1f} s; the files were deleted."
    )


DEMO_MIX_SEED = 20251
