"""The command line as people use it: real subprocesses for exit codes and output width."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from lineofsight.cli import app
from lineofsight.reference.las import registry


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"},
    )


def test_profile_prints_themes_and_fits_100_columns() -> None:
    out = run("profile", "Stoke-on-Trent")
    assert out.returncode == 0, out.stderr
    assert "Stoke-on-Trent" in out.stdout and "E06000021" in out.stdout
    assert "Children in care" in out.stdout or "children in care" in out.stdout.lower()
    assert max(len(line) for line in out.stdout.splitlines()) <= 100


def test_profile_json_has_the_published_england_figure() -> None:
    out = run("profile", "861", "--format", "json", "--year", "2025")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    cla = next(r for r in rows if r["indicator_id"] == "cla_count")
    assert cla["england"] == 81770 and cla["la_name"] == "Stoke-on-Trent"


def test_profile_csv_and_2021_neighbours() -> None:
    out = run("profile", "E08000035", "--format", "csv", "--neighbours", "2021")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].startswith("la_code,")
    assert "Leeds" in out.stdout


@pytest.mark.parametrize(
    "args,needle",
    [
        (("profile", "Stoke-on-Trnt"), "Did you mean 'Stoke-on-Trent'"),
        (("profile", "Atlantis"), "No local authority matches 'Atlantis'"),
        (("profile", "Leeds", "--year", "1990"), "No published figures for 1990"),
        (("profile", "Leeds", "--year", "last"), "'last' is not a year"),
        (
            ("compare", "Leeds", "Bradford", "-i", "cla_rate_per_10"),
            "Did you mean 'cla_rate_per_10k'",
        ),
        (("compare", "Leeds"), "at least two councils"),
        (("indicators", "--theme", "nonsense"), "Unknown theme 'nonsense'"),
        (("profile", "Leeds", "--neighbours", "2019"), "2019"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(args: tuple[str, ...], needle: str) -> None:
    out = run(*args)
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert needle in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_indicators_lists_the_catalogue_and_all_measures() -> None:
    out = run("indicators")
    assert out.returncode == 0, out.stderr
    assert "cla_rate_per_10k" in out.stdout
    full = run("indicators", "--all", "--format", "json")
    ids = {r["id"] for r in json.loads(full.stdout)}
    assert "lait:LACnum" in ids and len(ids) >= 470


def test_compare_puts_councils_side_by_side() -> None:
    out = run(
        "compare",
        "Leeds",
        "Bradford",
        "Kirklees",
        "-i",
        "cla_rate_per_10k",
        "-i",
        "sw_agency_rate_pct",
    )
    assert out.returncode == 0, out.stderr
    for name in ("Leeds", "Bradford", "Kirklees"):
        assert name in out.stdout
    assert max(len(line) for line in out.stdout.splitlines()) <= 100


def test_profile_works_for_every_one_of_the_153_las() -> None:
    """In-process over the real CLI app: every current LA gets a full profile, by old code."""
    runner = CliRunner()
    for la in registry().current():
        result = runner.invoke(app, ["profile", la.old_code, "--format", "json"])
        assert result.exit_code == 0, (la.name, result.output)
        assert len(json.loads(result.stdout)) >= 40
