"""Production settings refuse unsafe configurations; the database follows DATABASE_URL.

Why: a council running the service must not be able to start it with debug on or the published
demo secret. Each case imports the settings module in a fresh interpreter, as a server would.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

GOOD_SECRET = "x" * 50
CHECK = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.DEBUG, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
    "s.DATABASES['default']['ENGINE'], str(s.DATABASES['default']['NAME'])]))"
)


def _run(settings: str, tmp_path, **env: str) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    clean.update(
        {"DJANGO_SETTINGS_MODULE": settings, "LINEOFSIGHT_HOME": str(tmp_path / "home"), **env}
    )
    return subprocess.run(
        [sys.executable, "-c", CHECK], env=clean, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_debug(tmp_path) -> None:  # type: ignore[no-untyped-def]
    run = _run(
        "lineofsight.web.settings.production",
        tmp_path,
        DJANGO_DEBUG="1",
        DJANGO_SECRET_KEY=GOOD_SECRET,
    )
    assert run.returncode != 0
    assert "refuse to start with DJANGO_DEBUG on" in run.stderr


@pytest.mark.parametrize("secret", [None, "lineofsight-demo-only-not-secret", "short"])
def test_production_refuses_missing_demo_or_short_secret(tmp_path, secret: str | None) -> None:  # type: ignore[no-untyped-def]
    env = {"DJANGO_SECRET_KEY": secret} if secret else {}
    run = _run("lineofsight.web.settings.production", tmp_path, **env)
    assert run.returncode != 0
    assert "ImproperlyConfigured" in run.stderr and "DJANGO_SECRET_KEY" in run.stderr


def test_production_with_a_real_secret_is_https_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    run = _run("lineofsight.web.settings.production", tmp_path, DJANGO_SECRET_KEY=GOOD_SECRET)
    assert run.returncode == 0, run.stderr
    debug, hsts, session_secure, csrf_secure, engine, name = json.loads(run.stdout)
    assert (debug, session_secure, csrf_secure) == (False, True, True)
    assert hsts >= 31536000
    assert engine.endswith("sqlite3") and name == str(tmp_path / "home" / "lineofsight.sqlite3")


def test_database_url_selects_postgresql(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    run = _run(
        "lineofsight.web.settings.dev",
        tmp_path,
        DATABASE_URL="postgres://los@db.example:5433/lineofsight",
    )
    assert run.returncode == 0, run.stderr
    engine, name = json.loads(run.stdout)[4:]
    assert engine == "django.db.backends.postgresql" and name == "lineofsight"


def test_production_passes_djangos_deployment_checks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "lineofsight.web.settings.production",
            "DJANGO_SECRET_KEY": GOOD_SECRET + "-unpredictable-enough-for-the-check",
            "LINEOFSIGHT_HOME": str(tmp_path),
        }
    )
    run = subprocess.run(
        [sys.executable, "-m", "lineofsight.web", "check", "--deploy", "--fail-level", "WARNING"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout


def test_the_default_sqlite_database_runs_in_wal_mode(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Several gunicorn workers share the SQLite file: readers must not block on a writer."""
    check = (
        "import django; django.setup(); from django.db import connection; "
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "lineofsight.web.settings.dev",
            "LINEOFSIGHT_HOME": str(tmp_path),
        }
    )
    run = subprocess.run(
        [sys.executable, "-c", check], env=clean, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "wal"
