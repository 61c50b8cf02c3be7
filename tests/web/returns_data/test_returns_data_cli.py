"""``lineofsight load PATH... --la X`` as a user runs it: exit 0 published, 1 errors, 2 unusable.

Why: councils load returns from a scheduled job; the exit code is what the job checks, and a
failed load must leave the published figures as they were.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from returns_data_support import RUTLAND


def _load(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["LINEOFSIGHT_HOME"] = str(home)
    return subprocess.run(
        [str(Path(sys.executable).parent / "lineofsight"), "load", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def _current(home: Path) -> list[tuple[int, int]]:
    with sqlite3.connect(home / "lineofsight.sqlite3") as db:
        rows = db.execute(
            "SELECT version, upload_id FROM returns_data_publication WHERE is_current"
        ).fetchall()
    return [(int(v), int(u)) for v, u in rows]


def test_load_exit_codes_and_the_current_publication(
    tmp_path: Path, synthetic: Path, bad_episodes: Path
) -> None:
    good = _load(tmp_path, str(synthetic / "workforce"), "--la", "Rutland")
    assert good.returncode == 0, good.stderr
    assert "Children's social work workforce census (2025): " in good.stdout
    assert "Published version 1 for Rutland" in good.stdout
    assert _current(tmp_path) == [(1, 1)]

    bad = _load(tmp_path, str(bad_episodes), "--la", RUTLAND)
    assert bad.returncode == 1
    assert "141 (error, 1): DECOM '31/02/2025' is not a date" in bad.stdout
    assert "Not published: 1 errors (upload 2)" in bad.stdout
    assert _current(tmp_path) == [(1, 1)]

    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    unusable = _load(tmp_path, str(binary), "--la", RUTLAND)
    assert unusable.returncode == 2
    assert unusable.stderr.strip() == "Error: photo.csv is a binary file, not a CSV or XML return."
    assert "Traceback" not in unusable.stderr

    missing = _load(tmp_path, str(tmp_path / "nowhere"), "--la", RUTLAND)
    assert missing.returncode == 2 and "nowhere does not exist" in missing.stderr

    again = _load(tmp_path, str(synthetic / "workforce"), "--la", "857")
    assert again.returncode == 0 and "Published version 2" in again.stdout
    assert _current(tmp_path) == [(2, 3)]  # unusable input stored no upload
