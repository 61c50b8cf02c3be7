"""Injected faults are recorded in the manifest and are the ones validation then reports.

The manifest is how tests and demos know what the validator should find; if a fault is written
to the wrong row, or recorded but not injected, these tests fail.
"""

from __future__ import annotations

import csv
from pathlib import Path

from lineofsight.returns.load import read_paths
from lineofsight.synth.faults import MANIFEST_COLUMNS
from lineofsight.synth.generate import Summary, manifest_path

# fault -> DfE rule the validator should raise on the same file and row (903 faults).
EXPECTED_RULE = {"dec_before_decom": "356", "overlapping_episodes": "501", "invalid_code": "146"}


def _manifest(root: Path) -> list[dict[str, str]]:
    with manifest_path(root).open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == MANIFEST_COLUMNS
        return list(reader)


def test_clean_run_writes_no_manifest(clean: tuple[Path, Summary]) -> None:
    root, summary = clean
    assert summary.faults == 0 and not manifest_path(root).exists()
    assert not list(root.rglob("*faults*"))


def test_manifest_lists_each_kind_of_fault(faulty: tuple[Path, Summary]) -> None:
    root, summary = faulty
    assert manifest_path(root).parent == root.parent  # beside the council's folder, not in it
    assert not list(root.rglob("*faults*"))
    rows = _manifest(root)
    assert len(rows) == summary.faults > 0
    kinds = {r["fault"] for r in rows}
    assert {
        "dec_before_decom",
        "invalid_code",
        "missing_dob",
        "duplicate_row",
        "blank_line",
    } <= kinds
    assert {"utf8_bom", "windows_1252"} <= kinds


def test_manifest_rows_point_at_the_corrupted_rows(faulty: tuple[Path, Summary]) -> None:
    root, _ = faulty
    for r in _manifest(root):
        if r["return"] != "ssda903" or not r["row"]:
            continue
        path = root / "ssda903" / r["year"] / r["file"]
        with path.open(encoding="utf-8-sig", newline="") as fh:
            lines = list(csv.reader(fh))
        row = lines[int(r["row"])]  # line 0 is the header; data row n is line n
        if r["fault"] == "blank_line":
            assert row == []
            continue
        rec = dict(zip(lines[0], row, strict=True))
        assert rec["CHILD"] == r["child"]
        if r["fault"] == "missing_dob":
            assert rec["DOB"] == ""
        elif r["fault"] == "invalid_code":
            assert rec["PLACE"] == "Q9"
        elif r["fault"] == "duplicate_row":
            assert lines[int(r["row"]) - 1] == row


def test_validation_finds_the_injected_903_faults(faulty: tuple[Path, Summary]) -> None:
    root, _ = faulty
    (result,) = read_paths([root / "ssda903"])
    found = {(f.rule_id, f.file, f.row) for f in result.findings}
    checked = 0
    for r in _manifest(root):
        rule = EXPECTED_RULE.get(r["fault"])
        if rule and r["return"] == "ssda903":
            assert (rule, r["file"], int(r["row"])) in found, r
            checked += 1
    assert checked > 0


def test_validation_finds_the_injected_cin_faults(faulty: tuple[Path, Summary]) -> None:
    root, _ = faulty
    (result,) = read_paths([root / "cin"])
    rules = {
        "missing_dob": "8525",
        "assessment_before_start": "8608",
        "plan_end_before_start": "8925",
    }
    by_child = {(f.rule_id, f.child_id, f.file) for f in result.findings}
    cin_faults = [r for r in _manifest(root) if r["return"] == "cin"]
    assert cin_faults
    for r in cin_faults:
        assert (rules[r["fault"]], r["child"], r["file"]) in by_child, r
