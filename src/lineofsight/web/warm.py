"""Warm start: build the published-data caches before the service takes its first request.

The benchmark engine, indicator catalogue and per-council overview load lazily, which costs a fresh
gunicorn worker seconds on its first page. ``lineofsight serve`` runs gunicorn with ``--preload``,
so ``wsgi.py`` calls :func:`warm_up` once in the master and every forked worker inherits the built
caches. Tests and management commands never import ``wsgi.py``, so they do not pay for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lineofsight.reference.las import LA

# Every page renders the layout; each app's warmer compiles its own pages' templates.
TEMPLATES = ("layout.html",)
# ``themes.published_themes`` keeps this many councils; warming more would only evict.
MAX_COUNCILS = 64

# Each app registers, in its ``ready()``, what its pages build on first use for a council, so a page
# warms itself and this module needs to know none of them.
Warmer = Callable[[Sequence["LA"]], None]
_WARMERS: dict[str, Warmer] = {}


def register_warmer(app: str, warmer: Warmer) -> None:
    """Have the warm start call ``warmer`` with the councils that have accounts (once per app)."""
    _WARMERS[app] = warmer


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

    try:
        codes = account_councils() if la_codes is None else la_codes
    except DatabaseError:
        codes = []  # no tables yet: the shared data is still worth building
    finally:
        connections.close_all()
    b = get_benchmark()
    lait_indicators()
    headline = [i.id for i in headline_indicators()]
    for ind in headline:
        b.panel(ind)
    las = []
    for code in codes[:MAX_COUNCILS]:
        try:
            las.append(b.registry.get(code))
        except KeyError:
            continue  # an account for a council outside the bundled list: nothing to build
    for warmer in _WARMERS.values():
        warmer(las)
    for name in TEMPLATES:
        get_template(name)
    return WarmReport(councils=len(las), indicators=len(headline), panels=len(b._panels))
