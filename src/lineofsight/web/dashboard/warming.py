"""What the data pages build on first use, built before serving (see ``web.warm``).

Registered by the dashboard app, so the warm start covers exactly what these pages read: the
overview's rows, the Ofsted histories, the risk model's estimate and every year's ranks the
indicator page shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.indicators.meta import headline_indicators
from lineofsight.published import ofsted
from lineofsight.reference.las import LA
from lineofsight.web.dashboard import risk_page
from lineofsight.web.dashboard.compare import choices
from lineofsight.web.dashboard.indicator import YEARS_SHOWN
from lineofsight.web.dashboard.themes import published_themes

TEMPLATES = (
    "dashboard/overview.html",
    "dashboard/indicator.html",
    "dashboard/compare.html",
    "dashboard/ofsted.html",
)


def warm_data_pages(las: Sequence[LA]) -> None:
    """Build the data pages' caches for ``las`` and compile their templates."""
    from django.template.loader import get_template

    b = get_benchmark()
    choices()
    headline = [i.id for i in headline_indicators()]
    for la in las:
        published_themes(la.code)
        ofsted.ilacs_history(la.code)
        ofsted.send_history(la.code)
        risk_page.council_estimates(la.code)  # the first fits the risk model (tens of seconds)
        for ind in headline:  # every year's ranks: the indicator page shows several years
            for year in b.years(ind)[-YEARS_SHOWN:]:
                b.entry(la, ind, year)
    for name in TEMPLATES:
        get_template(name)
