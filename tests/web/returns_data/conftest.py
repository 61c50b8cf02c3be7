"""Synthetic returns for the Data page tests: Rutland (small, so quick), collection year 2025.

Why: every test here uploads real reader input; generating it once per session keeps them quick,
and synthetic files mean no real child is ever in a test.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from returns_data_support import RUTLAND


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``<tmp>/E06000017`` with ssda903/2025/*.csv, cin/cin_census_2025.xml, workforce/csww_2025.xml."""
    from lineofsight.reference.las import resolve
    from lineofsight.synth.generate import generate

    out = tmp_path_factory.mktemp("synthetic")
    generate(resolve(RUTLAND), out, 2025, 2025, 7, 0.0)
    return out / RUTLAND


@pytest.fixture(scope="session")
def bad_episodes(synthetic: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2025 episodes with an impossible start date (31/02/2025): an error the DfE rejects.

    It goes on a child with one episode, so that it is the only error (a child's other episodes
    would also be flagged as no longer following on)."""
    rows = list(csv.reader((synthetic / "ssda903" / "2025" / "episodes.csv").open()))
    child = rows[0].index("CHILD")
    seen = Counter(r[child] for r in rows[1:])
    row = next(i for i, r in enumerate(rows) if i and seen[r[child]] == 1)
    rows[row][rows[0].index("DECOM")] = "31/02/2025"
    path = tmp_path_factory.mktemp("bad") / "episodes.csv"
    with path.open("w", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path
