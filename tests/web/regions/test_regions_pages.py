"""Regional pages (docs/regions.md): who sees which council's figures, and withdrawal.

Why: a region pools councils' own figures under an agreement. A regional analyst reaches the
region's shared figures and nothing child-level; a member council never reaches a non-member's
figures, nor another member's unless the agreement allows; withdrawing consent removes a council's
figures at once and is audited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from web_support import OTHER_LA, STOKE

pytestmark = pytest.mark.django_db

NOTTINGHAM = "E06000018"
LEEDS = "E08000035"
BARKING = "E09000002"  # not a member
CHILD_ID = "CHILDID98765"  # in a member's findings report, which no regional page may show
FIGURES = {STOKE: 101.0, OTHER_LA: 77.0, NOTTINGHAM: 93.0, LEEDS: 88.0, BARKING: 55.0}


def _publish(la_code: str, rate: float, *, small: bool = False) -> None:
    from lineofsight.web.returns_data.models import IndicatorValue, Publication, Upload

    upload = Upload.objects.create(
        la_code=la_code,
        kind="ssda903",
        status="published",
        report_csv=f"rule_id,child_id\n101,{CHILD_ID}\n",
    )
    pub = Publication.objects.create(la_code=la_code, version=1, upload=upload, is_current=True)
    for start, end, value in (
        (dt.date(2024, 4, 1), dt.date(2025, 3, 31), rate - 10),
        (dt.date(2024, 11, 1), dt.date(2025, 10, 31), rate),
    ):
        IndicatorValue.objects.create(
            publication=pub, indicator_id="cla_rate_per_10k", period_start=start,
            period_end=end, value=value, state="value", numerator=400.0, denominator=None,
        )  # fmt: skip
    IndicatorValue.objects.create(
        publication=pub, indicator_id="uasc_count", period_start=dt.date(2024, 11, 1),
        period_end=dt.date(2025, 10, 31), value=3.0 if small else 30.0, state="value",
        numerator=3.0 if small else 30.0, denominator=None,
    )  # fmt: skip


@pytest.fixture
def region(make_user) -> Any:  # type: ignore[no-untyped-def]
    from lineofsight.web.regions.store import add_region

    for code, rate in FIGURES.items():
        _publish(code, rate, small=code == NOTTINGHAM)
    return add_region(
        "test-alliance",
        "Test Alliance (synthetic)",
        [STOKE, OTHER_LA, NOTTINGHAM, LEEDS],
        signed_on=dt.date(2026, 4, 1),
        signatories=["A. Director, DCS, Stoke-on-Trent", "B. Director, DCS, Coventry"],
    )


def _staff(make_user, client, role: str, region: Any) -> Any:  # type: ignore[no-untyped-def]
    user = make_user(role, email=f"{role}@alliance.example")
    region.staff.add(user)
    client.force_login(user)
    return client


def _soup(response: Any) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def _row(page: BeautifulSoup, indicator: str) -> list[str]:
    row = page.select_one(f"[data-indicator={indicator}]")
    assert row is not None
    return [s.get_text(strip=True) for s in row.select("[data-role=own]")]


def test_regional_analyst_sees_every_sharing_member_and_nothing_child_level(
    region, make_user, client
) -> None:  # type: ignore[no-untyped-def]
    browser = _staff(make_user, client, "regional_analyst", region)
    response = browser.get("/regions/test-alliance/")
    page = _soup(response)
    heads = [th["data-council"] for th in page.select("th[data-council]")]
    assert heads == [LEEDS, NOTTINGHAM, STOKE, OTHER_LA] or set(heads) == {
        STOKE, OTHER_LA, NOTTINGHAM, LEEDS,
    }  # fmt: skip
    assert BARKING not in heads and "Barking" not in page.get_text()
    # the latest period, not the year to March; the median of 101, 77, 93, 88 is 90.5 -> "91"
    assert sorted(_row(page, "cla_rate_per_10k")) == ["101", "77", "88", "93"]
    assert page.select_one("[data-indicator=cla_rate_per_10k] [data-role=median]").get_text(
        strip=True
    ) in {"90", "91"}
    # Nottingham's 3 unaccompanied children are suppressed, and kept out of the median
    uasc = dict(zip(heads, _row(page, "uasc_count"), strict=True))
    assert uasc[NOTTINGHAM] == "suppressed (small number)" and uasc[STOKE] == "30"
    assert "31 October 2025" in page.select_one("[data-role=members]").get_text()
    assert CHILD_ID.encode() not in response.content
    # nothing child-level: no Data page, upload or findings report opens for a regional role
    for url in ("/data/", "/data/publications/", "/data/uploads/1/", "/overview/"):
        assert browser.get(url).status_code == 403


def test_a_non_member_council_is_never_reached(region, make_user, client) -> None:  # type: ignore[no-untyped-def]
    browser = _staff(make_user, client, "regional_analyst", region)
    assert browser.get(f"/regions/test-alliance/councils/{BARKING}/").status_code == 404
    member = _soup(browser.get(f"/regions/test-alliance/councils/{OTHER_LA}/"))
    assert _row(member, "cla_rate_per_10k") == ["77"]
    # a regional member at a council outside the region sees nothing of it
    outsider = make_user("regional_member", la_code=BARKING, email="member@barking.example")
    client.force_login(outsider)
    assert client.get("/regions/test-alliance/").status_code == 403
    assert client.get(f"/regions/test-alliance/councils/{STOKE}/").status_code == 403
    assert "Test Alliance" not in client.get("/regions/").content.decode()


def test_a_member_sees_others_only_where_the_agreement_allows(region, make_user, client) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.web.regions.models import Agreement

    user = make_user("regional_member", la_code=STOKE)
    client.force_login(user)
    page = _soup(client.get("/regions/test-alliance/"))
    assert [th["data-council"] for th in page.select("th[data-council]")] == [STOKE]
    assert page.select_one("[data-role=hidden]") is not None
    # the median still uses every sharing member's figure shown
    assert page.select_one("[data-indicator=cla_rate_per_10k] [data-role=median]").get_text(
        strip=True
    ) in {"90", "91"}
    assert client.get(f"/regions/test-alliance/councils/{OTHER_LA}/").status_code == 403
    assert client.get(f"/regions/test-alliance/councils/{BARKING}/").status_code == 404
    Agreement.objects.create(
        region=region, signed_on=dt.date(2026, 9, 1), signatories=["All DCSs"],
        members_see_named=True,
    )  # fmt: skip
    page = _soup(client.get("/regions/test-alliance/"))
    assert len(page.select("th[data-council]")) == 4
    assert client.get(f"/regions/test-alliance/councils/{OTHER_LA}/").status_code == 200


def test_withdrawing_consent_removes_figures_and_is_audited(region, make_user, client) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.web.audit.models import AuditEvent

    lead = _staff(make_user, client, "regional_lead", region)
    before = _soup(lead.get("/regions/test-alliance/"))
    assert "77" in _row(before, "cla_rate_per_10k")
    response = lead.post(
        f"/regions/test-alliance/councils/{OTHER_LA}/sharing/",
        {"sharing": "withdrawn", "reason": "Cabinet decision 12/2026"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(object_type="region_member").latest("id")
    assert event.la_code == OTHER_LA and event.email == "regional_lead@alliance.example"
    assert event.details["sharing"] == "withdrawn" and event.details["previous"] == "aggregates"
    after = _soup(lead.get("/regions/test-alliance/"))
    assert OTHER_LA not in [th["data-council"] for th in after.select("th[data-council]")]
    assert "77" not in _row(after, "cla_rate_per_10k")
    assert "Coventry" in after.select_one("[data-role=withdrawn]").get_text()
    # three members' figures remain: 101, 93, 88 -> median 93
    assert (
        after.select_one("[data-indicator=cla_rate_per_10k] [data-role=median]").get_text(
            strip=True
        )
        == "93"
    )
    assert lead.get(f"/regions/test-alliance/councils/{OTHER_LA}/").status_code == 404


def test_a_director_records_only_their_own_councils_choice(region, make_user, client) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.web.regions.models import Member

    director = make_user("director", la_code=OTHER_LA)
    client.force_login(director)
    listing = _soup(client.get("/regions/"))
    assert listing.select_one(f"[data-member={OTHER_LA}] a") is not None
    assert listing.select_one(f"[data-member={STOKE}] a") is None
    url = f"/regions/test-alliance/councils/{STOKE}/sharing/"
    assert client.post(url, {"sharing": "withdrawn"}).status_code == 403
    own = f"/regions/test-alliance/councils/{OTHER_LA}/sharing/"
    assert client.post(own, {"sharing": "nonsense"}).status_code == 400
    assert client.post(own, {"sharing": "extract"}).status_code == 302
    assert Member.objects.get(la_code=OTHER_LA).sharing == "extract"
    assert Member.objects.get(la_code=STOKE).sharing == "aggregates"
    assert client.get("/regions/test-alliance/").status_code == 403  # the page is regional


def test_a_lead_of_another_region_cannot_change_this_one(region, make_user, client) -> None:  # type: ignore[no-untyped-def]
    lead = make_user("regional_lead", email="lead@elsewhere.example")
    client.force_login(lead)
    url = f"/regions/test-alliance/councils/{STOKE}/sharing/"
    assert client.post(url, {"sharing": "withdrawn"}).status_code == 403
    assert client.get("/regions/test-alliance/").status_code == 403


def test_the_regional_pack_shows_what_the_analyst_sees(region) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.packs.regional import build_regional
    from lineofsight.packs.render import render_html
    from lineofsight.web.regions.store import table_for

    pack = build_regional(
        table_for(region),
        region_name=region.name,
        agreement="Data-sharing agreement signed 1 April 2026.",
        sharing=[("Stoke-on-Trent", "Aggregates only")],
        as_at=dt.date(2026, 12, 6),
    )
    html = BeautifulSoup(render_html(pack), "html.parser")
    facts = html.select_one(".facts").get_text(" ", strip=True)
    assert "Region Test Alliance (synthetic)" in facts and "Council" not in facts
    text = html.get_text(" ", strip=True)
    assert "Nottingham" in text and "Barking" not in text and CHILD_ID not in text
    assert "suppressed (small number)" in text
    assert pack.filename_stem.startswith("test-alliance-synthetic-regional-pack-")


def _download(browser: Any, fmt: str) -> Any:
    response = browser.get(f"/regions/test-alliance/data.{fmt}")
    assert response.status_code == 200, response.status_code
    assert response["Content-Disposition"] == f'attachment; filename="region_test-alliance.{fmt}"'
    return response


def test_the_regional_table_downloads_as_csv_and_excel_suppressed_as_on_the_page(
    region, make_user, client
) -> None:  # type: ignore[no-untyped-def]
    """Why: analysts work in Excel; a download must hold no more than the page shows."""
    import csv
    import io

    from lineofsight.web.audit.models import AuditEvent
    from xlsx_support import compare_with_csv, read_xlsx

    browser = _staff(make_user, client, "regional_analyst", region)
    page = _soup(browser.get("/regions/test-alliance/"))
    links = [a["href"] for a in page.select("[data-role=downloads] a")]
    assert links == ["/regions/test-alliance/data.csv", "/regions/test-alliance/data.xlsx"]
    text = _download(browser, "csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    by = {(r["indicator_id"], r["area_code"]): r for r in rows}
    assert {r["area_code"] for r in rows} == {STOKE, OTHER_LA, NOTTINGHAM, LEEDS, ""}
    assert by[("cla_rate_per_10k", STOKE)]["value"] == "101"  # the latest period, as shown
    assert by[("cla_rate_per_10k", STOKE)]["period_end"] == "2025-10-31"
    median = by[("cla_rate_per_10k", "")]
    assert median["area"] == "Regional median of own figures" and median["value"] in {"90", "91"}
    # Nottingham's 3 children: blank with state c, as the page's "suppressed"; no count leaves
    small = by[("uasc_count", NOTTINGHAM)]
    assert (small["value"], small["state"]) == ("", "c")
    assert "numerator" not in rows[0] and "demo_content" not in rows[0]
    assert BARKING not in text and CHILD_ID not in text

    book = _download(browser, "xlsx").content
    problems, numbers, codes = compare_with_csv(text, book)
    assert problems == [] and numbers > 0 and codes > 0
    header, table = read_xlsx(book, "Regional table")
    assert header[0] == "Indicator" and header[-1] == "Regional median of own figures"
    uasc = next(r for r in table if r[0] == lookup_title("uasc_count"))
    assert uasc[header.index("Nottingham: own figure")] == "c"
    assert uasc[header.index("Stoke-on-Trent: own figure")] == 30
    events = AuditEvent.objects.filter(action="export", object_type="region")
    assert [e.details["format"] for e in events.order_by("id")] == ["csv", "xlsx"]
    assert events.first().details["councils"] == sorted([STOKE, OTHER_LA, NOTTINGHAM, LEEDS])


def test_a_members_download_holds_only_what_its_page_shows(region, make_user, client) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    client.force_login(make_user("regional_member", la_code=STOKE))
    rows = list(csv.DictReader(io.StringIO(_download(client, "csv").content.decode())))
    assert {r["area_code"] for r in rows} == {STOKE, ""}  # its own figures and the median
    assert client.get("/regions/test-alliance/data.pdf").status_code == 404
    outsider = make_user("regional_member", la_code=BARKING, email="member@barking.example")
    client.force_login(outsider)
    assert client.get("/regions/test-alliance/data.csv").status_code == 403


def lookup_title(indicator_id: str) -> str:
    from lineofsight.indicators.meta import lookup_indicator

    return lookup_indicator(indicator_id).title


def test_the_regions_staff_download_its_pack_and_a_member_cannot(region, make_user, client) -> None:  # type: ignore[no-untyped-def]
    """Why: the pack shows every sharing member's figures, which a member council's readers may
    not see by name; it is an export, so it is audited."""
    from lineofsight.web.audit.models import AuditEvent

    browser = _staff(make_user, client, "regional_analyst", region)
    page = _soup(browser.get("/regions/test-alliance/"))
    assert page.select_one("[data-role=pack]")["action"] == "/regions/test-alliance/pack/"
    response = browser.post("/regions/test-alliance/pack/", {"format": "html"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="test-alliance')
    html = BeautifulSoup(response.content, "html.parser")
    text = html.get_text(" ", strip=True)
    assert "Regional benchmarking pack" in text and "Nottingham" in text
    assert "suppressed (small number)" in text and CHILD_ID not in text and "Barking" not in text
    assert html.select_one(".demo-notice") is None  # a real region's pack says nothing of demos
    event = AuditEvent.objects.get(object_type="region_pack")
    assert event.details["format"] == "html" and event.details["region"] == "test-alliance"
    pdf = browser.post("/regions/test-alliance/pack/", {"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    client.force_login(make_user("regional_member", la_code=STOKE))
    assert _soup(client.get("/regions/test-alliance/")).select_one("[data-role=pack]") is None
    assert client.post("/regions/test-alliance/pack/", {"format": "html"}).status_code == 403
