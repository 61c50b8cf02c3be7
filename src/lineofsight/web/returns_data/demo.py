"""The demo council's own returns: synthetic files generated, checked, published, then deleted.

``lineofsight demo`` runs this once per database: a council that already has a current
publication keeps it. The child-level files live only in a temporary folder.
"""

from __future__ import annotations

import time
from pathlib import Path
from tempfile import TemporaryDirectory

from lineofsight.web.demo_data import register_demo_loader

DEMO_YEARS = (2024, 2025)  # collection years: enough for a trend, quick to generate and read
DEMO_SEED = 20251


@register_demo_loader
def load_synthetic_returns(la_code: str) -> str:
    """Publish synthetic own figures for the demo council unless it already has a publication."""
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
    with TemporaryDirectory(prefix="lineofsight-demo-") as tmp:
        generate(la, Path(tmp), DEMO_YEARS[0], DEMO_YEARS[-1], DEMO_SEED, 0.0)
        checked = check([Path(tmp) / la.code], la.code)
    upload = save_upload(checked, la.code, source="demo")
    if checked.errors:
        return (
            f"Own returns: the synthetic returns had {checked.errors:,} errors, so nothing was "
            f"published (upload {upload.pk})."
        )
    publication = publish(upload, acknowledge_queries=True)
    took = time.perf_counter() - started
    return (
        f"Own returns: synthetic {DEMO_YEARS[0]}-{DEMO_YEARS[-1]} returns for {la.name} checked "
        f"({checked.queries:,} queries) and published as version {publication.version} "
        f"({publication.values.count():,} values) in {took:.1f} s; the files were deleted."
    )
