"""Tests: fast password hashing, in-memory SQLite unless ``DATABASE_URL`` names PostgreSQL."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url

from lineofsight.web.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "lineofsight-tests-only"  # noqa: S105 - the test settings
DEMO_ACCOUNTS_ALLOWED = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DATABASES = {
    "default": dict(dj_database_url.parse(os.environ["DATABASE_URL"]))
    if os.environ.get("DATABASE_URL")
    else {
        # A file, not :memory:, so the browser tests' live server threads get their own connections.
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(Path(tempfile.gettempdir()) / "lineofsight-test.sqlite3"),
        "TEST": {
            "NAME": str(Path(tempfile.gettempdir()) / f"lineofsight-test-{os.getpid()}.sqlite3")
        },
    }
}

# Each test process writes its uploads' findings CSVs to a folder of its own.
RETURNS_REPORTS_DIR = Path(tempfile.gettempdir()) / f"lineofsight-test-reports-{os.getpid()}"
