"""The assurance content is readable from the command line as a leader or analyst would use it:
every key question with its id and evidence, and the seven enablers with the maturity levels."""

from __future__ import annotations

import re
import subprocess
import sys

from lineofsight.assurance.content import enablers, key_questions


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", "assurance", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_questions_lists_all_25_with_their_evidence() -> None:
    out = _run("questions")
    assert out.returncode == 0, out.stderr
    ids = re.findall(r"^  (kq_[a-z_]+_\d\d): ", out.stdout, re.MULTILINE)
    assert ids == [q.id for q in key_questions().questions]
    assert "15 February 2024" in out.stdout
    assert "evidence: cs_spend_gross, cs_spend_per_child, cla_spend_gross" in out.stdout


def test_enablers_lists_the_seven_and_the_levels() -> None:
    out = _run("enablers")
    assert out.returncode == 0, out.stderr
    for e in enablers().enablers:
        assert f"{e.number}. {e.title}" in out.stdout
    assert "Emerging:" in out.stdout and "Leading:" in out.stdout
