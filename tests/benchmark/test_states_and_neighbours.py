"""Issue 17, figures and their states: what a leader or analyst reads from profile and compare.

Why: each of these misled someone trying the service. CSV and JSON must say why a figure is blank,
money must read as money, a year asked for must not silently drop indicators, the Year column must
say its convention, a joint return must not be benchmarked against itself nor ranked twice, and
closeness of neighbours must be shown. The CLI runs as a subprocess, as people use it.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.indicators.meta import lookup_indicator
from lineofsight.reference.las import resolve

KINGSTON, RICHMOND = "E09000021", "E09000027"
NORTH_NORTHANTS, WEST_NORTHANTS = "E06000061", "E06000062"
VACANCY = "sw_vacancy_rate_pct"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"},
    )


# CSV and JSON --------------------------------------------------------------------------------
FIGURES = {
    "value": "state",
    "previous_value": "previous_state",
    "change": "change_state",
    "neighbours_mean": "neighbours_mean_state",
    "neighbours_median": "neighbours_median_state",
    "region": "region_state",
    "england": "england_state",
    "rate": "rate_state",
}


def test_csv_gives_every_blank_figure_its_state_and_no_float_noise() -> None:
    out = run("profile", "Isles of Scilly", "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) > 50
    for r in rows:
        for figure, state in FIGURES.items():
            assert r[state], (r["indicator_id"], figure)
            assert (r[figure] == "") == (r[state] != "value"), (r["indicator_id"], figure, r)
            # rounded as published: no 19.400000000000002
            assert len(r[figure].partition(".")[2]) <= 6, (figure, r[figure])
        assert "." not in r["rank"] and "." not in r["ranked"]
        assert (r["year_text"] and r["year"] in r["year_text"]) or "-" in r["year"]
    suppressed = [r for r in rows if r["previous_state"] in ("c", "x", "z", "u")]
    assert suppressed, "the Isles of Scilly has suppressed previous years"
    assert any(r["rank"] for r in rows)


def test_json_year_2025_keeps_indicators_whose_latest_year_is_earlier() -> None:
    latest = json.loads(run("profile", "Leeds", "--format", "json").stdout)
    asked = run("profile", "Leeds", "--format", "json", "--year", "2025")
    assert asked.returncode == 0, asked.stderr
    rows = json.loads(asked.stdout)
    assert {r["indicator_id"] for r in rows} == {r["indicator_id"] for r in latest}
    older = [r for r in rows if not r["year"].endswith(("2025", "-25"))]
    assert older, "some indicators are not yet published for 2025"
    for r in rows:
        assert r["year_text"], r
        for figure, state in FIGURES.items():
            assert (r[figure] is None) == (r[state] != "value"), (r["indicator_id"], figure)
        assert r["rank"] is None or isinstance(r["rank"], int)
    table = run("profile", "Leeds", "--year", "2025")
    assert f"{len(older)} of {len(rows)} indicators have no 2025 figure yet" in table.stdout


def test_finance_rows_have_names_and_pounds_and_years_say_their_convention() -> None:
    out = run("profile", "Leeds", "--theme", "finance")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    rows = [line for line in text.splitlines() if "FY 2024-25" in line]
    assert len(rows) >= 5
    assert all(line[:16].strip() for line in rows), "every row starts with its indicator's name"
    assert "Youth justice" in text and "Weekly cost per" in text
    assert "£" in text and "m" in text  # money as GOV.UK writes it: £148.8m
    assert "FY 2024-25" in text and "financial year" in text
    assert max(len(line) for line in text.splitlines()) <= 100
    cla = run("profile", "Leeds", "--theme", "children_in_care").stdout
    assert "31 Mar 2025" in cla


def test_bad_choices_are_one_sentence_and_exit_2() -> None:
    for args in (("--neighbours", "2099"), ("--format", "xml")):
        out = run("profile", "Leeds", *args)
        assert out.returncode == 2
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1, out.stderr
        assert args[1] in lines[0] and "Usage" not in out.stderr


# Joint returns, closeness, headers ------------------------------------------------------------
def test_a_joint_return_is_not_its_own_neighbour_nor_ranked_twice() -> None:
    bench = get_benchmark()
    kingston = bench.entry(resolve(KINGSTON), VACANCY, "2025")
    richmond = bench.entry(resolve(RICHMOND), VACANCY, "2025")
    assert kingston is not None and richmond is not None
    assert kingston.value == richmond.value  # one return for both
    partner = [n for n in kingston.neighbours if n.la.code == RICHMOND]
    assert partner and partner[0].joint and partner[0].better is None
    others = [n.value.number for n in kingston.neighbours if not n.joint and n.value.ok]
    assert kingston.neighbours_counted == len(others)
    assert kingston.rank == richmond.rank
    panel = bench.panel(VACANCY)
    with_value = [c for c in bench.current if c in panel.row and panel.cell(c, "2025").ok]
    # Kingston/Richmond and North/West Northamptonshire: two joint returns, each ranked once
    assert kingston.ranked == len(with_value) - 2
    north = bench.entry(resolve(NORTH_NORTHANTS), VACANCY, "2025")
    assert north is not None and "joint return" in north.note
    assert north.rank == bench.entry(resolve(WEST_NORTHANTS), VACANCY, "2025").rank  # type: ignore[union-attr]


def test_the_cli_says_when_figures_come_from_a_joint_return() -> None:
    out = run("profile", "Richmond upon Thames", "--theme", "workforce")
    text = " ".join(out.stdout.split())
    assert "joint return: Kingston upon Thames and Richmond upon Thames" in text
    assert "left out of the neighbour median" in text


def test_closeness_is_shown_with_a_caveat_where_neighbours_are_not_close() -> None:
    out = run("profile", "City of London", "--theme", "workforce")
    assert out.returncode == 0, out.stderr
    assert "Camden (not close)" in out.stdout
    assert "10 of City of London's 10 statistical neighbours 'not close'" in " ".join(
        out.stdout.split()
    )
    bench = get_benchmark()
    assert bench.closeness_caveat(resolve("Isles of Scilly"))
    assert not bench.closeness_caveat(resolve("Leeds"))
    assert "(very close)" in run("profile", "Leeds", "--theme", "finance").stdout


def test_dorset_header_says_what_happened_in_2019() -> None:
    out = run("profile", "Dorset", "--theme", "ofsted")
    text = " ".join(out.stdout.split())
    assert "served by" not in text
    assert "Dorset County Council, Bournemouth and Poole were replaced by Dorset Council" in text


def test_workforce_note_for_kensington_and_westminster_is_true() -> None:
    bench = get_benchmark()
    for name in ("Kensington and Chelsea", "Westminster"):
        la = resolve(name)
        for ind in ("sw_vacancy_rate_pct", "sw_agency_rate_pct", "sw_turnover_rate_pct"):
            note = lookup_indicator(ind).note
            shown = bench.panel(ind).cell(la.code, "2025")
            if "show their 2024 figures" in note:
                assert shown == bench.panel(ind).cell(la.code, "2024")
            else:
                assert shown.state.value == "x" and "no figures" in note


def test_compare_shows_published_codes_and_year_conventions() -> None:
    """The issue's examples: Tameside's 3% and Dorset's and Bournemouth's 2019 rates, not [x]."""
    out = run(
        "compare",
        "Tameside",
        "Leeds",
        "-i",
        "care_leavers_not_in_touch_19_21_pct",
        "--year",
        "2023",
    )
    assert out.returncode == 0, out.stderr
    assert "3%" in out.stdout and "31 Mar 2023" in out.stdout
    old = run("compare", "E10000009", "E06000028", "-i", "cla_rate_per_10k", "--year", "2019")
    row = next(line for line in old.stdout.splitlines() if line.startswith("Children looked"))
    assert row.split()[-3:] == ["54", "68", "66"], row
