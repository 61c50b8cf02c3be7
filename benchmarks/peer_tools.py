"""What the peer comparison and the returns benchmark share: where the data and the peers are,
how to run a peer runner, and how to measure a command like ``/usr/bin/time -v`` does.

Peak memory is the child's own ``ru_maxrss`` from ``os.wait4`` (what ``/usr/bin/time`` reports), so
a figure is one process's alone, never the maximum over earlier children.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("LINEOFSIGHT_SHARED", HERE.parents[1] / "shared"))
S903 = SHARED / "data" / "synthetic" / "ssda903_csc_validator_be_903"
SCIN = SHARED / "data" / "synthetic" / "cin_csc_validator_be_cin" / "fake_CIN_data.xml"
PEERS = Path(os.environ.get("LINEOFSIGHT_PEERS", Path.home() / ".cache" / "lineofsight-peers"))
# The eleven tables the 903 peer's run-offline reads (its P4A file is the *_errors one).
TABLES_903 = [
    "ad1", "episodes", "header", "missing", "oc2", "oc3", "placed_for_adoption_errors",
    "previous_permanence", "reviews", "uasc", "sw_episodes",
]  # fmt: skip
PEER_YEAR_903 = 2023  # the collection year the peer's run-offline hard-codes


class Failed(Exception):
    """A peer or a measured command could not run; the message says why in one sentence."""


@dataclass(frozen=True)
class Measured:
    wall_s: float
    peak_mb: float
    returncode: int
    cpu_s: float = 0.0  # user + system CPU of the command: less affected by a busy machine


def files_903(folder: Path = S903) -> list[Path]:
    """The 903 files exactly as the peer's run-offline reads them."""
    return [folder / f"{t}.csv" for t in TABLES_903]


def peer_python(env: str) -> Path:
    """The interpreter of a peer environment made by benchmarks/peers/setup.sh."""
    python = PEERS / env / "bin" / "python"
    if not python.exists():
        raise Failed(
            f"No peer environment at {PEERS / env}; run benchmarks/peers/setup.sh "
            "(or set LINEOFSIGHT_PEERS to where it put them)."
        )
    return python


def run_peer(env: str, runner: str, target: Path, *flags: str) -> dict[str, Any]:
    """Run ``benchmarks/peers/<runner>`` on ``target`` with the peer's interpreter; its JSON."""
    cmd = [str(peer_python(env)), str(HERE / "peers" / runner), *flags, str(target)]
    with tempfile.TemporaryFile() as err:
        done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=err, check=False)
        if done.returncode != 0:
            err.seek(0)
            tail = err.read().decode(errors="replace").strip().splitlines()[-3:]
            raise Failed(
                f"{runner} failed on {target} (exit {done.returncode}): {' | '.join(tail)}"
            )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


# Runs the command as its own child and prints that child's wall time, peak RSS, exit code and
# CPU time (user + system, its own threads included).
# Linux carries a process's RSS high-water mark across exec (and a vfork'd child borrows its
# parent's), so a command spawned straight from a large process (pytest, a benchmark that has
# imported pandas) would be charged with its parent's memory. A fresh, small interpreter in
# between keeps the figure to the command's own.
_WRAPPER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(json.dumps([time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status),
                  usage.ru_utime + usage.ru_stime]))
"""


def measure(cmd: list[str], cwd: Path | None = None) -> Measured:
    """Wall time, CPU time and peak RSS of one command (output discarded), as /usr/bin/time -v."""
    out = subprocess.run(
        [sys.executable, "-S", "-c", _WRAPPER, *cmd],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=True,
    )
    wall, peak_mb, returncode, cpu = json.loads(out.stdout)
    return Measured(float(wall), float(peak_mb), int(returncode), float(cpu))


def machine() -> str:
    """Cores, memory and CPU model, printed beside every figure."""
    cpu = platform.processor() or platform.machine()
    mem_gb = 0.0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gb = int(line.split()[1]) / 1024**2
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"machine: {os.cpu_count()} cores, {mem_gb:.1f} GB RAM, {cpu}; "
        f"Python {platform.python_version()} ({sys.executable}); load average {load}"
    )
