"""``lineofsight validate`` as an analyst runs it: a real subprocess, its exit codes (0 clean or
queries only, 1 errors, 2 unusable input), a summary that fits 100 columns, and reports written
to --out with every value escaped in the HTML."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from returns_helpers import EPISODES, HEADER, ep


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", "validate", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"},
    )


def _clean_set(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "header.csv").write_text(HEADER + "A,1,01/01/2010,WBRI,A1,,\n")
    (folder / "episodes.csv").write_text(EPISODES + ep("A", "01/05/2023", "01/06/2023", "E11"))
    return folder


def test_clean_return_exits_0(tmp_path: Path) -> None:
    out = run(str(_clean_set(tmp_path / "ok")), "--year", "2024")
    assert out.returncode == 0, out.stderr
    assert "ssda903 (2024): 2 rows read, 2 used, 0 reported; 0 errors" in out.stdout


def test_queries_only_exit_0(tmp_path: Path) -> None:
    folder = _clean_set(tmp_path / "q")
    (folder / "header.csv").write_text(HEADER.rstrip() + ",Notes\nA,1,01/01/2010,WBRI,A1,,,x\n")
    out = run(str(folder), "--year", "2024")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "COLUMN-EXTRA" in out.stdout and "query" in out.stdout


def test_errors_exit_1_with_a_summary_that_fits_100_columns(tmp_path: Path) -> None:
    folder = _clean_set(tmp_path / "bad")
    (folder / "episodes.csv").write_text(EPISODES + ep("A", "01/06/2023", "01/05/2023", "E11"))
    out = run(str(folder), "--year", "2024")
    assert out.returncode == 1, out.stderr
    assert "356" in out.stdout and "error" in out.stdout
    assert max(len(line) for line in out.stdout.splitlines()) <= 100


def test_unusable_input_exits_2_with_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"PK\x03\x04whatever")
    out = run(str(path))
    assert out.returncode == 2
    assert "book.xlsx" in out.stderr and "Traceback" not in out.stderr
    missing = run(str(tmp_path / "nothing-here"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_reports_written_to_out_and_html_escapes_values(tmp_path: Path) -> None:
    folder = _clean_set(tmp_path / "x")
    (folder / "header.csv").write_text(HEADER + "<b>A</b>,9,01/01/2010,WBRI,A1,,\n")
    out_dir = tmp_path / "reports"
    out = run(str(folder), "--year", "2024", "--out", str(out_dir))
    assert out.returncode == 1
    html = (out_dir / "findings.html").read_text()
    assert "<b>A</b>" not in html and "&lt;b&gt;A&lt;/b&gt;" in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("h1").get_text() == "Validation findings"
    rules = [td.get_text() for td in soup.select("table")[1].select("tbody tr td:first-child")]
    assert "101" in rules
    assert soup.select_one("[role=note]") is None  # a council's own files are not demo
    payload = json.loads((out_dir / "findings.json").read_text())
    assert payload["returns"][0]["rows_read"] == 2 and "demo_content" not in payload
    sex = [f for f in payload["findings"] if f["rule_id"] == "101"]
    assert (
        sex[0]["child_id"] == "<b>A</b>" and sex[0]["row"] == 1 and sex[0]["file"] == "header.csv"
    )
    csv_text = (out_dir / "findings.csv").read_text()
    assert csv_text.splitlines()[0] == "rule_id,severity,file,row,child_id,field,message"


def test_json_format_on_stdout(tmp_path: Path) -> None:
    out = run(str(_clean_set(tmp_path / "j")), "--year", "2024", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["returns"][0]["kind"] == "ssda903"
