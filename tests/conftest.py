"""Shared fixtures: where the raw published files are (for cross-checks), skipping cleanly without them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    return Path(os.environ.get("LINEOFSIGHT_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; tests that cross-check against the published files skip without it."""
    data = shared_dir() / "data"
    if not data.exists():
        pytest.skip(f"the published raw files are not at {data} (set LINEOFSIGHT_SHARED)")
    return data
