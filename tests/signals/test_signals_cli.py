"""The signals command as a user runs them: output, formats and one-sentence errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CLI = str(Path(sys.executable).with_name("lineofsight"))  # the installed console script


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, check=False)


def test_signals_json_is_sorted_and_readable() -> None:
    r = run("signals", "Stoke-on-Trent", "--format", "json", "--rules")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    order = {"high": 0, "medium": 1, "low": 2}
    assert [order[s["severity"]] for s in data] == sorted(order[s["severity"]] for s in data)
    assert {"indicator_id", "kind", "rule", "sentence", "evidence"} <= set(data[0])


def test_signals_table_fits_100_columns() -> None:
    r = run("signals", "861")
    assert r.returncode == 0, r.stderr
    assert "Judgements for Stoke-on-Trent" in r.stdout
    assert max(len(line) for line in r.stdout.splitlines()) <= 100


def test_unknown_council_is_one_sentence_and_exit_2() -> None:
    for args in (("signals", "Nowhereshire"),):
        r = run(*args)
        assert r.returncode == 2
        assert "Traceback" not in r.stderr
        assert "No local authority matches 'Nowhereshire'" in r.stderr
