"""The governance rules that need no database: overdue actions, review due, statutory roles signals."""

from __future__ import annotations

import datetime as dt

from lineofsight.assurance.records import (
    Action,
    Answer,
    GovernanceRecord,
    RoleHolder,
    role_signals,
    tenure_sentence,
)

AS_AT = dt.date(2026, 12, 1)


def test_overdue_actions_are_open_past_due_longest_first() -> None:
    actions = (
        Action(
            "Recruit permanent team managers",
            "DCS",
            "Improvement board",
            dt.date(2026, 11, 30),
            "open",
        ),
        Action("Report to full council", "Leader", "Quartet", dt.date(2026, 6, 1), "in_progress"),
        Action("Closed late", "CE", "Quartet", dt.date(2026, 1, 1), "done"),
        Action("Due today", "CE", "Quartet", AS_AT, "open"),
        Action("No date", "CE", "Quartet", None, "open"),
    )
    record = GovernanceRecord("E06000021", AS_AT, actions=actions)
    late = record.overdue_actions()
    assert [a.title for a in late] == ["Report to full council", "Recruit permanent team managers"]
    assert late[0].days_overdue(AS_AT) == 183
    assert actions[3].days_overdue(AS_AT) == 0


def test_answer_needs_review_when_unrated_or_past_its_review_date() -> None:
    assert Answer("kq", None).needs_review(AS_AT)
    assert Answer("kq", "strong", review_date=dt.date(2026, 11, 1)).needs_review(AS_AT)
    assert not Answer("kq", "weak", review_date=dt.date(2027, 1, 1)).needs_review(AS_AT)


def test_role_signals_vacant_interim_recent_and_missing_test_of_assurance() -> None:
    holders = (
        RoleHolder(
            "dcs",
            "A Smith",
            dt.date(2026, 6, 1),
            interim=True,
            additional_responsibilities="adult social care",
        ),
        RoleHolder("lmcs", ""),
        RoleHolder("leader", "B Jones", dt.date(2019, 5, 20)),
    )
    sentences = [s.sentence for s in role_signals(holders, AS_AT)]
    assert "A Smith is interim director of children's services (DCS)." in sentences
    assert any("less than a year ago" in s and "1 June 2026" in s for s in sentences)
    assert any("test of assurance" in s and "adult social care" in s for s in sentences)
    assert "The post of lead member for children's services (LMCS) is vacant." in sentences
    assert "No one is recorded as chief executive." in sentences
    assert not any("B Jones" in s for s in sentences)


def test_recorded_test_of_assurance_clears_the_signal() -> None:
    dcs = RoleHolder(
        "dcs",
        "A Smith",
        dt.date(2020, 1, 1),
        additional_responsibilities="adults",
        assurance_test_date=dt.date(2020, 3, 1),
    )
    assert role_signals((dcs,), AS_AT)[0].post != "dcs"


def test_dcs_tenure_is_set_against_the_national_picture() -> None:
    short = tenure_sentence(RoleHolder("dcs", "A", dt.date(2025, 6, 1)), AS_AT)
    assert short.startswith("1.5 years in post") and "30%" in short and "three years" in short
    long = tenure_sentence(RoleHolder("dcs", "A", dt.date(2020, 6, 1)), AS_AT)
    assert long.startswith("6.5 years in post, longer")
    assert tenure_sentence(RoleHolder("dcs", ""), AS_AT).startswith("Tenure is not known")
