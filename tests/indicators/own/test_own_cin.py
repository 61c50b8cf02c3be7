"""Children-in-need and child-protection indicators from a tiny hand-made CIN census.

Expected figures are worked out by hand in the comments: the 31 March boundary, the 12-month
re-referral rule, working days that skip Christmas, Easter and the 2023 coronation bank holiday,
and a plan that has run exactly two years.
"""

from __future__ import annotations

import pytest
from own_helpers import LA, D, frame, run_own

END = D(2024, 3, 31)
POP = {(LA, 2024): 10_000.0}

DETAILS = frame(
    "LAchildID CINdetailsID CINreferralDate CINclosureDate",
    [
        ("c1", "1", D(2023, 1, 10), None),  # open at 31 March; referred before the year
        ("c2", "1", D(2023, 5, 10), D(2024, 3, 31)),  # closed on 31 March: not CIN at 31 March
        ("c3", "1", D(2022, 5, 10), D(2022, 8, 1)),
        ("c3", "2", D(2023, 5, 10), D(2024, 4, 1)),  # exactly 12 months later: a re-referral
        ("c4", "1", D(2022, 5, 9), D(2022, 6, 1)),
        ("c4", "2", D(2023, 5, 10), None),  # 12 months and a day later: not a re-referral
        ("c5", "1", D(2023, 7, 1), D(2023, 7, 1)),  # no further action
        ("c5", "2", D(2023, 9, 1), None),  # 2 months after the last one: a re-referral
    ],
)
ASSESSMENTS = frame(
    "LAchildID CINdetailsID AssessmentActualStartDate AssessmentAuthorisationDate",
    [
        # from Fri 1 Dec 2023, skipping 25, 26 Dec and 1 Jan: the 45th working day is Wed 7 Feb
        ("c1", "1", D(2023, 12, 1), D(2024, 2, 7)),  # 45 working days: in time
        ("c2", "1", D(2023, 12, 1), D(2024, 2, 8)),  # 46: late
        ("c3", "2", D(2023, 12, 1), D(2024, 2, 5)),  # 43 (46 if bank holidays were ignored)
        ("c4", "2", D(2023, 3, 1), D(2023, 3, 20)),  # authorised before the year
        ("c5", "2", D(2023, 6, 10), D(2023, 6, 1)),  # authorised before it started: left out
        # Mon 3 Apr to Mon 17 Apr 2023, Good Friday and Easter Monday skipped: 8 working days
        ("c5", "1", D(2023, 4, 3), D(2023, 4, 17)),
    ],
)
SECTION47 = frame(
    "LAchildID CINdetailsID S47ActualStartDate DateOfInitialCPC ICPCnotRequired",
    [
        # from Mon 1 May 2023 (a bank holiday), skipping the coronation on 8 May: 15 working days
        ("c1", "1", D(2023, 5, 1), D(2023, 5, 23), "false"),
        ("c2", "1", D(2023, 5, 1), D(2023, 5, 24), "false"),  # 16: late
        ("c3", "2", D(2023, 6, 1), None, "true"),  # no conference needed
        ("c4", "1", D(2023, 2, 1), D(2023, 2, 10), "false"),  # before the year
    ],
)
PLANS = frame(
    "LAchildID CINdetailsID CPPstartDate CPPendDate NumberOfPreviousCPP",
    [
        ("c1", "1", D(2022, 3, 31), None, "0"),  # exactly 2 years at 31 March 2024
        ("c2", "1", D(2022, 4, 1), None, "0"),  # a day short of 2 years
        ("c3", "1", D(2020, 1, 1), D(2021, 1, 1), None),
        ("c3", "2", D(2023, 6, 1), D(2024, 3, 31), "0"),  # ended 31 March; repeat (plan in 2020)
        ("c4", "2", D(2023, 9, 1), None, "2"),  # repeat by NumberOfPreviousCPP
        ("c5", "2", D(2024, 1, 1), None, "0"),  # first plan
    ],
)
TABLES = {
    "cin_details": DETAILS,
    "assessments": ASSESSMENTS,
    "section47": SECTION47,
    "cp_plans": PLANS,
}


@pytest.fixture(scope="module")
def year() -> dict[str, dict[str, object]]:
    res = run_own(TABLES, population=POP)
    return {k[0]: v for k, v in res.items() if k[1] == END}


def test_children_in_need_at_31_march(year: dict[str, dict[str, object]]) -> None:
    # c1, c3 (closes 1 April), c4, c5 = 4; c2 closed on 31 March. Rate 4 / 10,000 x 10,000 = 4.0
    assert year["cin_count"]["value"] == 4
    assert year["cin_rate_per_10k"]["value"] == pytest.approx(4.0)


def test_referrals_and_rereferrals(year: dict[str, dict[str, object]]) -> None:
    # referrals in the year: c2, c3#2, c4#2, c5#1, c5#2 = 5 -> 5.0 per 10,000
    assert year["referrals_rate_per_10k"]["numerator"] == 5
    assert year["referrals_rate_per_10k"]["value"] == pytest.approx(5.0)
    # re-referrals: c3#2 (exactly 12 months), c5#2 = 2 of 5 = 40%
    row = year["rereferrals_12m_pct"]
    assert (row["numerator"], row["denominator"]) == (2, 5)
    assert row["value"] == pytest.approx(40.0)


def test_referral_and_enquiry_counts(year: dict[str, dict[str, object]]) -> None:
    assert year["referrals_count"]["value"] == 5  # as above
    assert year["s47_count"]["value"] == 3  # c1, c2, c3 start in the year; c4 before it
    # plans starting in the year: c3#2, c4, c5 = 3 -> 3.0 per 10,000
    assert year["cpp_starts_rate_per_10k"]["numerator"] == 3
    assert year["cpp_starts_rate_per_10k"]["value"] == pytest.approx(3.0)


def test_referrals_with_no_further_action_and_not_in_need() -> None:
    details = frame(
        "LAchildID CINdetailsID CINreferralDate CINclosureDate ReferralNFA ReasonForClosure",
        [
            ("n1", "1", D(2023, 5, 1), D(2023, 5, 1), "1", None),  # no further action
            ("n2", "1", D(2023, 6, 1), D(2023, 9, 1), "false", "RC8"),  # assessed, not in need
            ("n3", "1", D(2023, 7, 1), D(2023, 10, 1), "0", "RC9"),  # assessed, to early help
            ("n4", "1", D(2023, 8, 1), None, None, None),  # still open
            ("n5", "1", D(2022, 5, 1), D(2022, 5, 2), "true", "RC8"),  # the year before
        ],
    )
    res = run_own({"cin_details": details})
    # referrals in the year: n1-n4 = 4; NFA: n1 = 25%; not in need: n2, n3 = 50%
    nfa = res[("referrals_nfa_pct", END)]
    assert (nfa["numerator"], nfa["denominator"]) == (1, 4)
    not_in_need = res[("referrals_not_in_need_pct", END)]
    assert (not_in_need["numerator"], not_in_need["denominator"]) == (2, 4)
    assert not_in_need["value"] == pytest.approx(50.0)


def test_assessments_within_45_working_days(year: dict[str, dict[str, object]]) -> None:
    # authorised in the year: c1 (45), c2 (46), c3 (43), c5#1 (8) = 4; in time: 3 -> 75%
    row = year["assessments_45wd_pct"]
    assert (row["numerator"], row["denominator"]) == (3, 4)
    assert row["value"] == pytest.approx(75.0)


def test_section47_and_conferences(year: dict[str, dict[str, object]]) -> None:
    # enquiries starting in the year: c1, c2, c3 = 3 -> 3.0 per 10,000
    assert year["s47_rate_per_10k"]["value"] == pytest.approx(3.0)
    # conferences in the year: c1 (15 working days), c2 (16) -> 1 of 2 = 50%
    row = year["icpc_15wd_pct"]
    assert (row["numerator"], row["denominator"]) == (1, 2)
    assert row["value"] == pytest.approx(50.0)


def test_child_protection_plans(year: dict[str, dict[str, object]]) -> None:
    # on a plan at 31 March: c1, c2, c4, c5 = 4 (c3's plan ended on 31 March) -> 4.0 per 10,000
    assert year["cpp_count"]["value"] == 4
    assert year["cpp_rate_per_10k"]["value"] == pytest.approx(4.0)
    # plans starting in the year: c3#2, c4, c5 = 3; repeats c3#2 and c4 -> 66.7%
    row = year["cpp_repeat_pct"]
    assert (row["numerator"], row["denominator"]) == (2, 3)
    # 2 years or more at 31 March: c1 only (started 31 March 2022) -> 1 of 4 = 25%
    row = year["cpp_2yrs_plus_pct"]
    assert (row["numerator"], row["denominator"]) == (1, 4)
    assert row["value"] == pytest.approx(25.0)


def test_no_assessments_table_means_not_available() -> None:
    res = run_own({"cin_details": DETAILS}, population=POP)
    assert res[("assessments_45wd_pct", END)]["state"] == "x"
    assert res[("cpp_count", END)]["state"] == "x"
    assert res[("cin_count", END)]["value"] == 4


def test_rolling_period_counts_referrals_in_those_12_months() -> None:
    # 1 Oct 2022 to 30 Sep 2023: c1 (Jan 23), c2, c3#2, c4#2 (May 23), c5#1, c5#2 = 6
    end = D(2023, 9, 30)
    res = run_own(TABLES, population=POP, period_end=end)
    assert res[("referrals_rate_per_10k", end)]["numerator"] == 6
    assert res[("referrals_rate_per_10k", end)]["period_start"] == D(2022, 10, 1)
