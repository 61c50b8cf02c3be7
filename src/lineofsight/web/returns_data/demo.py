"""The demo council's own returns: synthetic files generated, checked, published, then deleted.

``lineofsight demo`` runs this once per database: a council that already has a current
publication keeps it. The child-level files live only in a temporary folder. The returns run from
:data:`DEMO_FIRST` to an in-year extract taken at the end of last month, as a council's own data
would, so the demo shows this year's picture beside the last published one.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from tempfile import TemporaryDirectory

from lineofsight.web.demo_data import register_demo_loader
from lineofsight.wording import day_month_year

DEMO_FIRST = 2024  # the first collection year: enough for a trend, quick to generate and read
DEMO_SEED = 20251


def demo_extract_day(today: dt.date) -> dt.date:
    """The day the demo's in-year extract is taken: the last day of the month before ``today``."""
    return today.replace(day=1) - dt.timedelta(days=1)


@register_demo_loader
def load_synthetic_returns(la_code: str) -> str:
    """Publish synthetic own figures for the demo council unless it already has a publication."""
    return publish_synthetic_returns(la_code)


def publish_synthetic_returns(la_code: str, first: int = DEMO_FIRST) -> str:
    """Generate, check and publish synthetic returns for a council from collection year
    ``first`` to the demo's in-year extract, unless it already has a publication. The demo's
    regional alliance (``web/regions/demo.py``) publishes its other members' figures this way."""
    from django.utils import timezone

    from lineofsight.indicators.own.periods import march_year
    from lineofsight.reference.las import resolve
    from lineofsight.synth.generate import generate
    from lineofsight.web.returns_data.checking import check
    from lineofsight.web.returns_data.store import current_publication, publish, save_upload

    existing = current_publication(la_code)
    if existing is not None:
        return (
            f"Own returns: version {existing.version} already published for {la_code} "
            f"({existing.values.count():,} values); reused."
        )
    started = time.perf_counter()
    la = resolve(la_code)
    extract = demo_extract_day(timezone.localdate())
    last = march_year(extract)
    with TemporaryDirectory(prefix="lineofsight-demo-") as tmp:
        generate(la, Path(tmp), first, last, DEMO_SEED, 0.0, extract.toordinal())
        checked = check([Path(tmp) / la.code], la.code)
    upload = save_upload(checked, la.code, source="demo", actor="demo loader")
    if checked.errors:
        return (
            f"Own returns: the synthetic returns had {checked.errors:,} errors, so nothing was "
            f"published (upload {upload.pk})."
        )
    publication = publish(upload, acknowledge_queries=True, actor="demo loader")
    took = time.perf_counter() - started
    return (
        f"Own returns: synthetic returns for {la.name}, {first} to an extract of "
        f"{day_month_year(extract)}, checked "
        f"({checked.queries:,} queries) and published as version {publication.version} "
        f"({publication.values.count():,} values) in {took:.1f} s; the files were deleted."
    )
