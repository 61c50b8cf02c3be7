"""``lineofsight demo``, ``serve`` and ``createuser`` as an operator runs them, in real subprocesses.

Why: the demo is the README's main command; it must set everything up, print working sign-in
details, reuse what exists on a second run and actually serve. Bad input must end in one sentence
and exit code 2, never a traceback.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from lineofsight.web.accounts.roles import Role

CLI = [sys.executable, "-c", "from lineofsight.cli import run; run()"]
GOOD_SECRET = "s" * 50


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"LINEOFSIGHT_HOME": str(home), "COLUMNS": "160", **extra})
    return env


def _run(home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], env=_env(home, **extra), capture_output=True, text=True, timeout=300
    )


def _one_sentence_error(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), run.stderr
    return lines[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get_when_up(url: str, proc: subprocess.Popen[str], wait_s: float = 600) -> tuple[int, str]:
    """Poll until the server answers; fail with its output if it exits first. The bound is
    generous: the demo sets up its council (returns, forecasts, finance) before it serves, and a
    loaded CI machine can take minutes; this is a hang guard, not a timing assertion."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"server exited early:\n{out}\n{err}")
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                return int(response.status), response.read().decode()
        except OSError:  # refused while starting (URLError), or a slow first response
            time.sleep(0.5)
    pytest.fail(f"{url} did not answer")


def test_demo_sets_up_accounts_then_reuses_them_and_serves(tmp_path: Path) -> None:
    """One fresh set-up (the demo's slowest part), then the run a person makes next: reusing
    everything, and serving."""
    first = _run(tmp_path, "demo", "--no-serve")
    assert first.returncode == 0, first.stderr
    assert (
        f"Demo council: Stoke-on-Trent (E06000021); {len(Role)} account(s) created, 0 reused."
        in first.stdout
    )
    for email, password in [
        ("leader@stoke-on-trent.example", "demo-leader-line-of-sight"),
        ("director@stoke-on-trent.example", "demo-director-line-of-sight"),
        ("administrator@stoke-on-trent.example", "demo-administrator-line-of-sight"),
        ("regional-analyst@stoke-on-trent.example", "demo-regional-analyst-line-of-sight"),
    ]:
        line = next(ln for ln in first.stdout.splitlines() if email in ln)
        assert password in line
    assert "Region: demo alliance 'West Midlands demo alliance" in first.stdout
    assert (tmp_path / "lineofsight.sqlite3").exists()

    port = _free_port()
    proc = subprocess.Popen(
        [*CLI, "demo", "--la", "861", "--port", str(port)],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        status, body = _get_when_up(f"http://127.0.0.1:{port}/sign-in/", proc)
        assert status == 200 and '<h1 class="govuk-heading-l">Sign in</h1>' in body
        css_status, css = _get_when_up(
            f"http://127.0.0.1:{port}/static/govuk/govuk-frontend.min.css", proc
        )
        assert css_status == 200 and "arial" in css
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    assert f"0 account(s) created, {len(Role)} reused." in out, err
    assert "already set up; reused." in out


def test_demo_rejects_unknown_council_in_one_sentence(tmp_path: Path) -> None:
    line = _one_sentence_error(_run(tmp_path, "demo", "--no-serve", "--la", "Stokk-on-Trent"))
    assert "No local authority matches 'Stokk-on-Trent'" in line and "Stoke-on-Trent" in line


def test_demo_is_refused_under_production_settings(tmp_path: Path) -> None:
    run = _run(
        tmp_path,
        "demo",
        "--no-serve",
        DJANGO_SETTINGS_MODULE="lineofsight.web.settings.production",
        DJANGO_SECRET_KEY=GOOD_SECRET,
    )
    assert "Demo accounts are refused" in _one_sentence_error(run)


def test_serve_refuses_without_a_secret(tmp_path: Path) -> None:
    line = _one_sentence_error(_run(tmp_path, "serve"))
    assert "DJANGO_SECRET_KEY" in line


def test_serve_runs_gunicorn_with_collected_static_files(tmp_path: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [*CLI, "serve", "--port", str(port), "--workers", "1"],
        env=_env(tmp_path, DJANGO_SECRET_KEY=GOOD_SECRET, DJANGO_SECURE_SSL_REDIRECT="0"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        status, body = _get_when_up(f"http://127.0.0.1:{port}/sign-in/", proc)
        assert status == 200
        css_href = body.split('rel="stylesheet" href="')[1].split('"')[0]
        assert css_href.startswith("/static/govuk/govuk-frontend.") and css_href != (
            "/static/govuk/govuk-frontend.min.css"
        ), "production serves fingerprinted static files"
        assert _get_when_up(f"http://127.0.0.1:{port}{css_href}", proc)[0] == 200
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def test_createuser_creates_an_account_that_can_sign_in(tmp_path: Path) -> None:
    run = _run(
        tmp_path,
        "createuser",
        "Dana@Example.org",
        "--role",
        "director",
        "--la",
        "Stoke-on-Trent",
        "--name",
        "Dana",
        LINEOFSIGHT_NEW_PASSWORD="a-long-and-unusual-passphrase",
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == (
        "Created dana@example.org: Director of children's services, Stoke-on-Trent (E06000021)."
    )
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.contrib.auth import authenticate; "
            "from django.test import RequestFactory; "
            "u = authenticate(RequestFactory().post('/sign-in/'), username='dana@example.org', "
            "password='a-long-and-unusual-passphrase'); print(u.role, u.la_code); "
            "from lineofsight.web.audit.models import AuditEvent as A; "
            "print(*A.objects.values_list('action', 'object_id', 'la_code').get())",
        ],
        env=_env(tmp_path, DJANGO_SETTINGS_MODULE="lineofsight.web.settings.dev"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.stdout.splitlines() == [
        "director E06000021",
        "change dana@example.org E06000021",
    ], check.stderr
    again = _run(
        tmp_path,
        "createuser",
        "dana@example.org",
        "--role",
        "leader",
        "--la",
        "861",
        LINEOFSIGHT_NEW_PASSWORD="a-long-and-unusual-passphrase",
    )
    assert "already exists" in _one_sentence_error(again)


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (
            ["x@example.org", "--role", "mayor", "--la", "861"],
            "a-long-and-unusual-passphrase",
            "Unknown role 'mayor'",
        ),
        (
            ["not-an-email", "--role", "leader", "--la", "861"],
            "a-long-and-unusual-passphrase",
            "is not an email address",
        ),
        (
            ["x@example.org", "--role", "leader", "--la", "861"],
            "password",
            "The password is not strong enough",
        ),
    ],
)
def test_createuser_bad_input_is_one_sentence(
    tmp_path: Path, args: list[str], password: str, message: str
) -> None:
    run = _run(tmp_path, "createuser", *args, LINEOFSIGHT_NEW_PASSWORD=password)
    assert message in _one_sentence_error(run)


def test_createuser_without_a_password_or_terminal_says_what_to_do(tmp_path: Path) -> None:
    run = _run(tmp_path, "createuser", "x@example.org", "--role", "leader", "--la", "861")
    assert "LINEOFSIGHT_NEW_PASSWORD" in _one_sentence_error(run)
