"""The warm start: gunicorn's app is loaded once, with the published data built, before serving.

Why: a fresh worker used to spend seconds building the benchmark on its first page. These tests
check the caches themselves (not timings): after ``wsgi.py`` is imported the first overview
request builds nothing new, and ``lineofsight serve`` preloads so the warm-up runs once, in the
master, not once per worker.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from lineofsight.web.commands import gunicorn_command

# Run in a fresh interpreter: this test process has caches of its own from other tests.
PROBE = """
import json, os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "lineofsight.web.settings.dev"
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from lineofsight.web.accounts.models import User
user = User.objects.create_user("leader@example.org", "a-long-passphrase-9", role="leader",
                                la_code="E06000021")
from lineofsight.benchmark.engine import get_benchmark
from lineofsight.web.dashboard.themes import published_themes

import lineofsight.web.wsgi  # noqa: F401  (what gunicorn --preload imports)

def state():
    return {
        "benchmark_built": get_benchmark.cache_info().currsize,
        "benchmark_misses": get_benchmark.cache_info().misses,
        "overview_misses": published_themes.cache_info().misses,
        "panels": len(get_benchmark()._panels) if get_benchmark.cache_info().currsize else 0,
    }

import gc
before = state() if get_benchmark.cache_info().currsize else {"benchmark_built": 0}
before["frozen_objects"] = gc.get_freeze_count()
from django.test import Client
client = Client()
client.force_login(user)
status = client.get("/overview/", HTTP_HOST="127.0.0.1").status_code
after = state()
print(json.dumps({"before": before, "after": after, "status": status}))
"""


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"LINEOFSIGHT_HOME": str(home), "DJANGO_DEBUG": "0", **extra})
    return env


def _probe(home: Path, **extra: str) -> dict[str, dict[str, int] | int]:
    run = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=_env(home, **extra),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    result: dict[str, dict[str, int] | int] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def test_first_overview_after_start_builds_nothing(tmp_path: Path) -> None:
    result = _probe(tmp_path)
    assert result["status"] == 200
    before, after = result["before"], result["after"]
    assert isinstance(before, dict) and isinstance(after, dict)
    assert before["benchmark_built"] == 1, "importing wsgi.py builds the benchmark"
    assert before["panels"] >= 50, "every headline indicator's data panel is built"
    assert before["overview_misses"] == 1, "the account's council overview is built"
    assert before["frozen_objects"] > 10_000, "the built data is kept out of garbage collection"
    built = {k: v for k, v in before.items() if k != "frozen_objects"}
    assert after == built, "the first overview request was served from the warm caches"


def test_warm_start_can_be_switched_off(tmp_path: Path) -> None:
    """The check above can fail: without the warm-up the first request builds everything."""
    result = _probe(tmp_path, LINEOFSIGHT_WARM_START="0")
    assert result["status"] == 200
    assert result["before"] == {"benchmark_built": 0, "frozen_objects": 0}
    after = result["after"]
    assert isinstance(after, dict) and after["overview_misses"] == 1


def test_serve_preloads_the_app_in_gunicorn() -> None:
    args = gunicorn_command("127.0.0.1:8000", workers=2, threads=4)
    assert "--preload" in args
    assert args[args.index("--workers") + 1] == "2"
    assert args[args.index("--threads") + 1] == "4"
    assert args[-1] == "lineofsight.web.wsgi:application"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_warms_up_once_for_all_workers(tmp_path: Path) -> None:
    """With --preload the warm-up line is logged once by the master, not once per worker."""
    port = _free_port()
    cli = [sys.executable, "-c", "from lineofsight.cli import run; run()"]
    proc = subprocess.Popen(
        [*cli, "serve", "--port", str(port), "--workers", "2", "--threads", "2"],
        env=_env(tmp_path, DJANGO_SECRET_KEY="k" * 50, DJANGO_SECURE_SSL_REDIRECT="0"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        status = 0
        for _ in range(240):  # bounded polling while the master warms up and forks
            if proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/sign-in/", timeout=60) as r:
                    status = int(r.status)
                    break
            except OSError:
                time.sleep(0.5)
        assert status == 200, "the service did not answer"
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=60)
    assert err.count("Warm start:") == 1, err
    assert "headline indicators" in err
    assert "Booting worker" in err and err.count("Booting worker") >= 2, err
