"""Shared fixtures and suite-wide set-up.

Why: the suite runs in parallel (pytest-xdist, ``--dist loadgroup``) and the tests that touch the
database run a second time on PostgreSQL, so each worker gets its own data home and the database
tests carry a ``postgres`` marker for scripts/test.sh to select.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# One data home per test process (per xdist worker), set before Django reads its settings, so
# workers never share a SQLite file or an upload directory.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
os.environ["LINEOFSIGHT_HOME"] = tempfile.mkdtemp(prefix=f"lineofsight-test-home-{_WORKER}-")

# Fixtures through which a test reaches the Django test database.
_DATABASE_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}
)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups from the markers
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses the database ``postgres``; put the browser tests on one worker.

    The PostgreSQL rerun selects ``-m postgres``: only these tests can behave differently there.
    The browser tests share one chromium per process, so one worker (one chromium) runs them all.
    """
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("django_db") or fixtures & _DATABASE_FIXTURES:
            item.add_marker(pytest.mark.postgres)
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


def shared_dir() -> Path:
    return Path(os.environ.get("LINEOFSIGHT_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; tests that cross-check against the published files skip without it."""
    data = shared_dir() / "data"
    if not data.exists():
        pytest.skip(f"the published raw files are not at {data} (set LINEOFSIGHT_SHARED)")
    return data
