"""Source dates: the Ofsted data's 'as at' date comes from its title, and a release is flagged only
once it is more than the grace period past when the next one was due."""

from __future__ import annotations

from datetime import date, timedelta

from lineofsight.published.freshness import GRACE_DAYS, _as_at, ofsted_as_at, source_dates


def test_as_at_date_is_read_from_the_publication_title() -> None:
    assert _as_at("Local authority inspection outcomes as at 31 March 2025") == date(2025, 3, 31)
    assert _as_at("Local authority inspection outcomes, 2025") is None
    assert _as_at("as at 31 Smarch 2025") is None
    assert ofsted_as_at() == "2025-03-31"


def test_each_family_has_its_latest_official_release_and_a_due_date() -> None:
    found = {s.family: s for s in source_dates()}
    assert set(found) == {"ofsted", "cla", "cin", "workforce", "population"}
    ofsted = found["ofsted"]
    assert ofsted.release == date(2025, 9, 25)
    assert not ofsted.overdue(ofsted.expected + timedelta(days=GRACE_DAYS))
    assert ofsted.overdue(ofsted.expected + timedelta(days=GRACE_DAYS + 1))
    assert found["population"].publication.startswith("Mid-year population estimates")
