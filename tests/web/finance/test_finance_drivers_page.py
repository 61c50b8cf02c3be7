"""'What drives cost' on the Finance page and in the packs' Money section, read as rendered: the kept
placement mix priced with the published unit costs, small numbers as c, demo figures labelled."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from lineofsight.finance.drivers import cost_drivers, unit_costs
from lineofsight.finance.published import latest_weekly_unit_cost
from lineofsight.wording import money

pytestmark = pytest.mark.django_db
STOKE = "E06000021"


def _mix() -> pd.DataFrame:
    """40 children in in-house fostering all year, 20 in agency fostering, 8 in residential care
    and 3 in supported accommodation, each the whole year to 31 March 2025 (365 days)."""
    rows = [("U4", "PR1")] * 40 + [("U6", "PR4")] * 20 + [("K2", "PR4")] * 8 + [("H5", "PR5")] * 3
    return pd.DataFrame(
        {
            "CHILD": [f"C{i}" for i in range(len(rows))],
            "DECOM": pd.Timestamp(2024, 1, 1),
            "DEC": pd.NaT,
            "PLACE": pd.array([r[0] for r in rows], dtype="string"),
            "PLACE_PROVIDER": pd.array([r[1] for r in rows], dtype="string"),
            "YEAR": 2025,
        }
    )


def _keep(synthetic: bool):  # type: ignore[no-untyped-def]
    from lineofsight.web.finance.store import save_mix

    d = cost_drivers({"episodes": _mix()}, unit_costs(STOKE))
    return save_mix(STOKE, d, "903 returns, the year to 31 March 2025", synthetic=synthetic)


def _section(client) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    page = BeautifulSoup(client.get("/finance/").content, "html.parser")
    found = page.select_one("#drivers-section")
    assert found is not None
    return found


def test_finance_page_says_when_no_mix_is_kept(signed_in) -> None:  # type: ignore[no-untyped-def]
    assert _section(signed_in("director")).select_one("[data-role=no-drivers]") is not None


def test_finance_page_shows_the_mix_its_cost_and_suppresses_small_numbers(signed_in) -> None:  # type: ignore[no-untyped-def]
    _keep(synthetic=False)
    section = _section(signed_in("director"))
    rows = {
        tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.select("td")]
        for tr in section.select("#drivers-table tbody tr")
    }
    fostering = latest_weekly_unit_cost(STOKE, "fostering")
    residential = latest_weekly_unit_cost(STOKE, "residential")
    assert fostering is not None and residential is not None
    assert rows["In-house fostering"] == [
        "40",
        f"{40 * 365:,}",
        money(fostering[1]),
        money(40 * 365 * fostering[1] / 7),
    ]
    assert rows["Independent or agency fostering"][:2] == ["20", f"{20 * 365:,}"]
    # 3 children in supported accommodation are c, and so is the next smallest (residential, 8)
    assert rows["Supported accommodation and independent living"][:2] == ["c", "c"]
    assert rows["Supported accommodation and independent living"][3] == "c"
    assert rows["Residential (children's homes, secure, schools, health)"][:2] == ["c", "c"]
    assert rows["All placements"][:2] == ["71", f"{71 * 365:,}"]
    sentence = section.select_one("[data-role=drivers-sentence]").get_text(" ", strip=True)
    assert sentence.startswith(
        "The highest-cost placement types in the year to 31 March 2025 were in-house fostering "
        f"({money(40 * 365 * fostering[1] / 7)}) and independent or agency fostering"
    )
    assert "rests on 1 to 5 children" in section.get_text(" ")
    assert section.select_one("[data-role=drivers-demo]") is None


def test_demo_mix_is_labelled_on_the_page_and_in_the_pack(signed_in) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.packs.catalogue import build_pack
    from lineofsight.packs.render import render_html
    from lineofsight.web.governance.record import governance_record

    _keep(synthetic=True)
    section = _section(signed_in("director"))
    assert "Synthetic 903 returns made for the demo" in section.select_one(
        "[data-role=drivers]"
    ).get_text(" ", strip=True)
    as_at = dt.date(2026, 4, 1)
    record = governance_record(STOKE, as_at)
    html = render_html(build_pack("quartet", STOKE, record=record, as_at=as_at))
    money_section = BeautifulSoup(html, "html.parser").find(id="money")
    text = money_section.get_text(" ", strip=True)
    assert "Synthetic 903 returns made for the demo, not the council's real children" in text
    assert "What drives cost: The highest-cost placement types in the year to 31 March 2025" in text
    table = next(t for t in money_section.find_all("table") if "Placements by type" in t.get_text())
    cells = [
        [c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in table.find_all("tr")
    ]
    assert ["In-house fostering", "40", f"{40 * 365:,}"] == cells[1][:3]
    assert any(
        r[0] == "Supported accommodation and independent living" and r[1] == "c" for r in cells
    )


def test_demo_loader_keeps_counts_once_and_no_files(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tempfile

    from lineofsight.web.demo_data import _LOADERS
    from lineofsight.web.finance.models import PlacementMix
    from lineofsight.web.finance.store import current_mix, load_demo_mix

    assert load_demo_mix in _LOADERS
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert "kept as counts" in load_demo_mix(STOKE)
    assert list(tmp_path.iterdir()) == []
    assert "already has one" in load_demo_mix(STOKE)
    row = PlacementMix.objects.get()
    assert row.synthetic
    found = current_mix(STOKE)
    assert found is not None and found[1].children > 100 and found[1].cost > 0


def test_a_demo_mix_is_named_in_the_page_notice(signed_in) -> None:  # type: ignore[no-untyped-def]
    _keep(synthetic=True)
    page = BeautifulSoup(signed_in("director").get("/finance/").content, "html.parser")
    notice = page.select_one("main [data-role=demo-notice]")
    assert notice is not None and "placement mix and its cost" in notice.get_text(" ")


def test_the_overview_money_block_names_the_highest_cost_types(signed_in) -> None:  # type: ignore[no-untyped-def]
    _keep(synthetic=True)
    page = BeautifulSoup(signed_in("director").get("/overview/").content, "html.parser")
    line = page.select_one("#money [data-role=money-drivers]")
    assert line is not None
    text = line.get_text(" ", strip=True)
    assert text.startswith("Demo The highest-cost placement types in the year to 31 March 2025")
    assert "Synthetic 903 returns made for the demo" in text
    assert line.select_one("a[href='/finance/#drivers']") is not None
