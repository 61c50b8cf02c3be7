"""``lineofsight synth`` as a user runs it: same seed gives byte-identical files, output reads back
through the readers with no errors, and bad options get one clear sentence, not a traceback."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

from tests_synth_helpers import FIRST, LAST, SEED

from lineofsight.returns.findings import Severity
from lineofsight.returns.load import read_paths
from lineofsight.synth.generate import Summary


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def _files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def test_same_seed_gives_byte_identical_files(tmp_path: Path, clean: tuple[Path, Summary]) -> None:
    root, _ = clean
    proc = _run("synth", "--la", "805", "--years", f"{FIRST}-{LAST}", "--seed", str(SEED),
                "--out", str(tmp_path))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "Hartlepool" in proc.stdout and "children" in proc.stdout
    again = tmp_path / root.name
    assert _files(again) == _files(root)
    match, mismatch, errors = filecmp.cmpfiles(
        root, again, [str(p) for p in _files(root)], shallow=False
    )
    assert not mismatch and not errors and match


def test_another_seed_gives_other_children(tmp_path: Path, clean: tuple[Path, Summary]) -> None:
    root, _ = clean
    proc = _run("synth", "--la", "Hartlepool", "--years", f"{LAST}", "--seed", str(SEED + 1),
                "--out", str(tmp_path))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    a = (root / "ssda903" / str(LAST) / "episodes.csv").read_bytes()
    b = (tmp_path / root.name / "ssda903" / str(LAST) / "episodes.csv").read_bytes()
    assert a != b


def test_clean_output_reads_back_with_no_errors(clean: tuple[Path, Summary]) -> None:
    root, summary = clean
    results = read_paths([root / "ssda903", root / "cin", root / "workforce"])
    assert [r.kind for r in results] == ["ssda903", "cin", "workforce"]
    for r in results:
        errors = [f for f in r.findings if f.severity == Severity.ERROR]
        assert errors == [], (r.kind, errors[:3])
        assert r.rows_read == r.rows_used + r.rows_reported
        assert r.rows_used > 0
    assert sorted(results[0].years or []) == list(range(FIRST, LAST + 1))
    assert summary.children > 1000


def test_bad_options_get_one_sentence_and_exit_2(tmp_path: Path) -> None:
    for args, words in (
        (["--la", "Hartlepool", "--years", "2025-2016"], "backwards"),
        (["--la", "Hartlepool", "--years", "soon"], "not a year"),
        (["--la", "Nowhereshire"], "No local authority"),
        (["--la", "Hartlepool", "--faults", "2"], "between 0 and 0.5"),
        (
            ["--la", "Hartlepool", "--years", "2024-2025", "--as-at", "2025-11-30"],
            "end --years with 2026",
        ),
        (["--la", "Hartlepool", "--years", "2025-2026", "--as-at", "30/11/2025"], "not a date"),
        ([], "--la COUNCIL or --all-las"),
    ):
        proc = _run("synth", "--out", str(tmp_path), *args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert words in proc.stderr and "Traceback" not in proc.stderr


def test_tiny_councils_with_zero_and_suppressed_figures_still_generate(tmp_path: Path) -> None:
    """The Isles of Scilly publish zeros (no child looked after) and the City of London 0% and
    100% shares; both must still give readable returns, not a crash."""
    for la in ("Isles of Scilly", "City of London"):
        proc = _run("synth", "--la", la, "--years", "2024-2025", "--out", str(tmp_path))
        assert proc.returncode == 0, (la, proc.stderr)
    scilly = next(
        p for p in tmp_path.iterdir() if (p / "ssda903").exists() and p.name == "E06000053"
    )
    episodes = (scilly / "ssda903" / "2025" / "episodes.csv").read_text(encoding="utf-8")
    assert episodes.splitlines()[0].startswith("CHILD,DECOM,RNE")


_UK = r"(\d\d)/(\d\d)/(\d{4})"


def test_an_in_year_extract_stops_on_its_day(tmp_path: Path) -> None:
    """``--as-at`` makes the last year an extract taken that day: nothing in its files is later,
    the CIN census is dated that day, a workforce census not yet taken is not written, and the
    engine reads the extract as the 12 months to its latest episode, not the year to 31 March."""
    import datetime as dt
    import re

    from lineofsight.indicators.engine import compute

    proc = _run("synth", "--la", "Hartlepool", "--years", "2025-2026", "--as-at", "2025-11-30",
                "--out", str(tmp_path))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "the last to 2025-11-30" in proc.stdout
    root = tmp_path / "E06000001"
    extract = dt.date(2025, 11, 30)
    # every recorded event is on or before the extract day (DUC, the day an unaccompanied child
    # turns 18, and InitialCPCtarget, a deadline, are dates to come, not events)
    for csv_file in (root / "ssda903" / "2026").glob("*.csv"):
        text = csv_file.read_text() if csv_file.name != "uasc.csv" else ""
        days = [dt.date(int(y), int(m), int(d)) for d, m, y in re.findall(_UK, text)]
        assert all(day <= extract for day in days), csv_file.name
    cin = (root / "cin" / "cin_census_2026.xml").read_text()
    assert "<ReferenceDate>2025-11-30</ReferenceDate>" in cin
    events = re.findall(r"<(?!InitialCPCtarget)\w+>(\d{4}-\d\d-\d\d)<", cin)
    assert max(dt.date.fromisoformat(d) for d in events) == extract  # the ReferenceDate
    assert sorted(p.name for p in (root / "workforce").iterdir()) == ["csww_2025.xml"]

    results = read_paths([root])
    for r in results:
        assert [f for f in r.findings if f.severity == Severity.ERROR] == [], r.kind
    tables = {name: df for r in results for name, df in r.tables.items()}
    out = compute(tables, la="E06000001", population={}, today=dt.date(2025, 12, 1))
    ends = set(out.loc[out.indicator_id == "cla_count", "period_end"])
    in_year = max(ends)
    assert ends - {in_year} == {dt.date(2025, 3, 31)}
    assert dt.date(2025, 11, 1) <= in_year <= extract  # Hartlepool starts a child most weeks


def test_validate_labels_findings_reports_on_synthetic_returns_demo(
    tmp_path: Path, clean: tuple[Path, Summary]
) -> None:
    """A findings report on ``synth`` output says demo in its HTML and JSON, as the web's CSV
    does: from the marker ``synth`` leaves in the council folder, or an XML return's header."""
    import csv
    import json
    import shutil

    from bs4 import BeautifulSoup

    from lineofsight.returns.synthetic import LABEL, MARKER

    root, _ = clean
    assert (root / MARKER).is_file()
    out = tmp_path / "reports"
    proc = _run("validate", str(root / "ssda903" / str(LAST)), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert LABEL in proc.stdout
    html = BeautifulSoup((out / "findings.html").read_text(encoding="utf-8"), "html.parser")
    assert html.title is not None and html.title.get_text() == "DEMO: Validation findings"
    banner = html.select_one("body > [role=note]")
    assert banner is not None and banner.get_text(" ", strip=True) == f"DEMO : {LABEL}."
    payload = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert next(iter(payload)) == "demo_content" and payload["demo_content"] == LABEL
    assert payload["returns"][0]["kind"] == "ssda903"

    # The CSV gains the service's demo_content column on every row: a copy of the marked folder
    # whose header file has a column too many (a query on every row).
    copy = tmp_path / "copy"
    shutil.copytree(root / "ssda903" / str(LAST), copy / "ssda903")
    shutil.copy(root / MARKER, copy / MARKER)
    header = copy / "ssda903" / "header.csv"
    lines = header.read_text(encoding="utf-8").splitlines()
    header.write_text("\r\n".join([lines[0] + ",Notes", *(f"{r},x" for r in lines[1:])]) + "\r\n")
    proc = _run("validate", str(copy), "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(proc.stdout.splitlines()))
    assert rows and {r["demo_content"] for r in rows} == {LABEL}
    assert "COLUMN-EXTRA" in {r["rule_id"] for r in rows}

    # A CIN census copied out of the marked folder still names its software.
    alone = tmp_path / "elsewhere" / "census.xml"
    alone.parent.mkdir()
    shutil.copy(root / "cin" / f"cin_census_{LAST}.xml", alone)
    proc = _run("validate", str(alone), "--format", "html")
    assert proc.returncode == 0, proc.stderr
    assert BeautifulSoup(proc.stdout, "html.parser").select_one("[role=note]") is not None
    proc = _run("validate", str(alone), "--format", "json")
    assert json.loads(proc.stdout)["demo_content"] == LABEL
