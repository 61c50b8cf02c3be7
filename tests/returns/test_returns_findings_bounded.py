"""Findings in bounded memory (issue #14: a million-row 903 file with a bad code on every row
drove ``validate`` to 16 GB and 4 GB of reports). Past a threshold the full list goes to a file
and is streamed back; people's reports show counts per rule and the first examples only."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from lineofsight.returns import findings as fmod
from lineofsight.returns.findings import EXAMPLES, Batch, Finding, Findings, Severity

E = Severity.ERROR


def _f(rule: str, row: int) -> Finding:
    return Finding(rule, E, "episodes.csv", row, f"C{row}", "RNE", f"RNE bad on {row}")


def test_past_the_threshold_the_list_streams_from_a_file_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fmod, "IN_MEMORY", 10)
    out = Findings(_f("143", i) for i in range(1, 6))
    n = 100
    batch = Batch("144", E, "LS", "LS '{value}' is bad", ["e.csv"] * n, list(range(n)),
                  [f"K{i}" for i in range(n)], [f"Z{i}" for i in range(n)])  # fmt: skip
    out += batch
    out.append(_f("143", 6))
    other = Findings([_f("145", 1)])
    out += other
    assert out.spilled and len(out) == 107 and out.error_count == 107
    assert out.counts[("144", "error")] == n
    assert len(out.examples[("144", "error")]) == EXAMPLES
    items = list(out)
    assert [f.rule_id for f in items[:6]] == ["143"] * 5 + ["144"]
    assert items[5] == Finding("144", E, "e.csv", 0, "K0", "LS", "LS 'Z0' is bad")
    assert items[-2].row == 6 and items[-1].rule_id == "145"
    assert list(out) == items  # iterating twice gives the same list


def _bad_episodes(folder: Path, rows: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "episodes_2023-24.csv"
    lines = [
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
    ]
    lines += [f"C{i},01/05/2023,Q,C2,N1,U1,PR1,,,,,," for i in range(rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_validate_reports_are_capped_and_the_csv_is_complete(tmp_path: Path) -> None:
    rows = EXAMPLES * 3
    path = _bad_episodes(tmp_path / "in", rows)
    out = subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", "validate", str(path),
         "--out", str(tmp_path / "reports")],
        capture_output=True, text=True, timeout=300, check=False, env={"PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert out.returncode == 1, out.stderr
    with (tmp_path / "reports" / "findings.csv").open() as fh:
        listed = [r for r in csv.DictReader(fh) if r["rule_id"] == "143"]
    assert len(listed) == rows
    page = BeautifulSoup((tmp_path / "reports" / "findings.html").read_text(), "html.parser")
    shown = [tr for tr in page.select("tr") if tr.td and tr.td.get_text(strip=True) == "143"]
    assert len(shown) == EXAMPLES + 1  # the summary line and the first examples
    assert "The full list is in the findings CSV" in page.get_text(" ")
    payload = json.loads((tmp_path / "reports" / "findings.json").read_text())
    assert payload["findings_total"] > payload["findings_shown"]
    assert sum(1 for f in payload["findings"] if f["rule_id"] == "143") == EXAMPLES
    summary = {s["rule_id"]: s["count"] for s in payload["summary"]}
    assert summary["143"] == rows
