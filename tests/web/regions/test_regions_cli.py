"""``lineofsight region add|show|share|degrade`` as a person runs them (subprocess).

Why: a region is set up and its extract made from the command line; the extract must hold no
identifier, full date of birth or full postcode of the synthetic returns it was made from.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

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
    run = _run(tmp_path, "region", "degrade", str(synthetic), "--secret-file", str(secret),
               "--out", str(out))  # fmt: skip
    assert run.returncode == 0, run.stderr
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


def test_degrade_refuses_a_short_secret(synthetic: Path, tmp_path: Path) -> None:
    secret = tmp_path / "region.key"
    secret.write_text("too-short\n")
    run = _run(tmp_path, "region", "degrade", str(synthetic), "--secret-file", str(secret),
               "--out", str(tmp_path / "x"))  # fmt: skip
    assert run.returncode == 2 and "at least 32 bytes" in run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "x").exists()


def test_add_load_show_and_withdraw(synthetic: Path, tmp_path: Path) -> None:
    add = _run(tmp_path, "region", "add", "test-alliance", "--name", "Test Alliance (synthetic)",
               "--member", "Rutland", "--member", "E06000001", "--member", "Darlington",
               "--signed-on", "2026-04-01", "--signatory", "A. Director, DCS, Rutland")  # fmt: skip
    assert add.returncode == 0, add.stderr
    assert "3 member councils" in add.stdout
    # the workforce census alone: the quickest return to publish
    workforce = next((synthetic / "workforce").glob("*.xml"))
    load = _run(tmp_path, "load", str(workforce), "--la", RUTLAND)
    assert load.returncode == 0, load.stderr
    shown = _run(tmp_path, "region", "show", "test-alliance", "--format", "csv")
    assert shown.returncode == 0, shown.stderr
    rows = list(csv.reader(shown.stdout.splitlines()))
    # members in E-code order: Hartlepool E06000001, Darlington E06000005, Rutland E06000017
    assert rows[0] == ["indicator", "Hartlepool", "Darlington", "Rutland", "regional median"]
    from lineofsight.indicators.meta import lookup_indicator

    title = lookup_indicator("sw_fte").title
    fte = next(r for r in rows if r[0] == title)
    assert fte[3] not in {"–", ""} and fte[1] == fte[2] == fte[4] == "–"  # one member: no median
    table = _run(tmp_path, "region", "show", "test-alliance")
    assert "Rutland (E06000017): aggregates only; own data to 20" in table.stdout
    assert "Hartlepool (E06000001): aggregates only\n" in table.stdout
    pack = _run(tmp_path, "region", "pack", "test-alliance", "--format", "html",
                "--out", str(tmp_path / "pack.html"))  # fmt: skip
    assert pack.returncode == 0, pack.stderr
    assert "Regional benchmarking pack" in (tmp_path / "pack.html").read_text()
    withdraw = _run(tmp_path, "region", "share", "test-alliance", "--la", "Rutland",
                    "--sharing", "withdrawn", "--reason", "test")  # fmt: skip
    assert withdraw.returncode == 0, withdraw.stderr
    after = list(csv.reader(_run(tmp_path, "region", "show", "test-alliance", "--format",
                                 "csv").stdout.splitlines()))  # fmt: skip
    assert after[0] == ["indicator", "Hartlepool", "Darlington", "regional median"]
