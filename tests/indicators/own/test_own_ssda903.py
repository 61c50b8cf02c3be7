"""Children-looked-after and care-leaver indicators from a tiny hand-made SSDA903 return.

Every expected figure is worked out by hand in the comments, so a change in a definition
(boundary days, short breaks, placement counting, leap-day birthdays) shows up as a wrong number.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from own_helpers import LA, D, frame, run_own

from lineofsight.indicators.engine import compute

END = D(2024, 3, 31)  # the year ending 31 March 2024: 1 April 2023 to 31 March 2024
POP = {(LA, 2024): 20_000.0}

EPISODES = frame(
    "CHILD DECOM RNE LS PLACE DEC REC",
    [
        # A: in care since 2020; placements in the year: ep1 (open at 1 April), P, (T same carer), B
        ("A", D(2020, 1, 10), "S", "C2", "U4", D(2023, 5, 1), "X1"),
        ("A", D(2023, 5, 1), "P", "C2", "U5", D(2023, 8, 1), "X1"),
        ("A", D(2023, 8, 1), "T", "C2", "U5", D(2023, 10, 1), "X1"),
        ("A", D(2023, 10, 1), "B", "C2", "R1", None, None),
        # B: starts on 31 March exactly, so looked after at 31 March and a start
        ("B", D(2024, 3, 31), "S", "C1", "U3", None, None),
        # C: ceased (adopted) on 31 March, so not looked after at 31 March
        ("C", D(2022, 6, 1), "S", "C2", "U4", D(2024, 3, 31), "E11"),
        # D: ceases on 1 April 2024, so still looked after at 31 March; the first episode ended on
        # 1 April 2023 and is not a placement during the year: placements = ep2, ep3 = 2
        ("D", D(2022, 6, 1), "S", "C2", "U4", D(2023, 4, 1), "X1"),
        ("D", D(2023, 4, 1), "P", "C2", "U5", D(2023, 7, 1), "X1"),
        ("D", D(2023, 7, 1), "P", "C2", "U6", D(2024, 4, 1), "E4A"),
        # E: short breaks only (V3): not counted anywhere
        ("E", D(2023, 5, 1), "S", "V3", "U4", None, None),
        # F: started and ceased to a special guardianship order in the year
        ("F", D(2023, 6, 1), "S", "C1", "U6", D(2023, 9, 1), "E45"),
        # H: same placement since 2019, aged 14: long-term stable
        ("H", D(2019, 5, 1), "S", "C2", "U4", None, None),
        # J: same placement since 2019 but turns 16 on 31 March 2024: outside the stability cohort
        ("J", D(2019, 1, 1), "S", "C2", "U4", None, None),
        # K: placed for adoption (A4) on 1 Jan 2023; with the previous placement (since 2020) >= 2y
        ("K", D(2020, 6, 1), "S", "C2", "U4", D(2023, 1, 1), "X1"),
        ("K", D(2023, 1, 1), "P", "E1", "A4", None, None),
    ],
)
HEADER = frame(
    "CHILD DOB",
    [
        ("A", D(2012, 5, 5)),
        ("B", D(2020, 1, 1)),
        ("C", D(2015, 1, 1)),
        ("D", D(2011, 1, 1)),
        ("E", D(2014, 1, 1)),
        ("F", D(2013, 1, 1)),
        ("H", D(2010, 2, 28)),
        ("J", D(2008, 3, 31)),
        ("K", D(2015, 1, 1)),
    ],
)
MISSING = frame(
    "CHILD MISSING MIS_START",
    [
        ("A", "M", D(2023, 6, 1)),  # in the year
        ("F", "A", D(2023, 7, 1)),  # away, in the year
        ("H", "M", D(2023, 3, 31)),  # the day before the year
        ("E", "M", D(2023, 6, 1)),  # short breaks only: not in the denominator
    ],
)
OC3 = frame(
    "CHILD DOB IN_TOUCH ACTIV ACCOM",
    [
        ("L1", D(2004, 6, 1), "YES", "F1", "B1"),  # 19 on 1 Jun 2023: EET, suitable
        ("L2", D(2003, 1, 15), "YES", "G5", "S2"),  # 21 on 15 Jan 2024: NEET, unsuitable
        ("L3", D(2002, 12, 1), "DIED", "0", "0"),  # 21 in the year, died: excluded
        ("L4", D(2004, 9, 10), "NO", "0", "R2"),  # 19, not in touch: in EET base; residence unknown
        ("L5", D(2006, 5, 5), "YES", "F2", "D1"),  # 17 on 5 May 2023: EET, suitable
        ("L6", D(2005, 11, 20), "YES", "G4", "G1"),  # 18 on 20 Nov 2023: NEET, abroad
    ],
)
UASC = frame(
    "CHILD DUC",
    [
        ("B", None),  # still unaccompanied asylum-seeking: UASC at 31 March
        ("D", D(2024, 4, 1)),  # status ceases on 1 April: UASC at 31 March
        ("H", D(2024, 3, 31)),  # status ceased on 31 March: not UASC at 31 March
        ("C", None),  # not looked after at 31 March
    ],
)
SW_EPISODES = frame(
    "CHILD SW_ID SW_DECOM SW_DEC",
    [
        ("A", "W1", D(2020, 1, 10), D(2023, 3, 31)),  # ended before the year: not counted
        ("A", "W2", D(2023, 4, 1), D(2023, 9, 1)),
        ("A", "W3", D(2023, 9, 1), None),
        ("A", "W4", D(2023, 12, 1), D(2024, 1, 1)),  # A: W2, W3, W4 = 3 in the year
        ("D", "W2", D(2022, 6, 1), D(2023, 6, 1)),
        ("D", "W5", D(2023, 6, 1), D(2023, 8, 1)),
        ("D", "W2", D(2023, 8, 1), None),  # D: W2 twice and W5 = 2 different workers
        ("H", "W6", D(2019, 5, 1), None),
        ("C", "W1", D(2023, 4, 1), D(2023, 5, 1)),  # C: 3 workers but ceased before 31 March
        ("C", "W2", D(2023, 5, 1), D(2023, 6, 1)),
        ("C", "W3", D(2023, 6, 1), D(2024, 3, 31)),
    ],
)
TABLES = {
    "episodes": EPISODES,
    "header": HEADER,
    "missing": MISSING,
    "oc3": OC3,
    "uasc": UASC,
    "sw_episodes": SW_EPISODES,
}


@pytest.fixture(scope="module")
def year() -> dict[str, dict[str, object]]:
    res = run_own(TABLES, population=POP)
    return {k[0]: v for k, v in res.items() if k[1] == END}


def test_one_period_per_year_in_the_data(year: dict[str, dict[str, object]]) -> None:
    row = year["cla_count"]
    assert (row["la"], row["period_start"], row["period_end"]) == (LA, D(2023, 4, 1), END)


def test_looked_after_at_31_march(year: dict[str, dict[str, object]]) -> None:
    # A, B (started 31 March), D (ceases 1 April), H, J, K = 6; C ceased on 31 March; E is V3
    assert year["cla_count"]["value"] == 6
    assert year["cla_count"]["state"] == "value"
    # 6 / 20,000 x 10,000 = 3.0
    assert year["cla_rate_per_10k"]["value"] == pytest.approx(3.0)
    assert year["cla_rate_per_10k"]["denominator"] == 20_000


def test_starts_and_ceased(year: dict[str, dict[str, object]]) -> None:
    # starts: B and F (E's V3 start does not count) = 2; rate 2 / 20,000 x 10,000 = 1.0
    assert year["cla_starts_count"]["value"] == 2
    assert year["cla_starts_rate_per_10k"]["value"] == pytest.approx(1.0)
    # ceased: C (E11 adopted, 31 March) and F (E45 SGO); D ceases on 1 April, next year
    assert year["cla_ceased_count"]["value"] == 2
    assert year["cla_ceased_adopted_pct"]["value"] == pytest.approx(50.0)  # 1 / 2
    assert year["cla_ceased_sgo_pct"]["value"] == pytest.approx(50.0)  # 1 / 2
    assert year["cla_ceased_returned_home_pct"]["value"] == pytest.approx(0.0)  # 0 / 2
    assert year["cla_ceased_returned_home_pct"]["state"] == "value"


def test_three_or_more_placements(year: dict[str, dict[str, object]]) -> None:
    # cohort = the 6 at 31 March. A: ep1 + P + B = 3 (T keeps the carer). D: 2 (ep1 ended on
    # 1 April). K: ep1 + P = 2. B, H, J: 1. So 1 of 6 = 16.67%
    row = year["cla_3plus_placements_pct"]
    assert (row["numerator"], row["denominator"]) == (1, 6)
    assert row["value"] == pytest.approx(100 / 6)


def test_long_term_stability(year: dict[str, dict[str, object]]) -> None:
    # cohort: at 31 March, under 16, in care since 30 Sep 2021 or earlier: A, H, K (J turns 16 on
    # 31 March; B, D too recent). Stable 2y+: H; K (adoption placement + previous since 2020);
    # A moved on 1 Oct 2023. 2 of 3
    row = year["cla_long_term_stability_pct"]
    assert (row["numerator"], row["denominator"]) == (2, 3)
    assert row["value"] == pytest.approx(200 / 3)


def test_missing(year: dict[str, dict[str, object]]) -> None:
    # looked after during the year: A, B, C, D, F, H, J, K = 8; incidents in the year: A, F = 2
    row = year["cla_missing_pct"]
    assert (row["numerator"], row["denominator"]) == (2, 8)
    assert row["value"] == pytest.approx(25.0)


def test_care_leavers(year: dict[str, dict[str, object]]) -> None:
    # 19-21 cohort: L1, L2, L4 (L3 died). EET: L1 = 1 of 3
    eet = year["care_leavers_eet_19_21_pct"]
    assert (eet["numerator"], eet["denominator"]) == (1, 3)
    assert year["care_leavers_eet_19_21_pct"]["value"] == pytest.approx(100 / 3)
    # accommodation base leaves out L4 (R: residence not known): L1 suitable of L1, L2 = 50%
    assert year["care_leavers_suitable_accom_19_21_pct"]["value"] == pytest.approx(50.0)
    # 17-18 cohort: L5, L6. EET: L5 = 50%; accommodation base leaves out L6 (G: abroad) = 1 of 1
    assert year["care_leavers_eet_17_18_pct"]["value"] == pytest.approx(50.0)
    assert year["care_leavers_suitable_accom_17_18_pct"]["value"] == pytest.approx(100.0)


def test_ceased_rate_and_foster_share(year: dict[str, dict[str, object]]) -> None:
    # ceased: C and F = 2 of 20,000 -> 1.0 per 10,000
    assert year["cla_ceased_rate_per_10k"]["value"] == pytest.approx(1.0)
    # at 31 March: A (R1), B (U3), D (U6), H (U4), J (U4), K (A4): foster = B, D, H, J = 4 of 6
    row = year["cla_foster_pct"]
    assert (row["numerator"], row["denominator"]) == (4, 6)


def test_unplanned_return_home_share() -> None:
    episodes = frame(
        "CHILD DECOM RNE LS PLACE DEC REC",
        [
            ("P", D(2023, 5, 1), "S", "C2", "U4", D(2023, 8, 1), "E4B"),  # home, not planned
            ("Q", D(2023, 5, 1), "S", "C2", "U4", D(2023, 9, 1), "E4A"),  # home, as planned
            ("R", D(2023, 5, 1), "S", "C2", "U4", D(2023, 10, 1), "E11"),  # adopted
            ("S", D(2023, 5, 1), "S", "C2", "U4", D(2023, 11, 1), "X1"),  # not ceasing care
            ("S", D(2023, 11, 1), "P", "C2", "U5", None, None),
        ],
    )
    res = run_own({"episodes": episodes})
    # ceased: P, Q, R = 3; unplanned returns home: P = 1 of 3; all returns home: P, Q = 2 of 3
    row = res[("cla_ceased_returned_home_unplanned_pct", END)]
    assert (row["numerator"], row["denominator"]) == (1, 3)
    assert res[("cla_ceased_returned_home_pct", END)]["numerator"] == 2


def test_unaccompanied_asylum_seeking_children(year: dict[str, dict[str, object]]) -> None:
    # at 31 March: A, B, D, H, J, K; UASC then: B (no DUC), D (DUC 1 April) = 2 of 6
    assert year["uasc_count"]["value"] == 2
    row = year["uasc_pct"]
    assert (row["numerator"], row["denominator"]) == (2, 6)


def test_three_or_more_social_workers(year: dict[str, dict[str, object]]) -> None:
    # at 31 March: A has 3 workers in the year (W1 ended the day before it began); D 2, H 1;
    # B, J, K none recorded. C had 3 but ceased on 31 March. 1 of 6
    row = year["cla_3plus_social_workers_pct"]
    assert (row["numerator"], row["denominator"]) == (1, 6)


def test_care_leavers_in_touch(year: dict[str, dict[str, object]]) -> None:
    # 19-21: L1 YES, L2 YES, L4 NO (L3 died, out of the base): in touch 2 of 3, not in touch 1 of 3
    assert (
        year["care_leavers_in_touch_19_21_pct"]["numerator"],
        year["care_leavers_in_touch_19_21_pct"]["denominator"],
    ) == (2, 3)
    assert year["care_leavers_not_in_touch_19_21_pct"]["value"] == pytest.approx(100 / 3)
    # 17-18: L5 YES, L6 YES
    assert year["care_leavers_in_touch_17_18_pct"]["value"] == pytest.approx(100.0)


def test_no_uasc_file_means_not_available_not_zero() -> None:
    res = run_own({"episodes": EPISODES})
    assert res[("uasc_count", END)]["state"] == "x"
    assert res[("cla_3plus_social_workers_pct", END)]["state"] == "x"


def test_rolling_12_months_across_a_year_end() -> None:
    # 1 Jan 2023 to 31 Dec 2023
    res = run_own(TABLES, population=POP, period_end=D(2023, 12, 31))
    end = D(2023, 12, 31)
    assert res[("cla_count", end)]["period_start"] == D(2023, 1, 1)
    # at 31 Dec: A, C, D, H, J, K = 6 (B not yet, F ceased in September)
    assert res[("cla_count", end)]["value"] == 6
    # the rate uses the population for the year label of the period end (2024): 6 / 20,000
    assert res[("cla_rate_per_10k", end)]["value"] == pytest.approx(3.0)
    assert res[("cla_starts_count", end)]["value"] == 1  # F only
    assert res[("cla_ceased_count", end)]["value"] == 1  # F
    # during 2023: A, C, D, F, H, J, K = 7; incidents in 2023: A, F, H (31 March 2023) = 3
    assert res[("cla_missing_pct", end)]["value"] == pytest.approx(300 / 7)
    # the year ending 31 March is still there beside it
    assert res[("cla_count", END)]["value"] == 6


def test_29_february_birthday_falls_on_1_march() -> None:
    # born 29 Feb 2004: 18 on 1 Mar 2022 and 19 on 1 Mar 2023 (not 28 Feb) in non-leap years.
    # For the 12 months 1 Mar 2022 to 28 Feb 2023 the young person is in the 17-18 cohort only.
    oc3 = frame("CHILD DOB IN_TOUCH ACTIV ACCOM", [("Z", D(2004, 2, 29), "YES", "F1", "B1")])
    eps = frame(
        "CHILD DECOM RNE LS PLACE DEC REC", [("Q", D(2022, 5, 1), "S", "C2", "U4", None, None)]
    )
    end = D(2023, 2, 28)
    res = run_own({"episodes": eps, "oc3": oc3}, period_end=end)
    assert res[("care_leavers_eet_17_18_pct", end)]["value"] == pytest.approx(100.0)
    assert res[("care_leavers_eet_19_21_pct", end)]["state"] == "x"
    # and in the year ending 31 March 2023 the 19th birthday (1 March 2023) is in the cohort
    assert res[("care_leavers_eet_19_21_pct", D(2023, 3, 31))]["value"] == pytest.approx(100.0)


def test_empty_denominators_are_not_available_not_zero() -> None:
    # no oc3 table at all, and no population: percentages and rates are state x, never 0 or NaN
    res = run_own({"episodes": EPISODES})
    for ind in ("care_leavers_eet_19_21_pct", "cla_rate_per_10k", "cla_long_term_stability_pct"):
        row = res[(ind, END)]
        assert row["state"] == "x", ind
        assert row["value"] != row["value"] or row["value"] is None  # NaN only as "no number"
    # a count with no rows in the period is a real zero
    eps = frame(
        "CHILD DECOM RNE LS PLACE DEC REC",
        [("A", D(2023, 4, 2), "S", "C2", "U4", D(2023, 5, 1), "E13")],
    )
    res = run_own({"episodes": eps})
    assert res[("cla_count", END)]["value"] == 0
    assert res[("cla_count", END)]["state"] == "value"
    assert res[("cla_3plus_placements_pct", END)]["state"] == "x"  # nobody at 31 March


def test_several_years_count_each_episode_once() -> None:
    # the 2023 return shows A's episode open; the 2024 return shows it ceased on 1 Oct 2023
    y23 = frame(
        "CHILD DECOM RNE LS PLACE DEC REC YEAR",
        [("A", D(2022, 5, 1), "S", "C2", "U4", None, None, 2023)],
    )
    y24 = frame(
        "CHILD DECOM RNE LS PLACE DEC REC YEAR",
        [
            ("A", D(2022, 5, 1), "S", "C2", "U4", D(2023, 10, 1), "E13", 2024),
            ("B", D(2023, 11, 1), "S", "C2", "U4", None, None, 2024),
        ],
    )
    res = run_own({"episodes": pd.concat([y23, y24], ignore_index=True)})
    assert res[("cla_count", D(2023, 3, 31))]["value"] == 1  # A
    assert res[("cla_count", END)]["value"] == 1  # B; A ceased (the 2024 return wins)
    assert res[("cla_ceased_count", END)]["value"] == 1
    assert res[("cla_starts_count", D(2023, 3, 31))]["value"] == 1  # A started May 2022
    assert {k[1] for k in res} == {D(2023, 3, 31), END}


def test_councils_are_kept_apart() -> None:
    # national sets carry an LA column; each council gets its own figures and population

    a = frame(
        "CHILD DECOM RNE LS PLACE DEC REC", [("1", D(2023, 5, 1), "S", "C2", "U4", None, None)]
    )
    b = frame(
        "CHILD DECOM RNE LS PLACE DEC REC",
        [
            ("1", D(2023, 5, 1), "S", "C2", "U4", None, None),
            ("2", D(2023, 6, 1), "S", "C2", "U4", None, None),
        ],
    )
    a["LA"], b["LA"] = "E1", "E2"
    out = compute(
        {"episodes": pd.concat([a, b], ignore_index=True)}, population={("E2", 2024): 100.0}
    )
    counts = out[out.indicator_id == "cla_count"].set_index("la")["value"].to_dict()
    assert counts == {"E1": 1.0, "E2": 2.0}
    rates = out[out.indicator_id == "cla_rate_per_10k"].set_index("la")
    assert rates.loc["E1", "state"] == "x"  # no population given for E1
    assert rates.loc["E2", "value"] == pytest.approx(200.0)  # 2 / 100 x 10,000


def test_period_end_is_a_date() -> None:
    res = run_own(TABLES, population=POP)
    assert all(isinstance(k[1], dt.date) for k in res)


# Issue 21: the hand-made cases whose right answers are worked out below.
EP_COLS = "CHILD DECOM RNE LS PLACE DEC REC"
END_2018 = D(2018, 3, 31)


def _stability(episodes: list[tuple[object, ...]], end: dt.date) -> tuple[float, float]:
    header = frame("CHILD DOB", [(c, D(2010, 1, 1)) for c in {str(r[0]) for r in episodes}])
    row = run_own({"episodes": frame(EP_COLS, episodes), "header": header})[
        ("cla_long_term_stability_pct", end)
    ]
    return row["numerator"], row["denominator"]


def test_adoption_by_recent_carers_is_the_adoptive_placement_with_the_one_before() -> None:
    # U4 from 2015; U5 (new carers) from 1 Nov 2017; placed for adoption with those U5 carers (A5)
    # on 1 Feb 2018. DfE: the adoptive placement together with the one before it = since
    # 1 Nov 2017, five months at 31 March 2018: not stable. In the cohort (looked after since 2015,
    # aged 8), so 0 of 1.
    eps = [
        ("A", D(2015, 5, 1), "S", "C2", "U4", D(2017, 11, 1), "X1"),
        ("A", D(2017, 11, 1), "P", "C2", "U5", D(2018, 2, 1), "X1"),
        ("A", D(2018, 2, 1), "T", "E1", "A5", None, None),
    ]
    assert _stability(eps, END_2018) == (0, 1)


def test_adoption_straight_after_a_long_placement_or_with_new_adopters_is_stable() -> None:
    # B: U4 since 2015, then A5 with the same carers on 1 Feb 2018: adoptive + previous = since
    # 2015, stable. C: U4 since 2015, then A4 with new adopters on 1 Feb 2018: the same, stable.
    # D: A5 with the same carers since 2015 straight from the start of care: stable. 3 of 3.
    eps = [
        ("B", D(2015, 5, 1), "S", "C2", "U4", D(2018, 2, 1), "X1"),
        ("B", D(2018, 2, 1), "T", "E1", "A5", None, None),
        ("C", D(2015, 5, 1), "S", "C2", "U4", D(2018, 2, 1), "X1"),
        ("C", D(2018, 2, 1), "P", "E1", "A4", None, None),
        ("D", D(2015, 5, 1), "S", "E1", "A5", None, None),
    ]
    assert _stability(eps, END_2018) == (3, 3)


def test_a_short_break_does_not_split_one_placement() -> None:
    # A: one earlier carer (U4, open at 1 April 2023), then U5 under C2 from 1 June, a V4 short
    # break 1-8 September, and C2 again with the same U5 carers from 8 September (RNE L). Set the
    # V4 episode aside and the L episode changes only the legal status: placements in the year are
    # U4 and U5 = 2, so 0 of 1 with 3 or more.
    eps = [
        ("A", D(2022, 1, 1), "S", "C2", "U4", D(2023, 6, 1), "X1"),
        ("A", D(2023, 6, 1), "P", "C2", "U5", D(2023, 9, 1), "X1"),
        ("A", D(2023, 9, 1), "L", "V4", "U5", D(2023, 9, 8), "X1"),
        ("A", D(2023, 9, 8), "L", "C2", "U5", None, None),
    ]
    res = run_own({"episodes": frame(EP_COLS, eps)})
    row = res[("cla_3plus_placements_pct", END)]
    assert (row["numerator"], row["denominator"]) == (0, 1)


def test_a_short_break_keeps_the_period_of_care_unbroken() -> None:
    # The same child in care since 2020 with one carer, with a V4 short break in 2023: looked
    # after continuously since 2020 and in the same placement since then, so stable (1 of 1) at
    # 31 March 2024. An L episode after a real gap (no episode between) is no new placement
    # either, but starts a new period of care: B is out of the cohort (0 of 0 for B).
    eps = [
        ("A", D(2020, 1, 1), "S", "C2", "U5", D(2023, 9, 1), "X1"),
        ("A", D(2023, 9, 1), "L", "V4", "U5", D(2023, 9, 8), "X1"),
        ("A", D(2023, 9, 8), "L", "C2", "U5", None, None),
        ("B", D(2020, 1, 1), "S", "C2", "U5", D(2023, 9, 1), "E13"),
        ("B", D(2023, 9, 20), "L", "C2", "U5", None, None),
    ]
    assert _stability(eps, END) == (1, 1)


def test_overlapping_episodes_the_later_starting_one_counts() -> None:
    # A data error: A's residential episode (K2, from 2022) is still open when a foster episode
    # (U4) starts on 1 Jan 2024. The later-starting one counts at 31 March: A is in foster care,
    # counted once. B (control) is in K2. So 1 of 2 in foster care, 2 looked after.
    eps = [
        ("A", D(2022, 1, 1), "S", "C2", "K2", None, None),
        ("A", D(2024, 1, 1), "P", "C2", "U4", None, None),
        ("B", D(2022, 1, 1), "S", "C2", "K2", None, None),
    ]
    for rows in (eps, list(reversed(eps))):  # whichever order the rows arrive in
        res = run_own({"episodes": frame(EP_COLS, rows)})
        assert res[("cla_count", END)]["value"] == 2
        row = res[("cla_foster_pct", END)]
        assert (row["numerator"], row["denominator"]) == (1, 2)


def test_social_workers_with_no_allocation_in_the_period_is_not_zero() -> None:
    # issue 21: a 2018 return whose only social-worker row is dated 2020 and names a child not in
    # the return showed 0% (0 of 1,311); no allocation recorded for anyone is "not available"
    eps = frame(EP_COLS, [("A", D(2017, 5, 1), "S", "C2", "U4", None, None)])
    sw = frame("CHILD SW_ID SW_DECOM SW_DEC", [("Z", "W1", D(2020, 1, 1), None)])
    row = run_own({"episodes": eps, "sw_episodes": sw})[("cla_3plus_social_workers_pct", END_2018)]
    assert row["state"] == "x"
    # one allocation for A in the year: a real 0 of 1
    sw = frame("CHILD SW_ID SW_DECOM SW_DEC", [("A", "W1", D(2017, 5, 1), None)])
    row = run_own({"episodes": eps, "sw_episodes": sw})[("cla_3plus_social_workers_pct", END_2018)]
    assert (row["state"], row["numerator"], row["denominator"]) == ("value", 0, 1)
