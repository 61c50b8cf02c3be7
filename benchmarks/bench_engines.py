"""The national own-data run on DuckDB and on local Spark, on the same machine and the same files.

Run: ``uv run --extra spark python benchmarks/bench_engines.py [--las N] [--years 2016-2025]
[--scale-to 153] [--cache DIR] [--engines duckdb,spark] [--spark-memory 4g]``. Prints figures; asserts nothing.

The national synthetic set (``lineofsight synth``, every council or every k-th with ``--las``) is
read once into a Parquet cache (one folder per table, one file per council, as ``bench_returns.py``
builds it); then each engine computes every own-data indicator over the cache in its own process
(``engine.compute_parquet``: each engine reads the Parquet itself). Each run is timed (wall and
CPU of the process and all its children, so Spark's JVM counts) with its peak memory: the largest
sum of resident memory over the process and its children, sampled every 0.2 s from /proc, since
the JVM is a child of Python that the Python process never waits for. The two results are then
compared figure by figure (equal within 1e-9 relative).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
from bench_returns import cache_council, replicate

KEYS = ["indicator_id", "la", "period_start", "period_end"]


def _tree(pid: int) -> dict[int, tuple[int, int]]:
    """``{pid: (resident kB, CPU ticks)}`` for ``pid`` and all its descendants."""
    found: dict[int, tuple[int, int]] = {}
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            rss = 0
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS"):
                    rss = int(line.split()[1])
            stat = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            found[p] = (rss, int(stat[11]) + int(stat[12]))  # utime + stime
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):
            continue
    return found


def run_engine(engine: str, cache: Path, out: Path, report: Path, spark_memory: str) -> None:
    """In a child: every indicator over the cache on one engine; the figures to ``out``."""
    peak = [0.0]
    ticks: dict[int, int] = {}  # the latest CPU ticks seen of each process in the tree
    done = threading.Event()

    def look() -> None:
        tree = _tree(os.getpid())
        peak[0] = max(peak[0], sum(rss for rss, _ in tree.values()) / 1024)
        ticks.update({p: t for p, (_, t) in tree.items()})

    def sample() -> None:
        while not done.wait(0.2):
            look()

    threading.Thread(target=sample, daemon=True).start()
    t0 = time.perf_counter()
    from lineofsight.indicators.engine import compute_parquet

    tables = {d.name: str(d / "*.parquet") for d in sorted(cache.iterdir()) if d.is_dir()}
    if engine == "spark":
        from lineofsight.indicators import spark

        session = spark.session({"spark.driver.memory": spark_memory})
        t1 = time.perf_counter()
        values = compute_parquet(tables, engine="spark")
    else:
        t1 = time.perf_counter()
        values = compute_parquet(tables, memory_limit="3GB")
    t2 = time.perf_counter()
    look()
    if engine == "spark":
        session.stop()
    done.set()
    values.drop(columns=["returns", "note"]).to_parquet(out, index=False)
    report.write_text(
        json.dumps(
            {
                "start_s": t1 - t0,
                "indicators_s": t2 - t1,
                "peak_tree_mb": peak[0],
                "cpu_tree_s": sum(ticks.values()) / os.sysconf("SC_CLK_TCK"),
                "values": len(values),
                "councils": int(values["la"].nunique()),
            }
        )
    )


def prepare(args: argparse.Namespace, tmp: Path) -> Path:
    cache = args.cache or tmp / "cache"
    if any(cache.glob("*/*.parquet")):
        print(f"reusing the Parquet cache in {cache}")
        return cache
    root = tmp / "synth"
    exe = Path(sys.executable).parent / "lineofsight"
    from lineofsight.reference.las import registry

    las = registry().current()
    chosen = las[:: max(1, len(las) // args.las)][: args.las] if args.las else las
    t = time.perf_counter()
    for la in chosen:
        cmd = [str(exe), "synth", "--la", la.code, "--years", args.years, "--out", str(root)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    councils = sorted(p for p in root.iterdir() if p.is_dir())
    print(f"generated {len(councils)} councils x {args.years} in {time.perf_counter() - t:.0f} s")
    t = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        rows = sum(pool.map(cache_council, councils, [cache] * len(councils)))
    print(f"read into Parquet: {rows:,} rows in {time.perf_counter() - t:.0f} s")
    return cache


def compare(a: pd.DataFrame, b: pd.DataFrame) -> str:
    if len(a) != len(b) or not a[KEYS].equals(b[KEYS]) or not a.state.equals(b.state):
        return f"DIFFERENT rows or states ({len(a):,} vs {len(b):,} rows)"
    worst = 0
    for col in ("value", "numerator", "denominator"):
        x, y = a[col].to_numpy(), b[col].to_numpy()
        worst += int((~np.isclose(x, y, rtol=1e-9, atol=0.0, equal_nan=True)).sum())
    return "identical" if worst == 0 else f"{worst} figures differ"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_run":
        _, _, engine, cache, out, report, memory = sys.argv
        return run_engine(engine, Path(cache), Path(out), Path(report), memory)
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--las", type=int, default=0, help="every k-th council, N in all (0: all 153)")
    p.add_argument("--years", default="2016-2025")
    p.add_argument("--cache", type=Path, help="keep (or reuse) the Parquet cache here")
    p.add_argument("--scale-to", type=int, default=0,
                   help="replicate the councils read up to this many (bench_returns.replicate)")  # fmt: skip
    p.add_argument("--engines", default="duckdb,spark")
    p.add_argument("--spark-memory", default="4g", help="the local Spark driver's memory")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="los-engines-") as name:
        tmp = Path(name)
        cache = prepare(args, tmp)
        if args.scale_to:
            print(
                f"replicated to {replicate(cache, args.scale_to)} councils, each with its own ids"
            )
        rows = sum(
            __import__("pyarrow.parquet").parquet.ParquetFile(f).metadata.num_rows
            for f in cache.glob("*/*.parquet")
        )
        councils = len({f.stem for f in cache.glob("*/*.parquet")})
        print(f"national set: {councils} councils, {rows:,} rows; {os.cpu_count()} cores")
        results = {}
        for engine in args.engines.split(","):
            out, report = tmp / f"{engine}.parquet", tmp / f"{engine}.json"
            cmd = [sys.executable, __file__, "_run", engine, str(cache), str(out), str(report)]
            t = time.perf_counter()
            subprocess.run([*cmd, args.spark_memory], check=True)
            wall = time.perf_counter() - t
            s = json.loads(report.read_text())
            results[engine] = pd.read_parquet(out)
            print(
                f"  {engine:6s} process {wall:7.1f} s (CPU {s['cpu_tree_s']:7.1f} s; start-up "
                f"{s['start_s']:.1f} s, indicators {s['indicators_s']:.1f} s), peak "
                f"{s['peak_tree_mb']:,.0f} MB with children; {s['values']:,} values, "
                f"{s['councils']} councils"
            )
        if {"duckdb", "spark"} <= results.keys():
            print(f"  values: {compare(results['duckdb'], results['spark'])}")


if __name__ == "__main__":
    main()
