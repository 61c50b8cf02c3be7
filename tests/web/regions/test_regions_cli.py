"""``lineofsight region add|show|share|pack|degrade`` as a person runs them.

Why: a region is set up and its extract made from the command line; the extract must hold no
identifier, full date of birth or full postcode of the synthetic returns it was made from.
One command runs as a subprocess (the entry point, a fresh database, exit codes); the others run
the same Typer app in-process (each subprocess costs Django's start-up and a migration check).
"""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from lineofsight.cli import app, run

CLI = [sys.executable, "-c", "from lineofsight.cli import run; run()"]
RUTLAND = "E06000017"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from lineofsight.reference.las import resolve
    from lineofsight.synth.generate import generate

    out = tmp_path_factory.mktemp("synthetic")
    generate(resolve(RUTLAND), out, 2025, 2025, 7, 0.0)
    return out / RUTLAND


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"LINEOFSIGHT_HOME": str(home), "COLUMNS": "200"})
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=300)


def _column(path: Path, name: str) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return [row[name] for row in csv.DictReader(fh)]


def test_degrade_writes_an_extract_with_no_identifier_dob_or_postcode(
    synthetic: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "region.key"
    secret.write_bytes(os.urandom(48).hex().encode())
    out = tmp_path / "extract"
    run = CliRunner().invoke(app, ["region", "degrade", str(synthetic), "--secret-file",
                                   str(secret), "--out", str(out)])  # fmt: skip
    assert run.exit_code == 0, run.output
    assert "Degraded extract:" in run.stdout
    source = synthetic / "ssda903" / "2025"
    children = set(_column(source / "header.csv", "CHILD"))
    upns = {u for u in _column(source / "header.csv", "UPN") if u and not u.startswith("UN")}
    postcodes = {p for p in _column(source / "episodes.csv", "HOME_POST") if p}
    text = "\n".join(p.read_text() for p in out.rglob("*.csv"))
    cells = {c for line in text.splitlines() for c in line.split(",")}
    assert not (children | upns) & cells
    assert not postcodes & cells
    header = out / "ssda903" / "header.csv"
    assert all(d.endswith("-01") for d in _column(header, "DOB") if d)
    assert all(len(p) <= 4 for p in _column(out / "ssda903" / "episodes.csv", "HOME_POST"))
    assert (out / "cin").is_dir() and (out / "DEGRADED.txt").exists()
    # the CIN children's ids are tokens that match the same ids typed in another case
    assert all(len(t) == 64 for t in _column(out / "cin" / "children.csv", "LAchildID"))


def test_degrade_refuses_a_short_secret(
    synthetic: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Through the console entry point (``run``), in-process: one sentence and exit 2."""
    secret = tmp_path / "region.key"
    secret.write_text("too-short\n")
    monkeypatch.setattr(sys, "argv", ["lineofsight", "region", "degrade", str(synthetic),
                                      "--secret-file", str(secret), "--out", str(tmp_path / "x")])  # fmt: skip
    with pytest.raises(SystemExit) as exited:
        run()
    err = capsys.readouterr().err
    assert exited.value.code == 2 and "at least 32 bytes" in err
    assert "Traceback" not in err and not (tmp_path / "x").exists()


def test_region_add_runs_from_the_command_line(tmp_path: Path) -> None:
    """The one run as a person runs it: the entry point sets up and migrates a fresh database,
    records the region, its members and their audit events; the rest run in-process below."""
    add = _run(tmp_path, "region", "add", "test-alliance", "--name", "Test Alliance (synthetic)",
               "--member", "Rutland", "--member", "E06000001", "--member", "Darlington",
               "--signed-on", "2026-04-01", "--signatory", "A. Director, DCS, Rutland")  # fmt: skip
    assert add.returncode == 0, add.stderr
    assert "3 member councils" in add.stdout and "agreement of 2026-04-01 recorded" in add.stdout
    with sqlite3.connect(tmp_path / "lineofsight.sqlite3") as db:
        members = db.execute(
            "SELECT la_code, sharing FROM regions_member ORDER BY la_code"
        ).fetchall()
        audited = db.execute(
            "SELECT COUNT(*) FROM audit_auditevent WHERE object_type = 'region_member'"
        ).fetchone()
    assert members == [(c, "aggregates") for c in ("E06000001", "E06000005", RUTLAND)]
    assert audited == (3,)


@pytest.mark.django_db
def test_add_load_show_and_withdraw(
    synthetic: Path, tmp_path: Path, in_process: Callable[..., Result]
) -> None:
    add = in_process("region", "add", "test-alliance", "--name", "Test Alliance (synthetic)",
                     "--member", "Rutland", "--member", "E06000001", "--member", "Darlington",
                     "--signed-on", "2026-04-01", "--signatory", "A. Director, DCS, Rutland")  # fmt: skip
    assert "3 member councils" in add.stdout
    # the workforce census alone: the quickest return to publish
    workforce = next((synthetic / "workforce").glob("*.xml"))
    in_process("load", str(workforce), "--la", RUTLAND)
    shown = in_process("region", "show", "test-alliance", "--format", "csv")
    rows = list(csv.reader(shown.stdout.splitlines()))
    # members in E-code order: Hartlepool E06000001, Darlington E06000005, Rutland E06000017
    assert rows[0] == ["indicator", "Hartlepool", "Darlington", "Rutland", "regional median"]
    from lineofsight.indicators.meta import lookup_indicator

    title = lookup_indicator("sw_fte").title
    fte = next(r for r in rows if r[0] == title)
    assert fte[3] not in {"–", ""} and fte[1] == fte[2] == fte[4] == "–"  # one member: no median
    table = in_process("region", "show", "test-alliance")
    assert "Rutland (E06000017): aggregates only; own data to 20" in table.stdout
    assert "Hartlepool (E06000001): aggregates only\n" in table.stdout
    assert "DEMO" not in table.stdout  # real returns, a real region
    in_process("region", "pack", "test-alliance", "--format", "html",
               "--out", str(tmp_path / "pack.html"))  # fmt: skip
    pack = (tmp_path / "pack.html").read_text()
    assert "Regional benchmarking pack" in pack and "Demo pack" not in pack
    in_process("region", "share", "test-alliance", "--la", "Rutland",
               "--sharing", "withdrawn", "--reason", "test")  # fmt: skip
    after = list(csv.reader(in_process("region", "show", "test-alliance", "--format",
                                       "csv").stdout.splitlines()))  # fmt: skip
    assert after[0] == ["indicator", "Hartlepool", "Darlington", "regional median"]
