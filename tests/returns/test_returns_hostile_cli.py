"""Hostile, empty and header-only files through the commands a council runs: exit 2 and one
sentence on stderr, never a traceback, never exit 0 (issue #14: they printed ``TypeError`` and
``indicators compute`` exited 0)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostile_files import HOSTILE


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(LINEOFSIGHT_HOME=str(home), COLUMNS="100")
    return subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def _one_sentence(out: subprocess.CompletedProcess[str], name: str) -> None:
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Traceback" not in out.stderr and "Error" not in out.stdout
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and name in lines[0], out.stderr


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_validate_refuses_with_one_sentence(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    out = _run(tmp_path, "validate", str(path), "--out", str(tmp_path / "reports"))
    _one_sentence(out, name)


def test_an_empty_csv_is_refused_by_validate_load_and_compute(tmp_path: Path) -> None:
    path = tmp_path / "episodes.csv"
    path.write_bytes(b"")
    for args in (
        ["validate", str(path), "--format", "html"],
        ["load", str(path), "--la", "Rutland"],
        ["indicators", "compute", str(path), "--la", "Rutland"],
    ):
        out = _run(tmp_path, *args)
        _one_sentence(out, "episodes.csv")
        assert "empty" in out.stderr


def test_load_and_compute_refuse_an_entity_bomb(tmp_path: Path) -> None:
    path = tmp_path / "billion_laughs.xml"
    path.write_bytes(HOSTILE[path.name])
    for command in (["load"], ["indicators", "compute"]):
        _one_sentence(_run(tmp_path, *command, str(path), "--la", "Rutland"), path.name)


def test_compute_exits_2_when_no_indicator_can_be_computed(tmp_path: Path) -> None:
    """A 903 header table alone has records but nothing an indicator counts."""
    path = tmp_path / "header.csv"
    path.write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,01/01/2010,WBRI,A1,,\n")
    out = _run(tmp_path, "indicators", "compute", str(path), "--la", "Rutland")
    assert out.returncode == 2 and "No indicators could be computed" in out.stderr
    assert "Traceback" not in out.stderr
