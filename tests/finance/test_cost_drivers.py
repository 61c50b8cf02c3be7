"""What drives cost: placements by type and provider from a hand-made 903, worked out by hand."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lineofsight.errors import UserError
from lineofsight.finance.drivers import (
    GROUPS,
    cost_drivers,
    disclosed,
    group_of,
    highest_sentence,
    parse_unit_cost,
    table_rows,
    unit_costs,
)
from lineofsight.indicators.own.disclosure import breakdown
from lineofsight.reference.placements import PLACEMENTS, PROVIDERS

OWN = {
    "fostering_in_house": (500.0, "own"),
    "fostering_agency": (900.0, "own"),
    "residential": (7000.0, "own"),
    "supported": (1400.0, "own"),
    "other": (200.0, "own"),
}
HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)
# the year to 31 March 2024 (366 days: 2024 is a leap year)
ROWS = [
    # A: in-house foster care all year, open: 366 days
    ("A", "01/01/2023", "U4", "PR1", ""),
    # B: a private children's home 1 Oct 2023 to 1 Jan 2024 (92 days), then agency fostering (91)
    ("B", "01/10/2023", "K2", "PR4", "01/01/2024"),
    ("B", "01/01/2024", "U6", "PR4", ""),
    # C: supported living until 1 June 2023: 61 days in the year; not in care on 31 March
    ("C", "01/06/2022", "H5", "PR4", "01/06/2023"),
    # D: placed with parents from the last day: 1 day
    ("D", "31/03/2024", "P1", "PR0", ""),
]


def tables() -> dict[str, pd.DataFrame]:
    eps = pd.DataFrame(
        {
            "CHILD": [r[0] for r in ROWS],
            "DECOM": pd.to_datetime([r[1] for r in ROWS], dayfirst=True),
            "PLACE": pd.array([r[2] for r in ROWS], dtype="string"),
            "PLACE_PROVIDER": pd.array([r[3] for r in ROWS], dtype="string"),
            "DEC": pd.to_datetime([r[4] or None for r in ROWS], dayfirst=True),
            "YEAR": 2024,
        }
    )
    return {"episodes": eps}


def test_hand_made_903_gives_the_worked_answer() -> None:
    d = cost_drivers(tables(), OWN)
    assert (d.period_start, d.period_end) == (dt.date(2023, 4, 1), dt.date(2024, 3, 31))
    got = {g.group: (g.children, g.days, g.children_in_year) for g in d.groups}
    assert got == {
        "fostering_in_house": (1, 366, 1),
        "fostering_agency": (1, 91, 1),
        "residential": (0, 92, 1),
        "supported": (0, 61, 1),
        "other": (1, 1, 1),
    }
    cost = {g.group: g.cost for g in d.groups}
    assert cost["fostering_in_house"] == pytest.approx(366 * 500 / 7)
    assert cost["residential"] == pytest.approx(92_000)
    assert cost["fostering_agency"] == pytest.approx(91 * 900 / 7)
    assert d.cost == pytest.approx(366 * 500 / 7 + 92_000 + 11_700 + 12_200 + 200 / 7)
    assert (d.children, d.days) == (3, 611)
    assert [g.group for g in d.highest()] == ["residential", "fostering_in_house"]
    assert highest_sentence(d).startswith(
        "The highest-cost placement types in the year to 31 March 2024 were residential (£92,000)"
        " and in-house fostering (£26,143)"
    )


def test_a_later_return_and_an_overlap_are_counted_once() -> None:
    t = tables()["episodes"]
    again = t.assign(YEAR=2023)  # the same episodes in an earlier return
    overlap = pd.DataFrame(  # A's episode overlapped by a new one from 1 March 2024: it wins
        {
            "CHILD": ["A"],
            "DECOM": [pd.Timestamp(2024, 3, 1)],
            "PLACE": pd.array(["U5"], dtype="string"),
            "PLACE_PROVIDER": pd.array(["PR4"], dtype="string"),
            "DEC": [pd.NaT],
            "YEAR": [2024],
        }
    )
    d = cost_drivers({"episodes": pd.concat([again, t, overlap], ignore_index=True)}, OWN)
    got = {g.group: (g.children, g.days) for g in d.groups}
    assert got["fostering_in_house"] == (0, 335)  # 1 April 2023 to 29 February 2024
    assert got["fostering_agency"] == (2, 91 + 31)


def test_every_placement_code_and_provider_has_a_group() -> None:
    for place in PLACEMENTS:
        for provider in [*PROVIDERS, None]:
            assert group_of(place, provider) in GROUPS
    assert group_of("U4", "PR1") == "fostering_in_house"
    assert group_of("U4", "PR5") == "fostering_agency"
    assert group_of("K3", "PR4") == "supported" and group_of("S1", "PR3") == "residential"
    assert group_of("A4", "PR1") == "other" and group_of(None, None) == "other"


def test_disclosure_hides_small_groups_and_a_second_one() -> None:
    d = disclosed(cost_drivers(tables(), OWN))  # every group rests on one child
    assert all(g.children is None or g.children == 0 for g in d.groups)
    assert all(g.days is None and g.cost is None for g in d.groups)
    assert d.total_hidden and table_rows(d)[-1] == ("All placements", "c", "c", "", "c")
    assert highest_sentence(d).startswith("Too few children in care")
    assert breakdown({"a": 40, "b": 3, "c": 10, "d": 0}) == {"b", "c"}
    assert breakdown({"a": 40, "b": 30, "c": 10}) == set()
    assert breakdown({"a": 2, "b": 1}) == {"a", "b"}


@given(st.dictionaries(st.sampled_from(GROUPS), st.integers(min_value=0, max_value=60)))
def test_breakdown_leaves_nothing_small_or_recoverable(counts: dict[str, int]) -> None:
    hidden = breakdown(counts)
    total = sum(counts.values())
    shown = {k: v for k, v in counts.items() if k not in hidden}
    assert all(not 0 < v < 6 for v in shown.values()) or 0 < total < 6
    hidden_nonzero = [k for k in hidden if counts[k]]
    assert len(hidden_nonzero) != 1 or 0 < total < 6 or len(counts) == 1
    assert hidden <= set(counts)


def test_published_unit_costs_are_used_where_the_council_gives_none() -> None:
    from lineofsight.finance.published import latest_weekly_unit_cost

    costs = unit_costs("E06000021", {"residential": 6500})
    assert costs["residential"] == (6500.0, "the council's own unit cost")
    found = latest_weekly_unit_cost("E06000021", "fostering")
    assert found is not None and costs["fostering_agency"][0] == found[1]
    assert "assumed" in costs["supported"][1]
    with pytest.raises(UserError, match="not a placement cost group"):
        unit_costs("E06000021", {"hotel": 1.0})


def test_unit_cost_option_parses_or_says_why() -> None:
    assert parse_unit_cost("residential=£6,500") == ("residential", 6500.0)
    for bad in ("residential", "hotel=5", "supported=-1", "other=nan", "other=lots"):
        with pytest.raises(UserError):
            parse_unit_cost(bad)


@given(st.text(max_size=40))
def test_unit_cost_parser_never_crashes(text: str) -> None:
    try:
        key, pounds = parse_unit_cost(text)
    except UserError:
        return
    assert key in GROUPS and 0 <= pounds <= 100_000


_day = st.integers(min_value=0, max_value=900)
_episode = st.tuples(
    st.sampled_from(["A", "B", "C", "D", "E", "F", "G"]),
    _day,
    st.one_of(st.none(), st.integers(min_value=1, max_value=400)),
    st.sampled_from([*PLACEMENTS, "XX", None]),
    st.sampled_from([*PROVIDERS, None]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_episode, min_size=1, max_size=25))
def test_invariants(rows: list[tuple[str, int, int | None, str | None, str | None]]) -> None:
    day0 = pd.Timestamp(2022, 6, 1)
    eps = pd.DataFrame(
        {
            "CHILD": [r[0] for r in rows],
            "DECOM": [day0 + pd.Timedelta(days=r[1]) for r in rows],
            "DEC": [
                pd.NaT if r[2] is None else day0 + pd.Timedelta(days=r[1] + r[2]) for r in rows
            ],
            "PLACE": pd.array([r[3] for r in rows], dtype="string"),
            "PLACE_PROVIDER": pd.array([r[4] for r in rows], dtype="string"),
        }
    )
    d = cost_drivers({"episodes": eps}, OWN, dt.date(2024, 3, 31))
    children = len({r[0] for r in rows})
    assert 0 <= d.children <= children
    assert d.days <= 366 * children  # a child has at most one placement a day
    for g in d.groups:
        assert g.days is not None and g.children is not None and g.children_in_year is not None
        assert g.days <= 366 * g.children_in_year and g.children <= g.children_in_year
        assert g.cost == pytest.approx(g.days * OWN[g.group][0] / 7)
    assert d.cost == pytest.approx(sum(g.cost or 0 for g in d.groups))
    top = d.highest(5)
    assert [g.cost for g in top] == sorted((g.cost for g in top), reverse=True)
    shown = disclosed(d)
    for g in shown.groups:
        assert g.children is None or not 0 < g.children < 6
        assert g.children_in_year is None or not 0 < g.children_in_year < 6
    assert sum(g.children is None for g in shown.groups) != 1 or d.children < 6


def _write(folder: Path) -> Path:
    folder.mkdir()
    (folder / "header_2024.csv").write_text(
        HEADER + "\n" + "".join(f"{c},1,01/01/2010,WBRI,A123456789012,,\n" for c in "ABCD")
    )
    lines = [f"{c},{s},S,C2,N1,{p},{v},{e},{'X1' if e else ''},,,," for c, s, p, v, e in ROWS]
    (folder / "episodes_2024.csv").write_text(EPISODES + "\n" + "\n".join(lines) + "\n")
    return folder


def test_cli_prints_the_mix_and_the_highest_cost_types(tmp_path: Path) -> None:
    folder = _write(tmp_path / "903")
    args = ["--unit-cost", "fostering_in_house=500", "--unit-cost", "fostering_agency=900",
            "--unit-cost", "residential=7000", "--unit-cost", "supported=1400",
            "--unit-cost", "other=200"]  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", "finance",
         "--returns", str(folder), "--la", "Stoke-on-Trent", *args],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "What drives placement cost: Stoke-on-Trent, the year to 31 March 2024" in out
    assert "were residential (£92,000) and in-house fostering (£26,143)" in " ".join(out.split())
    row = next(line for line in out.splitlines() if line.startswith("In-house fostering"))
    assert row.split()[-4:] == ["1", "366", "£500", "£26,143"]
    assert "All placements" in out and "the council's own unit cost" in out
    assert max(len(line) for line in out.splitlines()) <= 100
    bad = subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", "finance",
         "--returns", str(folder), "--la", "Stoke-on-Trent", "--unit-cost", "hotel=9"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_cli_keep_stores_only_counts_for_the_service(tmp_path: Path) -> None:
    import json
    import sqlite3

    folder = _write(tmp_path / "903")
    home = tmp_path / "home"
    done = subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", "finance",
         "--returns", str(folder), "--la", "Stoke-on-Trent", "--keep"],
        capture_output=True, text=True, timeout=300,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin", "LINEOFSIGHT_HOME": str(home)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Kept the counts for Stoke-on-Trent's Finance page" in done.stdout
    db = next(home.rglob("*.sqlite3"))
    rows = (
        sqlite3.connect(db).execute("select la_code, counts from finance_placementmix").fetchall()
    )
    assert len(rows) == 1 and rows[0][0] == "E06000021"
    counts = json.loads(rows[0][1])
    assert counts["children"] == 3 and counts["days"] == 611
    assert "CHILD" not in rows[0][1] and '"A"' not in rows[0][1]
