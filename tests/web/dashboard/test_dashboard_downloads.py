"""Every table on the data pages that downloads as CSV also downloads as Excel, and the workbook
holds what the CSV holds (numbers as numbers, each missing figure's state code); downloads are
audited like the CSV."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from lineofsight.web.audit.models import AuditEvent
from xlsx_support import compare_with_csv

pytestmark = pytest.mark.django_db
RUTLAND, STOKE, LEEDS = "E06000017", "E06000021", "E08000035"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _get(client, url: str, params: dict[str, object] | None = None):  # type: ignore[no-untyped-def]
    response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code
    return response


def test_indicator_xlsx_holds_the_csv_with_suppressed_years(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader", la_code=RUTLAND)
    base = "/indicators/care_leavers_eet_17_18_pct/data"
    csv_text = _get(client, base + ".csv").content.decode()
    response = _get(client, base + ".xlsx")
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == (
        'attachment; filename="857_care_leavers_eet_17_18_pct.xlsx"'
    )
    problems, numbers, codes = compare_with_csv(csv_text, response.content)
    assert problems == [] and numbers > 20 and codes >= 2  # Rutland 2021 and 2023 are c
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    data = book["Data"]
    header = [c.value for c in data[1]]
    values = {r[header.index("year")].value: r[header.index("value")] for r in data.iter_rows(2)}
    assert values["2023"].value == "c" and values["2021"].value == "c"
    assert values["2025"].number_format == '#,##0"%"'
    assert "Open Government Licence v3.0" in {
        r[3] for r in book["Sources"].iter_rows(min_row=2, values_only=True)
    }
    formats = [e.details["format"] for e in AuditEvent.objects.filter(action="export")]
    assert sorted(formats) == ["csv", "xlsx"]


def test_compare_downloads_csv_and_xlsx(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("analyst")
    page = _get(client, "/compare/", {"preset": "neighbours"}).content.decode()
    assert 'href="/compare/data.csv?la=E06000021&amp;la=' in page
    query = {"la": [STOKE, LEEDS, RUTLAND], "indicator": ["cla_rate_per_10k", "cla_count"]}
    response = _get(client, "/compare/data.csv", query)
    assert response["Content-Disposition"] == 'attachment; filename="compare_861.csv"'
    csv_text = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert [(r["la_name"], r["indicator_id"]) for r in rows] == [
        ("Stoke-on-Trent", "cla_rate_per_10k"),
        ("Leeds", "cla_rate_per_10k"),
        ("Rutland", "cla_rate_per_10k"),
        ("Stoke-on-Trent", "cla_count"),
        ("Leeds", "cla_count"),
        ("Rutland", "cla_count"),
    ]
    xlsx = _get(client, "/compare/data.xlsx", query)
    assert xlsx["Content-Type"] == XLSX
    problems, numbers, _ = compare_with_csv(csv_text, xlsx.content)
    assert problems == [] and numbers > 30
    # The Comparison sheet is the page's table: indicators down, councils then references across.
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Data", "Comparison", "About", "Key", "Sources"]
    table = list(book["Comparison"].iter_rows(values_only=True))
    assert table[0] == (
        "Indicator",
        "Year",
        "Stoke-on-Trent",
        "Leeds",
        "Rutland",
        "Neighbour median (Stoke-on-Trent)",
        "West Midlands",
        "England",
    )
    by_key = {(r["la_name"], r["indicator_id"]): r for r in rows}
    rate = table[1]
    assert rate[:2] == ("Children looked after per 10,000 children", "at 31 March 2025")
    for name, cell in zip(("Stoke-on-Trent", "Leeds", "Rutland"), rate[2:5], strict=True):
        assert cell == pytest.approx(float(by_key[(name, "cla_rate_per_10k")]["value"]))
    stoke = by_key[("Stoke-on-Trent", "cla_rate_per_10k")]
    assert rate[5] == pytest.approx(float(stoke["neighbours_median"]))
    assert rate[6] == pytest.approx(float(stoke["region"]))
    assert rate[7] == pytest.approx(float(stoke["england"]))
    events = AuditEvent.objects.filter(action="export", object_type="compare")
    assert sorted(e.details["format"] for e in events) == ["csv", "xlsx"]
    assert events[0].details["councils"] == [STOKE, LEEDS, RUTLAND]


def test_compare_download_of_a_bad_choice_is_not_found(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    assert client.get("/compare/data.csv", {"la": ["E99999999"]}).status_code == 404
    assert client.get("/compare/data.pdf").status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()
