"""The Finance page and the overview's Money block, read as rendered HTML: published figures equal
the benchmark, uploads are checked and versioned, a bad file never replaces the last good one."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.finance.monitoring import template_xlsx
from lineofsight.reference.las import resolve
from lineofsight.wording import money
from xlsx_support import compare_with_csv

pytestmark = pytest.mark.django_db

GOOD = (
    "period,service_line,budget,forecast_outturn,actual_to_date\n"
    "2025-09,cla_residential,20000000,21000000,10000000\n"
    "2025-10,cla_residential,20000000,23000000,12000000\n"
    "2025-10,safeguarding,30000000,30000000,\n"
)


def _soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    return BeautifulSoup(response.content, "html.parser")


def _upload(client, text: bytes, name: str = "monitoring.csv"):  # type: ignore[no-untyped-def]
    return client.post("/finance/upload/", {"monitoring": SimpleUploadedFile(name, text)})


def test_finance_page_shows_published_figures_against_neighbours(signed_in) -> None:  # type: ignore[no-untyped-def]
    response = signed_in("director").get("/finance/")
    assert response.status_code == 200
    page = _soup(response)
    assert page.h1.get_text(strip=True) == "Finance"
    entry = get_benchmark().entry(resolve("Stoke-on-Trent"), "cla_weekly_unit_cost")
    assert entry is not None and entry.value.number is not None
    row = page.select_one("tr[data-indicator='cla_weekly_unit_cost']")
    assert row.select_one("[data-role=value]").get_text(strip=True) == (
        f"£{entry.value.number:,.0f}"
    )
    assert f"{entry.year} financial year" in row.get_text(" ")
    total = page.select_one("tr[data-indicator='cs_spend_gross'] [data-role=value]")
    cs = get_benchmark().entry(resolve("Stoke-on-Trent"), "cs_spend_gross")
    assert total.get_text(strip=True) == money(cs.value.number)  # e.g. £85.5m
    assert page.select_one("[data-role=no-monitoring]") is not None
    assert page.select_one("form[action='/finance/upload/']") is None  # directors do not upload


def test_a_good_upload_becomes_the_current_version(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("finance_officer")
    response = _upload(client, GOOD.encode())
    assert response.status_code == 302
    page = _soup(client.get(response["Location"]))
    assert "version 1 (2025-26, to October 2025) is now the current version" in page.get_text(" ")
    rows = {
        tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in page.select("#variance tbody tr")
    }
    res = rows["Children looked after: residential care"]
    assert res[:4] == ["£20m", "£23m", "+£3m (+15.0%) over budget", "+£2m"]
    assert rows["All service lines"][2].startswith("+£3m")
    flagged = page.select_one("[data-role=monitoring-signals]").get_text(" ")
    assert "£3m (6.0%) over" in flagged
    assert page.select_one("[data-role=demo]") is None


def test_a_bad_upload_lists_every_problem_and_keeps_the_last_good_version(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("analyst")
    _upload(client, GOOD.encode())
    bad = b"period,service_line,budget,forecast_outturn\n2025-11,fostring,1,1\n2025-11,cla_fostering,x,1\n"
    response = _upload(client, bad, "november.csv")
    assert response.status_code == 400
    page = _soup(response)
    problems = [li.get_text(" ", strip=True) for li in page.select("[data-role=problems] li")]
    assert problems == [
        "Row 2: service line 'fostring' is not one of the template's lines (did you mean "
        "'cla_fostering'?).",
        "Row 3: budget 'x' is not an amount in pounds.",
    ]
    assert "The current version has not changed." in page.get_text(" ")
    assert "at the end of October 2025" in page.select_one(
        "[data-role=monitoring-summary]"
    ).get_text(" ")
    versions = page.select_one("#versions").get_text(" ")
    assert "Not used: 2 problems" in versions and "Version 1 (current)" in versions


def test_the_xlsx_template_downloads_and_uploads(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("finance_officer")
    got = client.get("/finance/template.xlsx")
    assert got.status_code == 200 and got.content[:2] == b"PK"
    assert _upload(client, template_xlsx(), "template.xlsx").status_code == 302
    assert client.get("/finance/template.csv").content.startswith(b"period,service_line")
    assert client.get("/finance/template.pdf").status_code == 404


def test_a_version_downloads_as_csv_and_is_audited(signed_in) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.web.audit.models import AuditEvent
    from lineofsight.web.finance.models import Monitoring

    client = signed_in("finance_officer")
    _upload(client, GOOD.encode())
    saved = Monitoring.objects.get(accepted=True)
    got = client.get(f"/finance/monitoring/{saved.pk}.csv")
    assert got.status_code == 200 and b"2025-10,cla_residential,20000000,23000000" in got.content
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "upload" in actions and "export" in actions
    # The same version as a workbook: pounds as numbers with a £ format, as the CSV holds them.
    book = client.get(f"/finance/monitoring/{saved.pk}.xlsx")
    assert book.status_code == 200
    problems, numbers, _ = compare_with_csv(got.content.decode(), book.content)
    assert problems == [] and numbers == 8
    sheet = openpyxl.load_workbook(io.BytesIO(book.content))["Data"]
    assert sheet["D3"].value == 23000000 and sheet["D3"].number_format.startswith('"£"')
    page = _soup(client.get("/finance/"))
    assert page.find("a", href=f"/finance/monitoring/{saved.pk}.xlsx") is not None


def test_demo_monitoring_is_labelled_on_the_finance_page_and_the_overview(signed_in) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.finance.demo import demo_monitoring
    from lineofsight.web.finance.store import load_demo_monitoring

    stoke = resolve("Stoke-on-Trent").code
    assert "labelled as demo" in load_demo_monitoring(stoke)
    assert "already has a version" in load_demo_monitoring(stoke)
    client = signed_in("leader")
    page = _soup(client.get("/finance/"))
    assert page.select_one("[data-role=demo]").get_text(strip=True) == "Demo"
    assert "not the council's real figures" in page.get_text(" ")
    m = demo_monitoring(stoke, dt.date.today())
    overview = _soup(client.get("/overview/"))
    block = overview.select_one("#money")
    assert block is not None
    text = block.select_one("[data-role=money-monitoring]").get_text(" ", strip=True)
    assert text.startswith("Demo Forecast outturn for " + m.financial_year)
    ids = [li["data-indicator"] for li in block.select("[data-role=money-tiles] li")]
    assert ids[0] == "cs_spend_per_child"
