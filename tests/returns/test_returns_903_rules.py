"""Each SSDA903 rule on a tiny hand-made return: it fires on the broken record, names the right
child, row and field, and stays silent on a correct record. Collection year 2024 throughout
(1 April 2023 to 31 March 2024)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from returns_helpers import EPISODES, HEADER, ep, read_one

Write = Callable[..., Path]
GOOD_HEADER = "A,1,01/01/2010,WBRI,A1,,\nB,2,01/01/2010,WBRI,A2,,\n"

# rule, episodes rows that break it (child A), episodes rows that are fine
EPISODE_CASES = [
    ("356", ep("A", "01/06/2023", "01/05/2023", "E11"), ep("A", "01/05/2023", "01/06/2023", "E11")),
    ("148", ep("A", "01/06/2023", "", "E11"), ep("A", "01/06/2023", "02/06/2023", "E11")),
    (
        "501",
        ep("A", "01/05/2023", "01/07/2023", "X1") + ep("A", "01/06/2023", rne="P"),
        ep("A", "01/05/2023", "01/07/2023", "X1") + ep("A", "01/07/2023", rne="P"),
    ),
    (
        "142",
        ep("A", "01/05/2023") + ep("A", "01/06/2023", rne="P"),
        ep("A", "01/05/2023", "01/06/2023", "X1") + ep("A", "01/06/2023", rne="P"),
    ),
    (
        "388",
        ep("A", "01/05/2023", "01/06/2023", "X1"),
        ep("A", "01/05/2023", "01/06/2023", "X1") + ep("A", "01/06/2023", rne="P"),
    ),
    (
        "433",
        ep("A", "01/05/2023", "01/06/2023", "E11") + ep("A", "05/06/2023", rne="P"),
        ep("A", "01/05/2023", "01/06/2023", "X1") + ep("A", "01/06/2023", rne="P"),
    ),
    (
        "431",
        ep("A", "01/05/2023", "01/06/2023", "X1") + ep("A", "01/06/2023", rne="S"),
        ep("A", "01/05/2023", "01/06/2023", "E11") + ep("A", "03/06/2023", rne="S"),
    ),
    ("385", ep("A", "01/05/2023", "02/04/2024", "E11"), ep("A", "01/05/2023", "31/03/2024", "E11")),
    ("354", ep("A", "01/04/2024"), ep("A", "31/03/2024")),
    ("302", ep("A", "01/05/2009"), ep("A", "01/05/2010")),
    ("143", ep("A", "01/05/2023", rne="Q"), ep("A", "01/05/2023", rne="S")),
    ("144", ep("A", "01/05/2023", ls="Z9"), ep("A", "01/05/2023", ls="C1")),
    ("149", ep("A", "01/05/2023", "01/06/2023", "E99"), ep("A", "01/05/2023", "01/06/2023", "E2")),
    ("141", ep("A", "2023-13-45"), ep("A", "2023-05-13")),
]


@pytest.mark.parametrize("rule,bad,good", EPISODE_CASES, ids=[c[0] for c in EPISODE_CASES])
def test_episode_rules_fire_on_bad_and_not_on_good(
    write: Write, rule: str, bad: str, good: str
) -> None:
    head = write("h/header.csv", HEADER + GOOD_HEADER)
    broken = read_one([head, write("h/episodes.csv", EPISODES + bad)], year=2024)
    hits = [f for f in broken.findings if f.rule_id == rule]
    assert hits, f"{rule} did not fire"
    assert {f.child_id for f in hits} == {"A"} and all(f.file == "episodes.csv" for f in hits)
    assert all(f.row is not None and f.field for f in hits)
    fine = read_one([head, write("h/episodes.csv", EPISODES + good)], year=2024)
    assert not [f for f in fine.findings if f.rule_id == rule]


def test_missing_date_of_birth_is_error_102(write: Write) -> None:
    r = read_one([write("header.csv", HEADER + "A,1,,WBRI,A1,,\n" + "B,1,01/01/2010,WBRI,A2,,\n")])
    (f,) = [f for f in r.findings if f.rule_id == "102"]
    assert (f.child_id, f.row, f.field, f.severity.value) == ("A", 1, "DOB", "error")


def test_duplicate_child_in_header_is_int32(write: Write) -> None:
    text = HEADER + "A,1,01/01/2010,WBRI,A1,,\nA,2,01/01/2011,WBRI,A1,,\nB,1,01/01/2010,WBRI,A2,,\n"
    r = read_one([write("header.csv", text)], year=2024)
    assert [(f.child_id, f.row) for f in r.findings if f.rule_id == "INT32"] == [("A", 2)]


def test_child_missing_from_header_and_dob_mismatch(write: Write) -> None:
    head = write("s/header.csv", HEADER + GOOD_HEADER)
    write("s/episodes.csv", EPISODES + ep("Z", "01/05/2023") + ep("A", "01/05/2023"))
    write("s/missing.csv", "CHILD,DOB,MISSING,MIS_START,MIS_END\nA,02/01/2010,M,01/06/2023,\n")
    r = read_one([head.parent], year=2024)
    assert [f.child_id for f in r.findings if f.rule_id == "INT03"] == ["Z"]
    assert [f.child_id for f in r.findings if f.rule_id == "INT13"] == ["A"]
    assert not [f for f in r.findings if f.rule_id == "INT04"]


def test_missing_episode_end_before_start_is_567(write: Write) -> None:
    text = (
        "CHILD,DOB,MISSING,MIS_START,MIS_END\n"
        "A,01/01/2010,M,05/06/2023,01/06/2023\n"
        "B,01/01/2010,A,01/06/2023,05/06/2023\n"
    )
    r = read_one([write("missing.csv", text)], year=2024)
    assert [f.child_id for f in r.findings if f.rule_id == "567"] == ["A"]


def test_mother_fields_611_612(write: Write) -> None:
    text = HEADER + "A,2,01/01/2005,WBRI,A1,1,\nB,2,01/01/2005,WBRI,A2,0,01/01/2023\n"
    text += "C,2,01/01/2005,WBRI,A3,1,01/01/2023\n"
    r = read_one([write("header.csv", text)], year=2024)
    assert [f.child_id for f in r.findings if f.rule_id == "611"] == ["A"]
    assert [f.child_id for f in r.findings if f.rule_id == "612"] == ["B"]


def test_uasc_ceased_after_18th_birthday_is_304(write: Write) -> None:
    text = "CHILD,SEX,DOB,DUC\nA,1,01/01/2006,02/01/2024\nB,1,01/01/2006,01/01/2024\n"
    r = read_one([write("uasc.csv", text)], year=2024)
    assert [f.child_id for f in r.findings if f.rule_id == "304"] == ["A"]


def test_placed_for_adoption_dates_522_and_119(write: Write) -> None:
    text = (
        "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n"
        "A,01/01/2015,01/06/2023,01/05/2023,RD1\n"
        "B,01/01/2015,01/05/2023,01/06/2023,\n"
        "C,01/01/2015,01/05/2023,01/06/2023,RD1\n"
    )
    r = read_one([write("pfa.csv", text)], year=2024)
    assert [f.child_id for f in r.findings if f.rule_id == "522"] == ["A"]
    assert [f.child_id for f in r.findings if f.rule_id == "119"] == ["B"]


def test_social_worker_id_prefix_and_overlap(write: Write) -> None:
    text = (
        "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n"
        "A,01/01/2015,AB1,01/05/2023,01/07/2023,MANAGE\n"
        "A,01/01/2015,SW2,01/06/2023,,\n"
        "B,01/01/2015,SW3,01/05/2023,,\n"
    )
    r = read_one([write("sw.csv", text)], year=2024)
    assert [f.child_id for f in r.findings if f.rule_id == "SW02STG1"] == ["A"]
    assert [(f.child_id, f.row) for f in r.findings if f.rule_id == "SW10STG2"] == [("A", 2)]


def _row(child: str, decom: str, place: str, provider: str, dec: str = "", rec: str = "") -> str:
    return f"{child},{decom},S,C2,N1,{place},{provider},{dec},{rec},,,,\n"


def test_178_provider_given_for_a_placement_that_takes_none(write: Write) -> None:
    head = write("h/header.csv", HEADER + GOOD_HEADER)
    rows = (
        _row("A", "01/05/2023", "T0", "PR1", "01/06/2023", "X1")  # row 1: fails
        + _row("A", "01/06/2023", "Z11", "")  # row 2: no provider, fine
        + _row("B", "01/05/2023", "U1", "PR1")  # row 3: needs one, has one
    )
    r = read_one([head, write("h/episodes.csv", EPISODES + rows)], year=2024)
    hits = [f for f in r.findings if f.rule_id == "178"]
    assert [(f.child_id, f.row, f.field) for f in hits] == [("A", 1, "PLACE_PROVIDER")]
    assert "PR1" in hits[0].message


@pytest.mark.parametrize(("year", "flagged"), [(2025, ["A", "B"]), (2026, ["A"])])
def test_178_t4_takes_a_provider_from_the_2025_26_return(
    write: Write, year: int, flagged: list[str]
) -> None:
    """DfE's list of placements without a provider lost T4 (and Z1) for 2025-26."""
    head = write("h/header.csv", HEADER + GOOD_HEADER)
    rows = _row("A", "01/05/2024", "T2", "PR1") + _row("B", "01/05/2024", "T4", "PR1")
    r = read_one([head, write("h/episodes.csv", EPISODES + rows)], year=year)
    assert [f.child_id for f in r.findings if f.rule_id == "178"] == flagged


def _two_years(write: Write, last_year: str, this_year: str) -> list[Path]:
    heads = [write(f"{y}/header.csv", HEADER + GOOD_HEADER) for y in ("2022-23", "2023-24")]
    return [
        *heads,
        write("2022-23/episodes.csv", EPISODES + last_year),
        write("2023-24/episodes.csv", EPISODES + this_year),
    ]


def test_502_and_503_compare_the_first_episode_with_last_years_open_one(write: Write) -> None:
    last = (
        ep("A", "01/05/2022")  # open at 31 March 2023
        + ep("B", "01/05/2022", place="U4")  # open
        + ep("C", "01/05/2022", "01/06/2022", "E11")  # closed: nothing to carry on
    )
    this = (
        ep("A", "02/05/2022")  # 502: starts on another day
        + ep("B", "01/05/2022", place="U6")  # 503D: placement differs
        + ep("B", "01/06/2023", rne="P", place="U6")  # not the first episode: not compared
        + ep("C", "01/07/2023")  # last year's episode was closed
    )
    r = read_one(_two_years(write, last, this))
    got = {
        (f.rule_id, f.child_id, f.row, f.file)
        for f in r.findings
        if f.rule_id[:3] in ("502", "503")
    }
    assert got == {("502", "A", 1, "episodes.csv"), ("503D", "B", 2, "episodes.csv")}


def test_503_accepts_a_matching_carry_on_and_h5_becoming_k3(write: Write) -> None:
    last = ep("A", "01/05/2022", place="H5") + ep("B", "01/05/2022", ls="C1")
    this = ep("A", "01/05/2022", place="K3") + ep("B", "01/05/2022", ls="C1")
    r = read_one(_two_years(write, last, this))
    assert not [f for f in r.findings if f.rule_id[:3] in ("502", "503")]
    this_ls = ep("A", "01/05/2022", place="K3") + ep("B", "01/05/2022", ls="C2")
    r = read_one(_two_years(write, last, this_ls))
    assert [(f.rule_id, f.child_id) for f in r.findings if f.rule_id[:3] == "503"] == [
        ("503B", "B")
    ]


def test_502_needs_the_previous_year_loaded(write: Write) -> None:
    head = write("2023-24/header.csv", HEADER + GOOD_HEADER)
    r = read_one([head, write("2023-24/episodes.csv", EPISODES + ep("A", "02/05/2022"))])
    assert not [f for f in r.findings if f.rule_id[:3] in ("502", "503")]


def test_xyear01_a_child_open_at_the_end_of_last_year_missing_from_this_year(
    write: Write,
) -> None:
    # issue 21: A and D were still looked after at the end of 2022-23; A carries on in 2023-24,
    # D is missing from it (their 2024 figures would rest on the earlier return alone). C ceased.
    last = (
        ep("A", "01/05/2022")
        + ep("C", "01/05/2022", "01/06/2022", "E11")
        + ep("D", "01/05/2022", place="U4")
    )
    this = ep("A", "01/05/2022") + ep("E", "01/07/2023")
    r = read_one(_two_years(write, last, this))
    got = [
        (f.rule_id, f.child_id, f.row, f.severity.value)
        for f in r.findings
        if f.rule_id == "XYEAR01"
    ]
    assert got == [("XYEAR01", "D", 3, "query")]
    # with only one year loaded there is nothing to compare
    head = write("2022-23/header.csv", HEADER + GOOD_HEADER)
    r = read_one([head, write("2022-23/episodes.csv", EPISODES + last)])
    assert not [f for f in r.findings if f.rule_id == "XYEAR01"]
