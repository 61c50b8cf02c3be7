"""``lineofsight pack`` as a person runs it: a PDF or HTML file on exit 0, one sentence and exit 2
for bad input.

Why: the command is how a council makes a pack before anything is recorded in the service; it
must work on the published data alone and never print a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdf
import pytest


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    code = "from lineofsight.cli import run; run()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        check=False,
    )


def test_quartet_pdf_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    result = run("pack", "quartet", "--la", "Stoke-on-Trent", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Wrote" in result.stdout and "Stoke-on-Trent" in result.stdout
    data = out.read_bytes()
    assert data.startswith(b"%PDF-1.7")
    reader = pypdf.PdfReader(out)
    assert "Strategic quartet briefing" in (reader.pages[0].extract_text() or "")


def test_scrutiny_html_with_a_theme_and_date(tmp_path: Path) -> None:
    result = run(
        "pack", "scrutiny", "--la", "861", "--theme", "workforce", "--as-at", "2026-05-01",
        "--format", "html", "--out", str(tmp_path / "s.html"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "s.html").read_text()
    assert "Scrutiny pack: Social work workforce" in html
    assert "Data as at 1 May 2026" in html


def test_default_file_name_from_council_pack_and_date(tmp_path: Path) -> None:
    result = run("pack", "self-evaluation", "--la", "Rutland", "--format", "html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "rutland-self-evaluation-pack-2026-04-01.html").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--la", "Stoke-on-Trnt"], "No local authority matches 'Stoke-on-Trnt'"),
        (["--la", "861", "--as-at", "1 April"], "--as-at '1 April' is not a date"),
        (
            ["--la", "861", "--out", "/no/such/folder/p.pdf"],
            "The folder /no/such/folder does not exist",
        ),
        (["--la", "861", "--theme", "finance"], "Only the scrutiny pack takes a theme"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(args: list[str], message: str) -> None:
    result = run("pack", "quartet", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_scrutiny_theme_is_exit_2() -> None:
    result = run("pack", "scrutiny", "--la", "861", "--theme", "nurseries")
    assert result.returncode == 2
    assert "Unknown theme 'nurseries'" in result.stderr
