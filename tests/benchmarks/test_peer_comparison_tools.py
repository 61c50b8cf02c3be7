"""The peer comparison's own helpers: rule-code normalisation, the per-rule diff and the
/usr/bin/time-style measurement.

These decide which findings count as "the same rule" and which figures are reported in
docs/peer-comparison.md, so a wrong answer here would make the comparison silently wrong.
The peers themselves are not needed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))

from compare_peers import Side, compare, normalise_rule  # noqa: E402
from peer_tools import measure  # noqa: E402


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("392a", "392A"),  # the 903 peer writes some suffixes in lower case
        ("  142 ", "142"),
        ("8555Q", "8555"),  # the CIN query marker: same check
        ("8670Q", "8670"),
        ("CIN103", "103"),
        ("CIN-8500", "8500"),
        ("INT35", "INT35"),
        ("SW10aSTG2", "SW10ASTG2"),
        ("903-CODE", None),  # our own checks without a DfE code are not compared
        ("ROW-DUPLICATE", None),
        ("CIN-CODE", None),
        ("NoE", None),
    ],
)
def test_normalise_rule(raw: str, expected: str | None) -> None:
    assert normalise_rule(raw) == expected


def test_compare_counts_children_per_rule_for_shared_rules_only() -> None:
    ours = Side(
        {"142", "501", "999"},
        {("A", "142"), ("B", "142"), ("C", "501"), ("Z", "999")},
        {("A", "142"): ["episodes.csv:3 msg"], ("B", "142"): ["episodes.csv:7 msg"],
         ("C", "501"): ["episodes.csv:9 msg"], ("Z", "999"): ["x"]},
    )  # fmt: skip
    peer = Side({"142", "501", "388"}, {("A", "142"), ("D", "142"), ("Q", "388")})
    isolated = Side(peer.rules, {("A", "142")})
    summary, detail = compare("ssda903", ours, peer, isolated)
    # rules in both: 142 and 501 (999 is ours alone, 388 the peer's alone)
    assert summary == [
        ["ssda903", "142", 2, 2, 1, 1, 1, 1, 1, 0],
        ["ssda903", "501", 1, 0, 0, 1, 0, 0, 1, 0],
    ]
    assert detail == [
        ["ssda903", "142", "B", "ours only", False, "episodes.csv:7 msg"],
        ["ssda903", "142", "D", "peer only", False, ""],
        ["ssda903", "501", "C", "ours only", False, "episodes.csv:9 msg"],
    ]


def test_measure_reports_the_childs_own_peak_memory_and_exit_code() -> None:
    big = [
        sys.executable,
        "-c",
        "import sys; b = bytearray(150 * 2**20); b[::4096] = b'x' * len(b[::4096]); sys.exit(3)",
    ]
    small = [sys.executable, "-c", "pass"]
    first = measure(big)
    after = measure(small)
    assert first.returncode == 3
    assert first.peak_mb >= 150
    # a later, smaller child is not charged with the earlier child's peak (RUSAGE_CHILDREN would be)
    assert after.peak_mb < 100
    assert after.returncode == 0


def test_compare_without_peer_environments_says_how_to_make_them(tmp_path: Path) -> None:
    shared = Path(os.environ.get("LINEOFSIGHT_SHARED", BENCH.parents[1] / "shared"))
    if not (shared / "data" / "synthetic").exists():
        pytest.skip(f"the synthetic samples are not at {shared}/data (set LINEOFSIGHT_SHARED)")
    env = {
        **os.environ,
        "LINEOFSIGHT_PEERS": str(tmp_path / "none"),
        "LINEOFSIGHT_SHARED": str(shared),
    }
    done = subprocess.run(
        [sys.executable, str(BENCH / "compare_peers.py"), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert f"No peer environment at {tmp_path / 'none' / 'v903'}" in done.stderr
    assert "benchmarks/peers/setup.sh" in done.stderr
