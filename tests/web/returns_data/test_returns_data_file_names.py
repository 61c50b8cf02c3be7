"""A long file name keeps its extension when it is cleaned, so the upload is not refused.

Why: names were cut at 120 characters, so ``<long name>.xml`` lost ``.xml`` and was refused as
"must be a .csv or .xml return file"; councils' export tools write long names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from returns_data_support import RUTLAND

from lineofsight.web.returns_data.uploads import MAX_NAME, clean_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("x" * 300 + ".xml", "x" * (MAX_NAME - 4) + ".xml"),
        ("C:\\exports\\" + "é" * 200 + ".CSV", "_" * (MAX_NAME - 4) + ".CSV"),
        ("episodes.csv", "episodes.csv"),
        ("", "unnamed"),
    ],
)
def test_clean_name_keeps_the_extension(raw: str, expected: str) -> None:
    assert clean_name(raw) == expected
    assert len(clean_name(raw)) <= MAX_NAME


@pytest.mark.django_db
def test_a_long_named_census_uploads(signed_in: Any, synthetic: Path) -> None:
    from lineofsight.web.returns_data.models import Upload

    analyst = signed_in("analyst", la_code=RUTLAND)
    data = (synthetic / "workforce" / "csww_2025.xml").read_bytes()
    name = "social_work_workforce_census_" + "2025_" * 40 + ".xml"
    response = analyst.post(reverse("data:index"), {"files": [SimpleUploadedFile(name, data)]})
    assert response.status_code == 302
    stored = Upload.objects.get().files[0]["name"]
    assert stored.endswith(".xml") and len(stored) <= MAX_NAME
