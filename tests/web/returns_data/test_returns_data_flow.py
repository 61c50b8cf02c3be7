"""Upload → findings → publish → overview, through the Django test client.

Why: this is the Data pages' contract with analysts and leaders: good returns become the council's
current figures on the overview; bad or unusable files never replace the last good publication;
findings (which name child ids) are for analysts only; and every step is in the audit log.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from returns_data_support import RUTLAND

from xlsx_support import compare_with_csv

pytestmark = pytest.mark.django_db


def _files(*paths: Path) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(p.name, p.read_bytes()) for p in paths]


def _upload(client: Any, *paths: Path) -> Any:
    return client.post(reverse("data:index"), {"files": _files(*paths)})


def _soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def _analyst(signed_in: Any) -> Any:
    return signed_in("analyst", la_code=RUTLAND)


def _publish_workforce(client: Any, synthetic: Path) -> Any:
    from lineofsight.web.returns_data.models import Upload

    response = _upload(client, synthetic / "workforce" / "csww_2025.xml")
    assert response.status_code == 302
    upload = Upload.objects.get()
    assert client.post(reverse("data:publish", kwargs={"pk": upload.pk})).status_code == 302
    return upload


def test_good_returns_upload_publish_and_show_on_the_overview(
    signed_in: Any, client: Any, synthetic: Path, make_user: Any
) -> None:
    from lineofsight.indicators.commands import read_tables
    from lineofsight.indicators.engine import compute
    from lineofsight.web.audit.models import Action, AuditEvent
    from lineofsight.web.dashboard.own import own_values
    from lineofsight.web.returns_data.models import Publication, Upload

    analyst = _analyst(signed_in)
    files = sorted((synthetic / "ssda903" / "2025").glob("*.csv"))
    files += [synthetic / "workforce" / "csww_2025.xml"]
    response = _upload(analyst, *files)
    upload = Upload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("data:findings", kwargs={"pk": upload.pk})
    assert upload.status == "validated" and upload.errors == 0
    assert [f["name"] for f in upload.files] == [p.name for p in files]
    assert all(len(f["sha256"]) == 64 and f["size"] > 0 for f in upload.files)

    page = _soup(analyst.get(response["Location"]))
    assert page.h1.get_text(strip=True) == "Validation findings"
    assert "These findings name child ids" in page.get_text()
    read = {r.find_all("td")[0].get_text(): r.find_all("td")[2].get_text() for r in page.select(
        "table")[0].select("tbody tr")}  # fmt: skip
    assert read == {
        "SSDA903 (children looked after)": f"{upload.returns[0]['rows_read']:,}",
        "Children's social work workforce census": f"{upload.returns[1]['rows_read']:,}",
    }
    form = page.find("form", action=reverse("data:publish", kwargs={"pk": upload.pk}))
    assert form is not None

    # The single-file tables are dated from their contents, which the checks raise as queries.
    ack = {"acknowledge": "yes"} if upload.queries else {}
    published = analyst.post(reverse("data:publish", kwargs={"pk": upload.pk}), ack)
    assert published.status_code == 302 and published["Location"] == reverse("data:history")
    publication = Publication.objects.get()
    assert publication.is_current and publication.version == 1
    history = _soup(analyst.get(reverse("data:history")))
    assert history.select_one("tbody tr").get_text(" ", strip=True).startswith("1 ")
    assert "Current" in history.select_one("tbody tr").get_text()

    # The stored figures are the engine's over the same files, for the latest year.
    expected = compute(read_tables(files), la=RUTLAND).sort_values("period_end")
    latest = expected.groupby("indicator_id").tail(1).set_index("indicator_id")
    exact = own_values(RUTLAND, exact=True)
    assert exact["cla_count"].value.number == latest.loc["cla_count", "value"] > 0
    assert exact["cla_count"].period == "year to 31 March 2025"
    assert exact["sw_fte"].value.number == pytest.approx(latest.loc["sw_fte", "value"])
    assert exact["sw_fte"].period == "year to 30 September 2025"

    director = make_user("director", la_code=RUTLAND)
    client.force_login(director)
    overview = _soup(client.get(reverse("overview:index")))
    own = [s.get_text(" ", strip=True) for s in overview.select('[data-role="own"]')]
    cla = f"{int(latest.loc['cla_count', 'value']):,}"
    assert any(t.startswith("Own returns, at 31 March 2025:") and cla in t for t in own)
    # each own figure says which returns it rests on (issue 21)
    assert exact["cla_count"].returns == "from the 2024-25 return"
    used = {s.get_text(" ", strip=True) for s in overview.select('[data-role="own-returns"]')}
    assert "Own figure from the 2024-25 return." in used

    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert Action.UPLOAD in actions and Action.PUBLICATION in actions


def test_rejected_upload_never_replaces_the_current_publication(
    signed_in: Any, synthetic: Path, bad_episodes: Path
) -> None:
    from lineofsight.web.returns_data.models import IndicatorValue, Publication, Upload

    analyst = _analyst(signed_in)
    good = _publish_workforce(analyst, synthetic)
    values_before = IndicatorValue.objects.count()
    assert values_before > 0

    response = _upload(analyst, bad_episodes)
    bad = Upload.objects.exclude(pk=good.pk).get()
    assert response.status_code == 302
    assert bad.status == "rejected" and bad.errors == 1
    page = _soup(analyst.get(reverse("data:findings", kwargs={"pk": bad.pk})))
    errors = page.find("caption", string="Errors by rule").find_parent("table")
    assert errors.select_one("tbody tr").get_text(" ", strip=True).startswith("141 1 DECOM")
    assert page.find("form", action=reverse("data:publish", kwargs={"pk": bad.pk})) is None

    refused = analyst.post(reverse("data:publish", kwargs={"pk": bad.pk}), {"acknowledge": "yes"})
    assert refused.status_code == 400
    assert "has 1 errors" in _soup(refused).select_one(".govuk-error-summary").get_text()
    current = Publication.objects.get(is_current=True)
    assert current.upload_id == good.pk and Publication.objects.count() == 1
    assert IndicatorValue.objects.count() == values_before


def test_unusable_file_is_one_sentence_naming_it(signed_in: Any, synthetic: Path) -> None:
    from lineofsight.web.audit.models import Action, AuditEvent
    from lineofsight.web.returns_data.models import Publication, Upload

    analyst = _analyst(signed_in)
    _publish_workforce(analyst, synthetic)
    binary = SimpleUploadedFile("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00binary")
    response = analyst.post(reverse("data:index"), {"files": [binary]})
    assert response.status_code == 400
    summary = _soup(response).select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "photo.csv is a binary file, not a CSV or XML return." in summary
    wrong_type = SimpleUploadedFile("notes.txt", b"hello")
    response = analyst.post(reverse("data:index"), {"files": [wrong_type]})
    assert "notes.txt must be a .csv or .xml return file." in response.content.decode()
    none = analyst.post(reverse("data:index"), {})
    assert "Select at least one return file" in none.content.decode()
    assert Upload.objects.count() == 1 and Publication.objects.get().is_current
    unusable = AuditEvent.objects.filter(action=Action.UPLOAD, details__status="unusable")
    assert unusable.count() == 3


def test_queries_need_an_explicit_acknowledgement(signed_in: Any, synthetic: Path) -> None:
    from lineofsight.web.returns_data.models import Publication, Upload

    analyst = _analyst(signed_in)
    _upload(analyst, synthetic / "cin" / "cin_census_2025.xml")
    upload = Upload.objects.get()
    assert upload.errors == 0 and upload.queries >= 1
    page = _soup(analyst.get(reverse("data:findings", kwargs={"pk": upload.pk})))
    assert page.find("input", attrs={"name": "acknowledge", "value": "yes"}) is not None
    url = reverse("data:publish", kwargs={"pk": upload.pk})
    refused = analyst.post(url)
    assert refused.status_code == 400
    assert "confirm you have reviewed them" in refused.content.decode()
    assert not Publication.objects.exists()
    assert analyst.post(url, {"acknowledge": "yes"}).status_code == 302
    assert Publication.objects.get().queries_acknowledged


def test_reports_carry_child_ids_for_analysts_and_are_audited(
    signed_in: Any, bad_episodes: Path
) -> None:
    from lineofsight.web.audit.models import Action, AuditEvent
    from lineofsight.web.returns_data.models import Upload

    analyst = _analyst(signed_in)
    _upload(analyst, bad_episodes)
    upload = Upload.objects.get()
    bad_child = next(
        r["CHILD"] for r in csv.DictReader(bad_episodes.open()) if r["DECOM"] == "31/02/2025"
    )
    got = {}
    for fmt in ("csv", "json", "html"):
        response = analyst.get(reverse("data:report", kwargs={"pk": upload.pk, "fmt": fmt}))
        assert response.status_code == 200
        assert response["Content-Disposition"] == (
            f'attachment; filename="findings-upload-{upload.pk}.{fmt}"'
        )
        body = b"".join(response.streaming_content) if response.streaming else response.content
        got[fmt] = body.decode()
    assert Upload.objects.get().report_csv == ""  # the full list is a file, not a database row
    rows = list(csv.DictReader(io.StringIO(got["csv"])))
    assert {"rule_id": "141", "child_id": bad_child} in [
        {"rule_id": r["rule_id"], "child_id": r["child_id"]} for r in rows
    ]
    assert json.loads(got["json"])["returns"][0]["errors"] == 1
    assert bad_child in got["html"]
    exports = AuditEvent.objects.filter(action=Action.EXPORT, object_id=str(upload.pk))
    # The same findings as an Excel workbook: row numbers as numbers, child ids as their text.
    xlsx = analyst.get(reverse("data:report", kwargs={"pk": upload.pk, "fmt": "xlsx"}))
    assert xlsx.status_code == 200
    assert xlsx["Content-Disposition"] == f'attachment; filename="findings-upload-{upload.pk}.xlsx"'
    problems, numbers, _ = compare_with_csv(got["csv"], xlsx.content)
    assert problems == [] and numbers >= 1
    exports = AuditEvent.objects.filter(action=Action.EXPORT, object_id=str(upload.pk))
    assert sorted(e.details["report"] for e in exports) == [
        "findings.csv",
        "findings.html",
        "findings.json",
        "findings.xlsx",
    ]
    missing = analyst.get(reverse("data:report", kwargs={"pk": upload.pk, "fmt": "pdf"}))
    assert missing.status_code == 404


@pytest.mark.parametrize("role", ["leader", "director", "scrutiny", "corporate_parenting"])
def test_leaders_get_403_on_every_data_page(
    role: str, signed_in: Any, client: Any, make_user: Any, bad_episodes: Path
) -> None:
    from lineofsight.web.returns_data.models import Upload

    _upload(_analyst(signed_in), bad_episodes)
    pk = Upload.objects.get().pk
    leader = make_user(role, la_code=RUTLAND, email=f"{role}@example.org")
    client.force_login(leader)
    for name, kwargs in [
        ("data:index", {}),
        ("data:history", {}),
        ("data:findings", {"pk": pk}),
        ("data:report", {"pk": pk, "fmt": "csv"}),
    ]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 403, name
    assert client.post(reverse("data:publish", kwargs={"pk": pk})).status_code == 403


def test_another_councils_analyst_cannot_open_an_upload(
    signed_in: Any, client: Any, make_user: Any, bad_episodes: Path
) -> None:
    from lineofsight.web.returns_data.models import Upload

    _upload(_analyst(signed_in), bad_episodes)
    pk = Upload.objects.get().pk
    client.force_login(make_user("analyst", email="analyst.stoke@example.org"))  # Stoke-on-Trent
    assert client.get(reverse("data:findings", kwargs={"pk": pk})).status_code == 403
    assert client.get(reverse("data:report", kwargs={"pk": pk, "fmt": "csv"})).status_code == 403


def test_a_new_publication_replaces_the_figures_kept_in_memory(
    signed_in: Any, synthetic: Path
) -> None:
    """Own figures are kept per publication; publishing again must show the new ones at once."""
    from lineofsight.web.dashboard.own import own_values
    from lineofsight.web.returns_data.models import Upload

    analyst = _analyst(signed_in)
    _publish_workforce(analyst, synthetic)
    first = own_values(RUTLAND, exact=True)
    assert "sw_fte" in first and "cla_count" not in first
    files = sorted((synthetic / "ssda903" / "2025").glob("*.csv"))
    assert _upload(analyst, *files).status_code == 302
    upload = Upload.objects.latest("pk")
    ack = {"acknowledge": "yes"} if upload.queries else {}
    assert analyst.post(reverse("data:publish", kwargs={"pk": upload.pk}), ack).status_code == 302
    second = own_values(RUTLAND, exact=True)
    assert "cla_count" in second and "sw_fte" in second  # a publication is per return
