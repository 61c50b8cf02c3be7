"""The demo's regional alliance, as its regional accounts see it.

Why: ``lineofsight demo`` signs people in as a regional analyst, lead and member; without a region
they saw "not part of a regional alliance". The demo alliance must be populated (the members'
figures, the regional median), made up and marked so everywhere it appears (the page, the
downloads, the pack), and still under disclosure control.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup
from web_support import STOKE

pytestmark = pytest.mark.django_db

SUPPRESSED = "suppressed (small number)"


def _soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def _latest(la_code: str) -> dict[str, tuple[float | None, float | None]]:
    """Each indicator's latest (value, numerator) in the council's current publication."""
    from lineofsight.web.returns_data.models import IndicatorValue

    out: dict[str, tuple[float | None, float | None]] = {}
    rows = IndicatorValue.objects.filter(publication__la_code=la_code, publication__is_current=True)
    for v in rows.order_by("indicator_id", "period_end", "period_start"):
        if v.state == "value":
            out[v.indicator_id] = (v.value, v.numerator)
        else:
            out.pop(v.indicator_id, None)
    return out


def test_the_demo_region_is_populated_labelled_and_suppressed(
    client, in_process, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.indicators.own.disclosure import about_children
    from lineofsight.reference.las import resolve
    from lineofsight.web import demo_marks
    from lineofsight.web.accounts.models import User
    from lineofsight.web.audit.models import AuditEvent
    from lineofsight.web.demo_accounts import ensure_demo_accounts
    from lineofsight.web.demo_data import _LOADERS
    from lineofsight.web.regions.demo import load_demo_region
    from lineofsight.web.regions.models import Region
    from lineofsight.web.returns_data.demo import load_synthetic_returns

    assert _LOADERS.index(load_synthetic_returns) < _LOADERS.index(load_demo_region)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ensure_demo_accounts(STOKE, "Stoke-on-Trent")
    load_synthetic_returns(STOKE)
    said = load_demo_region(STOKE)
    assert said.startswith("Region: demo alliance") and list(tmp_path.iterdir()) == []
    region = Region.objects.get()
    assert region.is_demo and "demo" in region.name
    members = [m.la_code for m in region.members.all()]
    assert len(members) == 4 and STOKE in members
    # the demo council's real region
    assert {resolve(c).region_code for c in members} == {resolve(STOKE).region_code}
    assert {m.sharing for m in region.members.all()} == {"aggregates", "extract"}
    agreement = region.agreement
    assert agreement is not None and all("Demo" in s for s in agreement.signatories)
    events = AuditEvent.objects.filter(object_type="region_member")
    assert {e.details["sharing"] for e in events} == {"aggregates", "extract"}

    # the regional analyst: every member's figures, the median, the demo label
    client.force_login(User.objects.get(email="regional-analyst@stoke-on-trent.example"))
    listing = _soup(client.get("/regions/"))
    assert region.name in listing.get_text()
    assert (
        "synthetic"
        in listing.select_one(f"[data-region={region.code}] [data-role=region-demo]").text
    )
    page = _soup(client.get(f"/regions/{region.code}/"))
    assert "demo" in page.select_one("h1").get_text()
    label = page.select_one("[data-role=region-demo]").get_text(" ", strip=True)
    assert label.startswith("Demo") and "synthetic returns, not real children" in label
    assert sorted(th["data-council"] for th in page.select("th[data-council]")) == sorted(members)
    row = page.select_one("[data-indicator=cla_rate_per_10k]")
    own = [s.get_text(strip=True) for s in row.select("[data-role=own]")]
    assert len(own) == 4 and all(x[:1].isdigit() for x in own), own
    assert row.select_one("[data-role=median]").get_text(strip=True)[:1].isdigit()
    # disclosure control: every latest figure resting on 1 to 5 children is shown suppressed
    # (workforce figures count staff, and are published unsuppressed: docs/disclosure.md)
    heads = [th["data-council"] for th in page.select("th[data-council]")]
    small = 0
    for column, code in enumerate(heads):
        for indicator, (_, numerator) in _latest(code).items():
            cells = page.select(f"[data-indicator={indicator}] [data-role=own]")
            if about_children(indicator) and numerator is not None and 0 < numerator < 6 and cells:
                small += 1
                assert cells[column].get_text(strip=True) == SUPPRESSED, (code, indicator)
    assert small > 0  # the synthetic councils do have small numbers

    # the downloads say demo: a column on every CSV row, the workbook's data sheet and About
    text = client.get(f"/regions/{region.code}/data.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and all("synthetic" in r[demo_marks.CSV_COLUMN] for r in rows)
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/regions/{region.code}/data.xlsx").content)
    )
    assert book.sheetnames[0] == "Demo data"
    assert str(book["About"]["A2"].value).startswith("DEMO:")

    pack = client.post(f"/regions/{region.code}/pack/", {"format": "html"})
    assert (
        "synthetic returns"
        in BeautifulSoup(pack.content, "html.parser").select_one(".demo-notice").get_text()
    )

    # the regional member sees its own council's figures and the median, as the agreement says
    client.force_login(User.objects.get(email="regional-member@stoke-on-trent.example"))
    member = _soup(client.get(f"/regions/{region.code}/"))
    assert [th["data-council"] for th in member.select("th[data-council]")] == [STOKE]
    assert member.select_one("[data-role=hidden]") is not None
    assert member.select_one("[data-role=region-demo]") is not None

    # the command line: `region show` says so, its CSV has the column; the pack is watermarked
    shown = in_process("region", "show", region.code)
    assert "DEMO: this regional alliance" in shown.stdout
    lines = list(csv.reader(in_process("region", "show", region.code, "--format", "csv")
                            .stdout.splitlines()))  # fmt: skip
    assert lines[0][-1] == demo_marks.CSV_COLUMN and all("synthetic" in r[-1] for r in lines[1:])
    in_process("region", "pack", region.code, "--format", "html", "--out", str(tmp_path / "p.html"))
    html = BeautifulSoup((tmp_path / "p.html").read_text(), "html.parser")
    assert "synthetic returns" in html.select_one(".demo-notice").get_text()
    assert "DEMO" in html.select_one(".running-head").get_text()
    (tmp_path / "p.html").unlink()

    # run again: reused, nothing stacked; the demo for another council of the region joins it
    assert "reused" in load_demo_region(STOKE)
    assert Region.objects.count() == 1 and region.members.count() == 4
    birmingham = "E08000025"
    assert "joined the demo alliance" in load_demo_region(birmingham)
    assert Region.objects.count() == 1 and region.members.count() == 5
    assert region.agreement.signatories[-1].endswith("Birmingham")
