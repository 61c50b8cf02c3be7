"""The demo loader publishes synthetic own figures for the demo council, once.

Why: ``lineofsight demo`` is run again and again on the same database; a second run must reuse
the publication, not stack new versions, and the synthetic child-level files must not be kept.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from returns_data_support import RUTLAND

pytestmark = pytest.mark.django_db


def test_demo_loader_publishes_once_and_keeps_no_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lineofsight.indicators.own.periods import march_year
    from lineofsight.web.dashboard.own import own_values
    from lineofsight.web.demo_data import _LOADERS
    from lineofsight.web.returns_data.demo import (
        DEMO_FIRST,
        demo_extract_day,
        load_synthetic_returns,
    )
    from lineofsight.web.returns_data.models import IndicatorValue, Publication, Upload

    assert load_synthetic_returns in _LOADERS  # registered when the app is ready
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    first = load_synthetic_returns(RUTLAND)
    assert "published as version 1" in first
    assert list(tmp_path.iterdir()) == []
    publication = Publication.objects.get()
    assert publication.is_current and publication.upload.source == "demo"
    # whole years to the last 31 March, then the 12 months to the in-year extract's latest episode
    extract = demo_extract_day(dt.date.today())
    last = march_year(extract)
    whole = [dt.date(y, 3, 31) for y in range(DEMO_FIRST, last)]
    ends = sorted(
        IndicatorValue.objects.filter(indicator_id="cla_count").values_list("period_end", flat=True)
    )
    assert ends[:-1] == whole
    assert dt.date(last - 1, 3, 31) < ends[-1] <= extract
    values = IndicatorValue.objects.count()

    second = load_synthetic_returns(RUTLAND)
    assert second.startswith("Own returns: version 1 already published")
    assert Publication.objects.count() == 1 and Upload.objects.count() == 1
    assert IndicatorValue.objects.count() == values
    assert own_values(RUTLAND, exact=True)["cla_count"].period == (
        f"year to {ends[-1].day} {ends[-1]:%B %Y}"
    )
