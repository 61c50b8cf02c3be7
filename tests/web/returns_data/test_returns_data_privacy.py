"""Privacy: no child-level row is stored, uploaded files do not outlive the request, and figures
shown beyond analysts are suppressed when they rest on 1 to 5 children (docs/disclosure.md).

Why: the service's promise (architecture.md, "Privacy") is that only aggregates and the findings
report persist; these tests fail if a model grows a child-level column, if staged files are left
on disk, or if small numbers reach leaders unsuppressed.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from returns_data_support import RUTLAND

pytestmark = pytest.mark.django_db

# Every column the Data pages may store. Adding one means deciding it is not child-level.
ALLOWED_COLUMNS = {
    "returns_data_upload": {
        "id", "la_code", "uploaded_by_id", "uploaded_at", "source", "kind", "status", "files",
        "returns", "errors", "queries", "summary", "report_csv", "report_json", "report_html",
        "aggregates",
    },
    "returns_data_publication": {
        "id", "la_code", "version", "upload_id", "published_by_id", "published_at",
        "queries_acknowledged", "is_current",
    },
    "returns_data_indicatorvalue": {
        "id", "publication_id", "indicator_id", "period_start", "period_end", "value", "state",
        "numerator", "denominator",
        # which returns the figure rests on and any history note: sentences, never child ids
        "returns", "note",
    },
}  # fmt: skip


def test_only_aggregate_tables_and_columns_exist() -> None:
    with connection.cursor() as cursor:
        tables = {
            t for t in connection.introspection.table_names(cursor) if t.startswith("returns_data")
        }
        columns = {
            t: {c.name for c in connection.introspection.get_table_description(cursor, t)}
            for t in tables
        }
    assert columns == ALLOWED_COLUMNS


def test_uploaded_files_are_deleted_and_no_child_id_is_stored_outside_the_report(
    signed_in: Any, synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lineofsight.web.returns_data.models import IndicatorValue, Publication, Upload

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    analyst = signed_in("analyst", la_code=RUTLAND)
    header = synthetic / "ssda903" / "2025" / "header.csv"
    episodes = synthetic / "ssda903" / "2025" / "episodes.csv"
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in (header, episodes)]
    assert analyst.post(reverse("data:index"), {"files": files}).status_code == 302
    assert [p.name for p in tmp_path.iterdir()] == []  # the staging folder is gone
    upload = Upload.objects.get()
    analyst.post(reverse("data:publish", kwargs={"pk": upload.pk}), {"acknowledge": "yes"})
    assert Publication.objects.filter(is_current=True).exists()
    child_ids = [line.split(",")[0] for line in header.read_text().splitlines()[1:]]
    stored = repr(list(IndicatorValue.objects.values_list())) + repr(
        list(Upload.objects.values_list("files", "returns", "aggregates", "kind"))
    )
    assert len(child_ids) > 10
    assert [c for c in child_ids if c in stored] == []


def _publication_with(values: list[tuple[str, float, float]]) -> None:
    from lineofsight.web.returns_data.models import IndicatorValue, Publication, Upload

    upload = Upload.objects.create(la_code=RUTLAND, kind="ssda903", status="published")
    pub = Publication.objects.create(la_code=RUTLAND, version=1, upload=upload, is_current=True)
    for indicator_id, value, numerator in values:
        IndicatorValue.objects.create(
            publication=pub,
            indicator_id=indicator_id,
            period_start=dt.date(2024, 11, 1),
            period_end=dt.date(2025, 10, 31),
            value=value,
            state="value",
            numerator=numerator,
            denominator=40.0 if indicator_id.endswith("_pct") else None,
        )


def test_small_numbers_are_suppressed_beyond_analysts() -> None:
    from lineofsight.values import State
    from lineofsight.web.dashboard.own import own_values

    _publication_with(
        [("cla_count", 3.0, 3.0), ("cla_missing_pct", 7.5, 3.0), ("cpp_count", 12.0, 12.0),
         ("sw_fte", 2.0, 2.0)]
    )  # fmt: skip
    shown = own_values(RUTLAND)
    assert shown["cla_count"].value.state is State.SUPPRESSED
    assert shown["cla_count"].value.number is None
    assert shown["cla_missing_pct"].value.state is State.SUPPRESSED
    assert shown["cpp_count"].value.number == 12.0  # five or more children: shown
    assert shown["sw_fte"].value.number == 2.0  # staff, not children: never suppressed
    assert shown["cla_count"].period == "year to 31 October 2025"
    exact = own_values(RUTLAND, exact=True)
    assert exact["cla_count"].value.number == 3.0


def test_no_publication_means_no_own_figures() -> None:
    from lineofsight.web.dashboard.own import own_values

    assert own_values(RUTLAND) == {}
