"""The risk command as a user runs it: output, formats and one-sentence errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CLI = str(Path(sys.executable).with_name("lineofsight"))  # the installed console script


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, check=False)


def test_unknown_council_is_one_sentence_and_exit_2() -> None:
    r = run("risk", "Nowhereshire")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "No local authority matches 'Nowhereshire'" in r.stderr


def test_risk_evaluate_reprints_the_stored_backtest() -> None:
    r = run("risk", "--evaluate")
    assert r.returncode == 0, r.stderr
    assert "Previous judgement alone" in r.stdout and "Recent share RI or worse" in r.stdout
    assert "2024-25" in r.stdout and "CITL" in r.stdout
    assert max(len(line) for line in r.stdout.splitlines()) <= 100


def test_risk_for_a_council_gives_estimate_factors_and_caveats() -> None:
    r = run("risk", "Stoke-on-Trent")
    assert r.returncode == 0, r.stderr
    assert "Overall effectiveness:" in r.stdout and "Impact of leaders:" in r.stdout
    assert "Main factors" in r.stdout and "What it cannot tell you:" in r.stdout
    assert "as at 31 March 2025" in r.stdout and "may have been inspected since" in r.stdout
    assert " points higher because " in r.stdout and "log-odds" not in r.stdout
    assert max(len(line) for line in r.stdout.splitlines()) <= 100


def test_risk_json_has_interval_national_share_and_sentences() -> None:
    r = run("risk", "Leeds", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["ofsted_data_as_at"] == "2025-03-31"
    for e in data["estimates"]:
        assert e["low"] <= e["probability"] <= e["high"]
        assert e["sentence"].startswith(f"About {100 * e['probability']:.0f}% (95% interval")
        assert all(f["sentence"] for f in e["factors"])
