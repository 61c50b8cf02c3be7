"""``lineofsight finance`` as a user runs it: a subprocess, its output and exit code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.reference.las import resolve
from lineofsight.wording import money


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", "finance", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_published_finance_for_a_council() -> None:
    done = _run("Kent")
    assert done.returncode == 0, done.stderr
    e = get_benchmark().entry(resolve("Kent"), "cs_spend_gross")
    assert e is not None and e.value.number is not None
    assert (
        f"Children and young people's services spend: {money(e.value.number)} "
        f"({e.year} financial year)" in done.stdout
    )
    assert (
        "Weekly cost per child in residential care: £6,335 (2024-25 financial year)" in done.stdout
    )
    assert "Children's social care spend (RO3): £379.2m (2024-25 financial year)" in done.stdout


def test_a_monitoring_file_shows_variance_and_signals(tmp_path: Path) -> None:
    good = tmp_path / "m.csv"
    good.write_text(
        "period,service_line,budget,forecast_outturn,actual_to_date\n"
        "2025-10,cla_residential,50000000,56000000,30000000\n"
        "2025-10,safeguarding,70000000,70000000,40000000\n"
    )
    done = _run("--monitoring", str(good), "--la", "Kent")
    assert done.returncode == 0, done.stderr
    assert "Budget monitoring: Kent, 2025-26, at the end of October 2025" in done.stdout
    assert "All service lines" in done.stdout and "£6m" in done.stdout
    assert "high: At the end of October 2025 the forecast outturn" in done.stdout


def test_a_bad_monitoring_file_lists_each_problem_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("period,service_line,budget,forecast_outturn\n2025-10,nope,1,1\n")
    done = _run("--monitoring", str(bad), "--la", "Kent")
    assert done.returncode == 2
    assert "'bad.csv' was not used (1 problem)" in done.stderr
    assert "Row 2: service line 'nope' is not one of the template's lines" in done.stderr
    assert "Traceback" not in done.stderr


def test_template_is_written_and_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    done = _run("--template", str(out))
    assert done.returncode == 0 and out.read_bytes()[:2] == b"PK"
    from lineofsight.finance.monitoring import parse_monitoring

    assert parse_monitoring(out.read_bytes(), out.name).rows
    assert _run("--template", str(tmp_path / "t.pdf")).returncode == 2
