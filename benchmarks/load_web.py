"""Load test for the web service: 50 signed-in people reading the overview and indicator pages at once.

Why: the service's target is p95 ≤ 100 ms with no errors for a council's leadership using it together.
This script sets the whole thing up itself, so anyone can rerun it on their machine:

1. a temporary ``LINEOFSIGHT_HOME`` and a generated ``DJANGO_SECRET_KEY``;
2. ``lineofsight demo --no-serve`` (database, demo data), then ``--users`` extra leadership and
   analyst accounts (production refuses the demo accounts);
3. ``lineofsight serve`` (production settings, gunicorn) on a free port on 127.0.0.1;
4. every user signs in through the real form (own cookie jar, CSRF token from the form);
5. all users at once request the overview and indicator pages until ``--duration`` seconds or
   ``--requests`` per user, whichever comes first; then the server is stopped.

Each user pauses ``--think`` seconds (±50 %, seeded) between pages, as a person reading does;
``--think 0`` instead measures the service flat out (latency is then concurrency ÷ throughput).

Standard library only on the client side (threads + ``http.client``), loopback only.

    uv run python benchmarks/load_web.py [--users 50] [--duration 30] [--workers 2] [--threads 2] [--think 1]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

from lineofsight.web.settings.base import SESSION_COOKIE_NAME

CLI = [sys.executable, "-c", "from lineofsight.cli import run; run()"]
LA_CODE = "E06000021"  # the demo council, Stoke-on-Trent
INDICATORS = (
    "cla_rate_per_10k",
    "referrals_rate_per_10k",
    "cpp_rate_per_10k",
    "cin_rate_per_10k",
    "care_leavers_eet_19_21_pct",
    "sw_agency_rate_pct",
)
ROLES = ("leader", "director", "lead_member", "analyst", "chief_executive")
TARGET_P95_MS = 100.0

# Creates the load-test accounts in one go: one password hash shared by all (hashing 50 times would
# only slow the set-up; each still signs in through the form, which checks the hash).
MAKE_USERS = """
import os, sys, django
django.setup()
from django.contrib.auth.hashers import make_password
from lineofsight.web.accounts.models import User
n, la, password = int(sys.argv[1]), sys.argv[2], os.environ["LOAD_PASSWORD"]
roles = sys.argv[3].split(",")
hashed = make_password(password)
for i in range(n):
    email = f"load{i:03d}@load-test.example"
    user = User.objects.create_user(email, None, role=roles[i % len(roles)], la_code=la,
                                    full_name=f"Load test {i}")
    user.password = hashed
    user.save(update_fields=["password"])
print(n)
"""


@dataclass
class Session:
    """One person's browser: a keep-alive connection and a cookie jar."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    conn: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, body: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str]:
        headers = {"Host": f"127.0.0.1:{self.port}", "User-Agent": "lineofsight-load-test"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):  # a keep-alive connection the server closed is retried once
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
            except (ConnectionError, http.client.HTTPException):
                self.close()
                if attempt == 2:
                    raise
                continue
            for raw in response.headers.get_all("Set-Cookie") or []:
                jar: SimpleCookie = SimpleCookie()
                jar.load(raw)
                for key, morsel in jar.items():
                    self.cookies[key] = morsel.value
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, dict(response.headers.items()), text
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def sign_in(self, email: str, password: str) -> None:
        status, _, page = self.request("GET", "/sign-in/")
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not found:
            raise RuntimeError(f"sign-in page answered {status} without a CSRF token")
        form = {"csrfmiddlewaretoken": found.group(1), "username": email, "password": password}
        status, headers, _ = self.request("POST", "/sign-in/", form)
        if status != 302 or SESSION_COOKIE_NAME not in self.cookies:
            raise RuntimeError(f"signing in {email} answered {status}, not a redirect")
        for _ in range(3):  # follow the redirects to the landing page, as a browser does
            location = urllib.parse.urlsplit(headers.get("Location", ""))
            status, headers, _ = self.request("GET", location.path or "/")
            if status != 302:
                break
        if status != 200:
            raise RuntimeError(f"after signing in, {email}'s landing page answered {status}")


@dataclass
class Result:
    page: str
    ms: float
    ok: bool


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args[3:])} failed:\n{done.stderr.strip()}")
    return done.stdout


def _wait_until_up(port: int, proc: subprocess.Popen[bytes], limit_s: float = 180) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"lineofsight serve exited with code {proc.returncode}; see its log")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/sign-in/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.5)
        finally:
            conn.close()
    sys.exit(f"the service did not answer on port {port} within {limit_s:.0f} s")


def _machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cores} cores, {model}; Python {platform.python_version()}, {platform.system()}"


def _group_cpu_seconds(pgid: int) -> float:
    """CPU time (user + system) used so far by every process in the server's process group."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        if int(fields[2]) == pgid:  # fields after the name: state, ppid, pgrp, ...
            total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def _percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (no interpolation, so p99 of few samples is a real sample)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def _drive(
    session: Session,
    index: int,
    start: threading.Barrier,
    stop_at: list[float],
    per_user: int,
    think: float,
    out: list[Result],
) -> None:
    """One user: alternate the overview and an indicator page until time or count runs out."""
    pause = random.Random(index)
    start.wait()
    if think:  # people do not click in step: spread the first requests over one pause
        time.sleep(think * pause.uniform(0, 1))
    for n in range(per_user):
        if n and think:
            time.sleep(think * pause.uniform(0.5, 1.5))
        if time.monotonic() >= stop_at[0]:
            break
        if n % 2 == 0:
            page, path, marker = "overview", "/overview/", "Overview"
        else:
            ind = INDICATORS[(index + n // 2) % len(INDICATORS)]
            page, path, marker = f"indicator {ind}", f"/indicators/{ind}/", "<h1"
        began = time.perf_counter()
        try:
            status, _, body = session.request("GET", path)
            ok = status == 200 and marker in body
        except OSError:
            ok = False
        out.append(Result(page, (time.perf_counter() - began) * 1000, ok))
    session.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load at most")
    parser.add_argument("--requests", type=int, default=200, help="requests per user at most")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument(
        "--think", type=float, default=1.0, help="seconds each user pauses between pages (±50 %%)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    opts = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="lineofsight-load-") as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
        password = secrets.token_urlsafe(18)
        env.update(
            LINEOFSIGHT_HOME=home,
            DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
            DJANGO_SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback: no proxy in front
            LOAD_PASSWORD=password,
        )
        print("Setting up: lineofsight demo --no-serve ...", flush=True)
        _run([*CLI, "demo", "--no-serve"], {**env, "DJANGO_DEBUG": "0"})
        _run(
            [sys.executable, "-c", MAKE_USERS, str(opts.users), LA_CODE, ",".join(ROLES)],
            {**env, "DJANGO_SETTINGS_MODULE": "lineofsight.web.settings.dev"},
        )
        port = _free_port()
        log = Path(home) / "serve.log"
        with log.open("wb") as log_file:
            server = subprocess.Popen(
                [
                    *CLI,
                    "serve",
                    "--port",
                    str(port),
                    "--workers",
                    str(opts.workers),
                    "--threads",
                    str(opts.threads),
                ],
                env=env,
                stdout=subprocess.DEVNULL,  # the access log: one line per request
                stderr=log_file,
                start_new_session=True,
            )
            try:
                _wait_until_up(port, server)
                report = _load(port, opts, password, server.pid)
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(server.pid, signal.SIGKILL)
                    server.wait()
        warm = [ln for ln in log.read_text().splitlines() if "Warm start:" in ln]
        report["server"] = {
            "workers": opts.workers,
            "threads": opts.threads,
            "worker_class": "gthread",
            "preload": True,
            "warm_start": warm[0].split("Warm start: ", 1)[1] if warm else "not logged",
        }
    _print(report)
    if opts.json:
        opts.json.write_text(json.dumps(report, indent=2) + "\n")
    return 1 if report["errors"] else 0


def _load(port: int, opts: argparse.Namespace, password: str, pgid: int) -> dict[str, object]:
    print(f"Signing in {opts.users} users ...", flush=True)
    sessions = [Session(port) for _ in range(opts.users)]
    for i, session in enumerate(sessions):
        session.sign_in(f"load{i:03d}@load-test.example", password)
    results: list[list[Result]] = [[] for _ in sessions]
    start = threading.Barrier(len(sessions) + 1)
    stop_at = [float("inf")]
    threads = [
        threading.Thread(
            target=_drive,
            args=(s, i, start, stop_at, opts.requests, opts.think, results[i]),
            daemon=True,
        )
        for i, s in enumerate(sessions)
    ]
    for t in threads:
        t.start()
    print(f"Running {opts.users} concurrent sessions ...", flush=True)
    stop_at[0] = time.monotonic() + opts.duration
    load_before = os.getloadavg()[0]
    server_cpu = _group_cpu_seconds(pgid)
    client_cpu = time.process_time()
    began = time.perf_counter()
    start.wait()
    for t in threads:
        t.join(timeout=opts.duration + 120)
    elapsed = time.perf_counter() - began
    server_cpu = _group_cpu_seconds(pgid) - server_cpu
    client_cpu = time.process_time() - client_cpu
    if any(t.is_alive() for t in threads):
        sys.exit("some sessions did not finish: the service stopped answering")
    flat = [r for rs in results for r in rs]
    pages: dict[str, dict[str, float]] = {}
    for name in ("overview", "indicator", "all"):
        rows = [r for r in flat if name == "all" or r.page.split(" ")[0] == name]
        if not rows:
            continue
        ms = [r.ms for r in rows]
        pages[name] = {
            "requests": len(rows),
            "errors": sum(not r.ok for r in rows),
            "mean_ms": round(statistics.fmean(ms), 1),
            "p50_ms": round(_percentile(ms, 50), 1),
            "p95_ms": round(_percentile(ms, 95), 1),
            "p99_ms": round(_percentile(ms, 99), 1),
            "max_ms": round(max(ms), 1),
        }
    return {
        "machine": _machine(),
        "users": opts.users,
        "think_s": opts.think,
        "load_average_before": round(load_before, 2),
        "seconds": round(elapsed, 1),
        "requests": len(flat),
        "errors": sum(not r.ok for r in flat),
        "throughput_rps": round(len(flat) / elapsed, 1) if elapsed else 0.0,
        "server_cpu_s": round(server_cpu, 1),
        "server_cpu_ms_per_request": round(server_cpu * 1000 / len(flat), 1) if flat else 0.0,
        "client_cpu_s": round(client_cpu, 1),
        "pages": pages,
        "target_p95_ms": TARGET_P95_MS,
    }


def _print(report: dict[str, object]) -> None:
    server = report["server"]
    assert isinstance(server, dict)
    print()
    print(
        f"Machine: {report['machine']}; 1-minute load average before the run "
        f"{report['load_average_before']} (other processes share these cores)"
    )
    print(
        f"Server: lineofsight serve, production settings, SQLite; gunicorn {server['workers']} "
        f"workers x {server['threads']} threads ({server['worker_class']}, --preload)"
    )
    print(f"Warm start: {server['warm_start']}")
    print(
        f"Load: {report['users']} signed-in users at once for {report['seconds']} s, "
        f"{report['think_s']} s (±50 %) between pages (client threads on the same machine)"
    )
    print(
        f"Requests: {report['requests']}, errors: {report['errors']}, "
        f"throughput: {report['throughput_rps']} requests/s"
    )
    print(
        f"CPU during the load: server {report['server_cpu_s']} s "
        f"({report['server_cpu_ms_per_request']} ms per request), "
        f"this client {report['client_cpu_s']} s"
    )
    print(f"{'page':<10} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    pages = report["pages"]
    assert isinstance(pages, dict)
    for name, row in pages.items():
        print(
            f"{name:<10} {row['requests']:>8} {row['errors']:>6} {row['p50_ms']:>8} "
            f"{row['p95_ms']:>8} {row['p99_ms']:>8}"
        )
    p95 = pages["all"]["p95_ms"] if "all" in pages else float("inf")
    met = p95 <= TARGET_P95_MS and report["errors"] == 0
    print(
        f"Target p95 ≤ {TARGET_P95_MS:.0f} ms with no errors: {'met' if met else 'NOT met'} "
        f"(p95 {p95} ms, {report['errors']} errors)"
    )


if __name__ == "__main__":
    sys.exit(main())
