"""Time to build the bundled dataset, and to build all 153 LA profiles.

Run: ``uv run python benchmarks/bench_profiles.py [--build]``. Prints figures; asserts nothing.
Target (issue 2): all 153 profiles in under 2 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--build", action="store_true", help="also time the build step (needs ../shared)"
    )
    args = parser.parse_args()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    if args.build:
        from lineofsight.databuild.build import build, default_shared

        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            build(default_shared(), Path(tmp), echo=lambda *_: None)
            print(f"build bundled dataset:         {time.perf_counter() - t0:6.2f} s")

    t0 = time.perf_counter()
    from lineofsight.benchmark.engine import Benchmark
    from lineofsight.published.store import load_store

    store = load_store()
    t1 = time.perf_counter()
    bench = Benchmark(store)
    las = bench.registry.current()
    t2 = time.perf_counter()
    profiles = [bench.profile(la) for la in las]
    t3 = time.perf_counter()
    again = [bench.profile(la) for la in las]
    t4 = time.perf_counter()
    entries = sum(len(p.entries) for p in profiles)
    assert len(again) == len(profiles)
    print(f"load bundled data:             {t1 - t0:6.2f} s")
    print(f"engine set-up:                 {t2 - t1:6.2f} s")
    print(f"153 profiles, cold:            {t3 - t2:6.2f} s  ({entries:,} comparisons)")
    print(f"153 profiles, warm:            {t4 - t3:6.2f} s")
    print(f"total from import to profiles: {t3 - t0:6.2f} s  (target < 2 s)")


if __name__ == "__main__":
    main()
