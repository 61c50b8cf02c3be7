"""The demo loader publishes synthetic own figures for the demo council, once; the findings
reports on them say demo in every format.

Why: ``lineofsight demo`` is run again and again on the same database; a second run must reuse
the publication, not stack new versions, and the synthetic child-level files must not be kept.
A findings report on synthetic returns, emailed on, must not pass for one on real children.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from returns_data_support import RUTLAND

from lineofsight.web import demo_marks

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


def _reports(client: Any, pk: int) -> tuple[BeautifulSoup, dict[str, Any]]:
    from django.urls import reverse

    got = {}
    for fmt in ("html", "json"):
        response = client.get(reverse("data:report", kwargs={"pk": pk, "fmt": fmt}))
        assert response.status_code == 200
        got[fmt] = response.content.decode()
    return BeautifulSoup(got["html"], "html.parser"), json.loads(got["json"])


def test_findings_reports_on_demo_returns_say_demo_as_the_csv_does(
    signed_in: Any, bad_episodes: Path
) -> None:
    """The HTML and JSON downloads of a demo upload's findings carry the CSV's demo label; the
    same returns uploaded as a council's own are not marked (the mark is the upload's source)."""
    from lineofsight.web.returns_data.checking import check
    from lineofsight.web.returns_data.store import save_upload
    from lineofsight.web.returns_data.views import DEMO_FINDINGS

    # Episodes with one error, so the findings CSV has a row to mark; each upload is checked on
    # its own, as each keeps its own findings file.
    demo = save_upload(check([bad_episodes], RUTLAND), RUTLAND, source="demo", actor="demo loader")
    real = save_upload(check([bad_episodes], RUTLAND), RUTLAND, source="web", actor="an analyst")
    client = signed_in("analyst", la_code=RUTLAND)

    html, payload = _reports(client, demo.pk)
    assert html.title is not None and html.title.get_text() == "DEMO: Validation findings"
    banner = html.select_one("body > [role=note]")
    assert banner is not None
    assert banner.get_text(" ", strip=True) == f"DEMO : {DEMO_FINDINGS}."
    assert html.select_one("body > [role=note] + h1") is not None  # above the heading
    assert next(iter(payload)) == demo_marks.CSV_COLUMN
    assert payload[demo_marks.CSV_COLUMN] == DEMO_FINDINGS
    assert payload["returns"][0]["kind"] == "ssda903"  # the report itself is unchanged
    response = client.get(f"/data/uploads/{demo.pk}/findings.csv")
    assert response.streaming  # the full list streams from its file
    csv_rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert csv_rows and {r[demo_marks.CSV_COLUMN] for r in csv_rows} == {DEMO_FINDINGS}

    html, payload = _reports(client, real.pk)
    assert html.title is not None and html.title.get_text() == "Validation findings"
    assert html.select_one("[role=note]") is None and "DEMO" not in html.get_text()
    assert demo_marks.CSV_COLUMN not in payload
