"""Warm start: build the published-data caches before the service takes its first request.

The benchmark engine, indicator catalogue and per-council overview load lazily, which costs a fresh
gunicorn worker seconds on its first page. ``lineofsight serve`` runs gunicorn with ``--preload``,
so ``wsgi.py`` calls :func:`warm_up` once in the master and every forked worker inherits the built
caches. Tests and management commands never import ``wsgi.py``, so they do not pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass

# Templates every data page renders; compiling them here spares the first visitor.
TEMPLATES = (
    "layout.html",
    "dashboard/overview.html",
    "dashboard/indicator.html",
    "dashboard/compare.html",
    "dashboard/ofsted.html",
)
# ``overview.published_themes`` keeps this many councils; warming more would only evict.
MAX_COUNCILS = 64


@dataclass(frozen=True, slots=True)
class WarmReport:
    """What was built: shown in the log so an operator can see the warm start happened."""

    councils: int
    indicators: int
    panels: int

    def line(self) -> str:
        return (
            f"Warm start: {self.indicators} headline indicators ({self.panels} data panels) "
            f"and the overview for {self.councils} council(s) loaded before serving."
        )


def account_councils() -> list[str]:
    """Councils (E-codes) that have active accounts, most accounts first, so their pages are warm."""
    from django.db.models import Count

    from lineofsight.web.accounts.models import User

    rows = (
        User.objects.filter(is_active=True)
        .values("la_code")
        .annotate(n=Count("id"))
        .order_by("-n", "la_code")
    )
    return [str(r["la_code"]) for r in rows[:MAX_COUNCILS]]


def warm_up(la_codes: list[str] | None = None) -> WarmReport:
    """Load the benchmark and catalogue and build the data pages' caches for the given councils.

    ``la_codes`` defaults to the councils with accounts (an empty database warms the shared data
    only). Database connections are closed afterwards: a preloading master must not hand an open
    connection to its forked workers.
    """
    from django.db import DatabaseError, connections
    from django.template.loader import get_template

    from lineofsight.benchmark.engine import get_benchmark
    from lineofsight.indicators.meta import headline_indicators, lait_indicators
    from lineofsight.published import ofsted
    from lineofsight.web.dashboard import risk_page
    from lineofsight.web.dashboard.compare import choices
    from lineofsight.web.dashboard.indicator import YEARS_SHOWN
    from lineofsight.web.dashboard.overview import published_themes

    try:
        codes = account_councils() if la_codes is None else la_codes
    except DatabaseError:
        codes = []  # no tables yet: the shared data is still worth building
    finally:
        connections.close_all()
    b = get_benchmark()
    lait_indicators()
    choices()
    headline = [i.id for i in headline_indicators()]
    for ind in headline:
        b.panel(ind)
    warmed = 0
    for code in codes[:MAX_COUNCILS]:
        try:
            la = b.registry.get(code)
        except KeyError:
            continue  # an account for a council outside the bundled list: nothing to build
        published_themes(la.code)
        ofsted.ilacs_history(la.code)
        ofsted.send_history(la.code)
        risk_page.council_estimates(la.code)  # the first fits the risk model (tens of seconds)
        for ind in headline:  # every year's ranks: the indicator page shows several years
            for year in b.years(ind)[-YEARS_SHOWN:]:
                b.entry(la, ind, year)
        warmed += 1
    for name in TEMPLATES:
        get_template(name)
    return WarmReport(councils=warmed, indicators=len(headline), panels=len(b._panels))
