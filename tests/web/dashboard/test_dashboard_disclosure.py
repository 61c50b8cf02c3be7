"""Own figures on leadership pages follow docs/disclosure.md, for every own indicator.

Why: a count of 3 unaccompanied asylum-seeking children was shown exactly on a leader's overview.
Here every own indicator is published resting on 3 children (or 3 staff) and the pages are read
as a leader and as an analyst would read them.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from lineofsight.indicators.own.registry import DEFINITIONS

pytestmark = pytest.mark.django_db
RUTLAND = "E06000017"
SRC = Path(__file__).resolve().parents[3] / "src" / "lineofsight"


def _publish_all_small() -> None:
    from lineofsight.web.returns_data.models import IndicatorValue, Publication, Upload

    upload = Upload.objects.create(
        la_code=RUTLAND, kind="ssda903, cin, workforce", status="published"
    )
    pub = Publication.objects.create(la_code=RUTLAND, version=1, upload=upload, is_current=True)
    for d in DEFINITIONS:
        pct = d.kind == "pct"
        IndicatorValue.objects.create(
            publication=pub,
            indicator_id=d.id,
            period_start=dt.date(2024, 11, 1),
            period_end=dt.date(2025, 10, 31),
            value=7.5 if pct else (0.6 if d.kind == "rate" else 3.0),
            state="value",
            numerator=3.0,
            denominator=40.0 if pct else None,
        )


def test_every_own_figure_about_children_is_c_beyond_analysts() -> None:
    from lineofsight.values import State
    from lineofsight.web.dashboard.own import own_values

    _publish_all_small()
    shown, exact = own_values(RUTLAND), own_values(RUTLAND, exact=True)
    for d in DEFINITIONS:
        assert exact[d.id].value.state is State.VALUE, d.id
        if d.family == "workforce":
            assert shown[d.id].value.number == exact[d.id].value.number, d.id
        else:
            assert shown[d.id].value.state is State.SUPPRESSED, d.id
            assert shown[d.id].value.number is None, d.id


def test_a_leaders_overview_shows_c_never_the_small_number(make_user: Any, client: Any) -> None:
    _publish_all_small()
    client.force_login(make_user("leader", la_code=RUTLAND))
    page = BeautifulSoup(client.get("/overview/").content, "html.parser")
    own = {
        s.find_parent("tr"): s.get_text(" ", strip=True) for s in page.select('[data-role="own"]')
    }
    assert own, "the overview shows own figures"
    child_lines = [t for t in own.values() if "suppressed" in t]
    assert child_lines, "figures about children are shown as suppressed"
    for text in child_lines:
        assert not re.search(r"\b(3|7\.5|0\.6)\b", text.split(":", 1)[1]), text
    uasc = [t for row, t in own.items() if row is not None and "naccompanied" in row.get_text()]
    assert all("suppressed" in t for t in uasc)


def test_only_the_data_pages_and_the_one_hook_read_stored_own_figures() -> None:
    """Every own figure outside the analysts' Data pages comes through a reader that applies the
    policy; a module reading ``IndicatorValue`` directly would bypass it. The two readers:
    ``own_values`` for a council's own pages, and the regional store, whose rows go only to
    ``benchmark.regional.regional_table``, which suppresses every figure (tested in
    tests/web/regions: a member's 3 unaccompanied children are shown as suppressed)."""
    allowed = {SRC / "web" / "dashboard" / "own.py", SRC / "web" / "regions" / "store.py"}
    readers = {
        p
        for p in SRC.rglob("*.py")
        if "IndicatorValue" in p.read_text(encoding="utf-8")
        and "returns_data" not in p.relative_to(SRC).parts
    }
    assert readers <= allowed, sorted(str(p.relative_to(SRC)) for p in readers - allowed)


def test_key_question_evidence_is_c_for_leaders_and_exact_for_analysts(
    make_user: Any, client: Any
) -> None:
    """kq_lead_member_04 links children-looked-after, protection-plan and assessment figures."""
    _publish_all_small()
    url = "/key-questions/kq_lead_member_04/"
    seen = {}
    for role in ("leader", "analyst"):
        client.force_login(make_user(role, la_code=RUTLAND))
        page = BeautifulSoup(client.get(url).content, "html.parser")
        rows = page.select("#evidence-figures tbody tr")
        seen[role] = {r["data-indicator"]: r.find_all("td")[-1].get_text(strip=True) for r in rows}
    assert {"cla_rate_per_10k", "cpp_rate_per_10k", "assessments_45wd_pct"} <= set(seen["leader"])
    own = {i: t for i, t in seen["leader"].items() if t != "None"}  # some have no own figure
    assert {"cla_rate_per_10k", "cpp_rate_per_10k", "assessments_45wd_pct"} <= set(own)
    for text in own.values():
        assert "suppressed" in text and not re.search(r"\b(3|7\.5|0\.6)\b", text), text
    assert all("suppressed" not in t for t in seen["analyst"].values())
