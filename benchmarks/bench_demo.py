"""How long ``lineofsight demo`` takes to set up before it serves: a fresh data home, then again.

The first run creates the database, the accounts and every demo loader's data (the demo
council's synthetic returns, its governance records, the regional alliance's other members'
synthetic returns, ...); a second run on the same data home reuses what exists. Each loader's
own time, where it prints one ("in 9.8 s"), is shown beside the totals.

Usage: ``uv run python benchmarks/bench_demo.py [--repeat N] [--la COUNCIL]``.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from peer_tools import machine

TIMED = re.compile(r"^(\w[\w ]*?):.*? in ([0-9.]+) s[;.]", re.S)


def run_demo(home: Path, la: str) -> tuple[float, float, dict[str, float]]:
    """(wall s, CPU s, each loader's own seconds) for one ``demo --no-serve``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"LINEOFSIGHT_HOME": str(home), "COLUMNS": "400"})
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", "demo", "--no-serve",
         "--la", la],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"demo failed (exit {done.returncode}): {done.stderr.strip()[-400:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    loaders: dict[str, float] = {}
    for block in re.split(r"\n(?=\S)", done.stdout):
        found = TIMED.match(block.replace("\n", " "))
        if found:
            loaders[found.group(1)] = float(found.group(2))
    return wall, cpu, loaders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--la", default="E06000021")
    args = parser.parse_args()
    print(machine())
    for n in range(1, args.repeat + 1):
        with tempfile.TemporaryDirectory(prefix="lineofsight-bench-demo-") as tmp:
            for label in ("fresh", "again"):
                wall, cpu, loaders = run_demo(Path(tmp), args.la)
                parts = ", ".join(f"{k} {v:.1f} s" for k, v in loaders.items())
                print(
                    f"run {n} {label}: {wall:.1f} s wall, {cpu:.1f} s CPU"
                    + (f" (loaders: {parts})" if parts else "")
                )


if __name__ == "__main__":
    main()
