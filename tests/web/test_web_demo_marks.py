"""Demo content is labelled wherever it appears: a notice on every page, a DEMO watermark on every
page of a pack downloaded from the service, a column in every CSV of demo content, and synthetic
returns called synthetic on the data pages.

Why: a demo pack or page could otherwise be circulated as a council's real record.
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pypdf
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from web_support import STOKE

from lineofsight.web import demo_marks
from xlsx_support import compare_with_csv

pytestmark = pytest.mark.django_db

PAGES = (
    "/overview/",
    "/governance/actions/",
    "/governance/",
    "/corporate-parenting/",
    "/key-questions/",
    "/enablers/",
    "/packs/",
    "/accessibility/",
)


@pytest.fixture
def demo_governance() -> None:
    from lineofsight.web.assessment.demo import load_demo_assessment
    from lineofsight.web.governance.demo import load_demo_governance

    load_demo_governance(STOKE)
    load_demo_assessment(STOKE)


def _notice(response) -> str:  # type: ignore[no-untyped-def]
    page = BeautifulSoup(response.content, "html.parser")
    found = page.select_one("main [data-role=demo-notice]")
    return found.get_text(" ", strip=True) if found is not None else ""


def test_every_page_says_it_is_a_demo(signed_in, demo_governance) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        notice = _notice(response)
        assert "This is a demonstration, not a council's real record" in notice, path
        assert "actions" in notice and "key question" in notice, path


def test_a_real_council_sees_no_demo_notice(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    for path in ("/overview/", "/governance/actions/", "/packs/"):
        assert _notice(client.get(path)) == "", path
    assert not demo_marks.for_council(STOKE)


def test_another_councils_demo_is_not_this_councils(signed_in, demo_governance) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader", la_code="E08000026")
    assert _notice(client.get("/overview/")) == ""


def test_every_page_of_a_demo_pack_is_watermarked(signed_in, demo_governance) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    response = client.post(reverse("packs:download"), {"pack": "quartet", "format": "pdf"})
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) > 3
    unmarked = [n for n, p in enumerate(reader.pages, 1) if "DEMO" not in (p.extract_text() or "")]
    assert unmarked == []
    assert "Demo pack." in (reader.pages[0].extract_text() or "")


def test_a_real_pack_has_no_watermark(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("leader")
    response = client.post(reverse("packs:download"), {"pack": "quartet", "format": "html"})
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select(".watermark") == [] and "Demo pack" not in page.get_text()


def test_demo_budget_monitoring_csv_says_so_in_a_column(signed_in) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.web.finance.models import Monitoring
    from lineofsight.web.finance.store import load_demo_monitoring

    load_demo_monitoring(STOKE)
    row = Monitoring.objects.get(la_code=STOKE, is_current=True)
    client = signed_in("finance_officer")
    response = client.get(reverse("finance:version-csv", kwargs={"pk": row.pk}))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    original = list(csv.DictReader(io.StringIO(row.content)))
    assert len(rows) == len(original) > 0
    assert {r[demo_marks.CSV_COLUMN] for r in rows} == {demo_marks.CSV_TEXT}
    assert [{k: v for k, v in r.items() if k != demo_marks.CSV_COLUMN} for r in rows] == original
    # The workbook says so too: the same column, a "Demo data" sheet and the About sheet's note.
    book = client.get(reverse("finance:version-xlsx", kwargs={"pk": row.pk})).content
    problems, _, _ = compare_with_csv(response.content.decode(), book)
    assert problems == []
    sheets = openpyxl.load_workbook(io.BytesIO(book))
    assert sheets.sheetnames[0] == "Demo data"
    about = [r[0] for r in sheets["About"].iter_rows(values_only=True)]
    assert about[1] == "DEMO: made up to show how the service works, not real figures"
    assert "budget monitoring" in _notice(client.get("/finance/"))


def _demo_publication(report_csv: str):  # type: ignore[no-untyped-def]
    from lineofsight.web.returns_data.models import Publication, Upload

    upload = Upload.objects.create(
        la_code=STOKE,
        kind="ssda903, cin",
        status="published",
        source="demo",
        returns=[
            {
                "kind": "ssda903",
                "label": "SSDA903 (children looked after)",
                "years": [2025, 2099],
                "rows_read": 10,
                "rows_used": 10,
                "rows_reported": 0,
                "errors": 0,
                "queries": 0,
            },
        ],
        report_csv=report_csv,
    )
    Publication.objects.create(la_code=STOKE, version=1, upload=upload, is_current=True)
    return upload


def test_synthetic_returns_are_labelled_on_the_data_pages(signed_in) -> None:  # type: ignore[no-untyped-def]
    upload = _demo_publication("rule_id,severity\n1234Q,query\n")
    client = signed_in("analyst")
    for path in ("/data/", "/data/publications/", f"/data/uploads/{upload.pk}/"):
        page = BeautifulSoup(client.get(path).content, "html.parser")
        text = page.select_one("main").get_text(" ", strip=True)  # type: ignore[union-attr]
        assert "Synthetic" in text, path
        assert "ssda903" not in text, path
        assert "SSDA903, CIN census" in text or "SSDA903 (children looked after)" in text, path
    findings = BeautifulSoup(client.get(f"/data/uploads/{upload.pk}/").content, "html.parser")
    years = findings.select("main table")[0].select("tbody td")[1].get_text(strip=True)
    assert years == "Years to 31 March 2025; in-year extract from April 2098"
    assert "synthetic" in _notice(client.get("/data/"))
    response = client.get(f"/data/uploads/{upload.pk}/findings.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows == [
        {
            "rule_id": "1234Q",
            "severity": "query",
            demo_marks.CSV_COLUMN: rows[0][demo_marks.CSV_COLUMN],
        }
    ]
    assert "synthetic" in rows[0][demo_marks.CSV_COLUMN]
    book = client.get(f"/data/uploads/{upload.pk}/findings.xlsx").content
    assert compare_with_csv(response.content.decode(), book)[0] == []
    about = [
        r[0] for r in openpyxl.load_workbook(io.BytesIO(book))["About"].iter_rows(values_only=True)
    ]
    assert about[1] == "DEMO: findings on synthetic returns, not real children"


def test_the_marked_csv_is_the_same_csv_with_one_more_column() -> None:
    content = 'a,b\n1,"x, ""y""\nz"\n,\n'
    marked = demo_marks.mark_csv(content)
    assert [r[:-1] for r in csv.reader(io.StringIO(marked))] == list(
        csv.reader(io.StringIO(content))
    )
    assert [r[-1] for r in csv.reader(io.StringIO(marked))] == [
        demo_marks.CSV_COLUMN,
        demo_marks.CSV_TEXT,
        demo_marks.CSV_TEXT,
    ]


def test_the_sign_in_page_of_the_demo_service_says_so(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEMO_ACCOUNTS_ALLOWED = True
    assert "set up by the demo" in _notice(client.get("/sign-in/"))
    settings.DEMO_ACCOUNTS_ALLOWED = False
    assert _notice(client.get("/sign-in/")) == ""


def test_a_huge_findings_report_is_offered_as_csv_only(signed_in, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A workbook is built in memory, so past the limit the findings page offers the CSV only."""
    from lineofsight.web.returns_data import views

    upload = _demo_publication("rule_id,severity\n1234Q,query\n1235Q,query\n")
    upload.queries = 2
    upload.save()
    monkeypatch.setattr(views, "XLSX_MAX_FINDINGS", 1)
    client = signed_in("analyst")
    page = BeautifulSoup(client.get(f"/data/uploads/{upload.pk}/").content, "html.parser")
    assert page.find("a", string="Findings as Excel (.xlsx)") is None
    assert "not offered for more than 1 findings" in page.get_text(" ")
    assert client.get(f"/data/uploads/{upload.pk}/findings.xlsx").status_code == 404
