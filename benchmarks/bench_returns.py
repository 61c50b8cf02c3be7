"""Time and peak memory of our returns pipeline against the peer validators, and at national scale.

Run: ``uv run python benchmarks/bench_returns.py [--repeat N] [--national DIR] [--las N]
[--scale-to 153] [--cache DIR] [--skip-peers] [--skip-national]``. Prints figures; asserts nothing.
``--scale`` prints instead the real-scale figures of issue #14 (``bench_scale.py``): a large
council's five years against the peers, one year cold, the 1,000,000-row hostile 903 file and the
100,000-row web upload.

(a) 903 sample: our ingest + validation + all own-data indicators vs ``python -m lac_validator
    run-offline`` (target: at least 30x faster, at most a third of its peak memory);
(b) CIN sample: the same vs ``python -m cin_validator run``;
(c) national synthetic set (``lineofsight synth --all-las``, 10 years): all own-data indicators
    (target: 60 s and 4 GB at most). Councils are read once into a Parquet cache (ingest, timed
    but not part of the target), then one process computes every indicator over the cache, with
    DuckDB reading the Parquet files itself (``engine.compute_parquet``, the same definitions).

Every figure is one command in its own process: wall time, CPU time (user + system) and its own
peak RSS (``os.wait4``, as ``/usr/bin/time -v``), so ours includes interpreter start-up and
imports, as the peers' do. The machine may be shared: CPU time is the steadier figure.
Bytecode should be compiled in both environments (``uv sync --compile-bytecode``; setup.sh does
the peers'), or each run also pays for compiling every module it imports.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from peer_tools import (
    PEER_YEAR_903,
    S903,
    SCIN,
    Failed,
    Measured,
    files_903,
    machine,
    measure,
    peer_python,
    run_peer,
)

LA = "E09000027"  # the council the 903 peer's run-offline names; any council would do
YEARS = "2016-2025"


# -- work done inside measured child processes --------------------------------------------------


def own_run(paths: list[Path], year: int | None, report: Path) -> None:
    """Ours, end to end: read and validate the files, then compute every own-data indicator."""
    t0 = time.perf_counter()
    from lineofsight.indicators.engine import compute
    from lineofsight.returns.load import read_paths

    t1 = time.perf_counter()
    results = read_paths(paths, year=year)
    tables = {name: df for r in results for name, df in r.tables.items()}
    t2 = time.perf_counter()
    values = compute(tables, la=LA)
    t3 = time.perf_counter()
    stats = {
        "import_s": t1 - t0,
        "read_validate_s": t2 - t1,
        "indicators_s": t3 - t2,
        "findings": sum(len(r.findings) for r in results),
        "values": len(values),
    }
    report.write_text(json.dumps(stats))


def cache_council(folder: Path, cache: Path) -> int:
    """Read one council's returns (no validation) and keep the indicator columns as Parquet."""
    from lineofsight.indicators.tables import TABLES
    from lineofsight.returns.load import read_paths

    rows = 0
    for result in read_paths([folder], validate=False):
        for name, df in result.tables.items():
            if name not in TABLES or df.empty:
                continue
            keep = [c for c in [*TABLES[name], "YEAR"] if c in df.columns]
            out = df[keep].assign(LA=folder.name)
            (cache / name).mkdir(parents=True, exist_ok=True)
            out.to_parquet(cache / name / f"{folder.name}.parquet", index=False)
            rows += len(out)
    return rows


NATIONAL_MEMORY = "3GB"  # DuckDB's own cap; the process stays under the 4 GB target


def national_run(cache: Path, report: Path) -> None:
    """Every own-data indicator for all cached councils at once, DuckDB reading the Parquet."""
    t0 = time.perf_counter()
    import pyarrow.parquet as pq

    from lineofsight.indicators.engine import compute_parquet

    tables = {d.name: str(d / "*.parquet") for d in sorted(cache.iterdir()) if d.is_dir()}
    t1 = time.perf_counter()
    values = compute_parquet(tables, memory_limit=NATIONAL_MEMORY)
    t2 = time.perf_counter()
    rows = {
        d.name: sum(pq.ParquetFile(f).metadata.num_rows for f in d.glob("*.parquet"))
        for d in sorted(cache.iterdir())
        if d.is_dir()
    }
    stats = {
        "load_s": t1 - t0,
        "peak_after_load_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "indicators_s": t2 - t1,
        "councils": int(values["la"].nunique()),
        "rows": rows,
        "values": len(values),
    }
    report.write_text(json.dumps(stats))


def replicate(cache: Path, councils: int) -> int:
    """Copy the cached councils round-robin until ``councils`` councils exist, each copy under
    another council's E-code with its own child ids (for --scale-to with a subset of councils)."""
    import pandas as pd

    from lineofsight.reference.las import registry

    have = sorted({p.stem for p in cache.glob("*/*.parquet")})
    targets = [la.code for la in registry().current() if la.code not in have]
    for i, code in enumerate(targets[: max(0, councils - len(have))]):
        source = have[i % len(have)]
        for path in cache.glob(f"*/{source}.parquet"):
            part = pd.read_parquet(path).assign(LA=code)
            for col in ("CHILD", "LAchildID"):
                if col in part.columns:
                    part[col] = f"{code}-" + part[col].astype("string")
            part.to_parquet(path.with_name(f"{code}.parquet"), index=False)
    return len({p.stem for p in cache.glob("*/*.parquet")})


# -- the parent: run each measurement in its own process and print side by side ------------------


def _ours(paths: list[Path], year: int | None) -> tuple[Measured, dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "own.json"
        args = [sys.executable, __file__, "_own", "--report", str(report)]
        args += ["--year", str(year)] if year else []
        m = measure([*args, *map(str, paths)])
        if m.returncode != 0:
            raise Failed(f"our pipeline failed on {paths[0].parent} (exit {m.returncode}).")
        return m, json.loads(report.read_text())


def _best(runs: list[Measured]) -> Measured:
    return min(runs, key=lambda m: m.wall_s)


def compare_with_peer(label: str, paths: list[Path], year: int | None, env: str,
                      peer_args: list[str], runner: str, repeat: int, skip_peers: bool) -> None:  # fmt: skip
    """Ours vs the peer's plain CLI on the same input, each run ``repeat`` times (best kept)."""
    mine = [_ours(paths, year) for _ in range(repeat)]
    m, stats = min(mine, key=lambda x: x[0].wall_s)
    print(f"\n{label}")
    print(
        f"  ours   (ingest + validation + all indicators): {m.wall_s:7.2f} s "
        f"(CPU {m.cpu_s:.2f} s), peak {m.peak_mb:6.0f} MB  [imports {stats['import_s']:.2f} s, read+validate "
        f"{stats['read_validate_s']:.2f} s, indicators {stats['indicators_s']:.2f} s; "
        f"{stats['findings']:,} findings, {stats['values']:,} values]"
    )
    if skip_peers:
        return
    peer_cmd = [str(peer_python(env)), "-m", *peer_args]
    cli = [measure(peer_cmd) for _ in range(repeat)]
    if any(c.returncode for c in cli):
        raise Failed(f"{' '.join(peer_cmd[1:])} exited {cli[0].returncode}.")
    p = _best(cli)
    inproc = run_peer(env, runner, Path(peer_args[-1]))
    print(
        f"  peer   {' '.join(peer_cmd[1:4])}: {p.wall_s:7.2f} s (CPU {p.cpu_s:.2f} s), "
        f"peak {p.peak_mb:6.0f} MB  "
        f"[in-process: imports {inproc['import_s']:.2f} s, run {inproc['run_s']:.2f} s, "
        f"peak {inproc['peak_mb']:.0f} MB]"
    )
    print(
        f"  ratio: {p.wall_s / m.wall_s:.1f}x faster by wall time, {p.cpu_s / m.cpu_s:.1f}x by CPU "
        f"time, {m.peak_mb / p.peak_mb:.2f}x the peer's peak memory (targets: >= 30x, <= 0.33x, "
        f"i.e. <= {p.wall_s / 30:.2f} s and <= {p.peak_mb / 3:.0f} MB)"
    )


# What any run pays before it reads a byte: the interpreter, the engine's libraries imported and
# one DuckDB connection open (the definitions run on DuckDB, so no run can cost less than that).
FLOORS = {
    "Python alone": "pass",
    "Python + DuckDB, connected": "import duckdb; duckdb.connect().execute('SELECT 1').fetchall()",
    "+ pandas and pyarrow (the readers)": (
        "import pandas, pyarrow, duckdb; duckdb.connect().execute('SELECT 1').fetchall()"
    ),
}


def floors(repeat: int) -> None:
    """The fixed cost of a run, measured as the pipeline is (own process, best of ``repeat``)."""
    print("\nfloor: a process that only starts the engine (best of each)")
    for label, code in FLOORS.items():
        m = _best([measure([sys.executable, "-c", code]) for _ in range(repeat)])
        print(f"  {label:36s} {m.wall_s:5.2f} s (CPU {m.cpu_s:.2f} s), peak {m.peak_mb:4.0f} MB")


def national(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="los-national-") as tmp:
        root = args.national
        if root is None:
            root = Path(tmp) / "synth"
            exe = Path(sys.executable).parent / "lineofsight"
            if args.las:  # every k-th council in name order, for a spread of sizes
                from lineofsight.reference.las import registry

                las = registry().current()
                chosen = las[:: max(1, len(las) // args.las)][: args.las]
                cmds = [[str(exe), "synth", "--la", la.code, "--years", YEARS, "--out", str(root)]
                        for la in chosen]  # fmt: skip
            else:
                cmds = [[str(exe), "synth", "--all-las", "--years", YEARS, "--out", str(root)]]
            t = time.perf_counter()
            for cmd in cmds:
                subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            print(f"\ngenerated {len(cmds) if args.las else 'all'} councils x {YEARS} "
                  f"in {time.perf_counter() - t:.0f} s")  # fmt: skip
        councils = sorted(p for p in root.iterdir() if p.is_dir())
        if args.las and args.national is not None:
            councils = councils[: args.las]
        cache = args.cache or Path(tmp) / "cache"
        if any(cache.glob("*/*.parquet")):
            print(f"national ingest: reusing the Parquet cache in {cache}")
        else:
            t = time.perf_counter()
            with ProcessPoolExecutor(max_workers=2) as pool:
                rows = sum(pool.map(cache_council, councils, [cache] * len(councils)))
            print(
                f"national ingest: {len(councils)} councils, {rows:,} rows read into the Parquet "
                f"cache in {time.perf_counter() - t:.0f} s (2 processes)"
            )
        if args.scale_to:
            total = replicate(cache, args.scale_to)
            print(f"replicated the {len(councils)} councils read to {total} councils")
        report = Path(tmp) / "national.json"
        m = measure([sys.executable, __file__, "_national", str(cache), str(report)])
        if m.returncode != 0:
            raise Failed(f"the national indicator run failed (exit {m.returncode}).")
        s = json.loads(report.read_text())
        scaled = f" (replicated from {len(councils)} generated)" if args.scale_to else ""
        rows_txt = ", ".join(f"{k} {v:,}" for k, v in s["rows"].items())
        print(
            f"national, {s['councils']} councils{scaled}: all indicators {s['indicators_s']:.1f} s "
            f"(+ imports {s['load_s']:.1f} s); process {m.wall_s:.1f} s, CPU {m.cpu_s:.1f} s, "
            f"peak {m.peak_mb:,.0f} MB; "
            f"{s['values']:,} values (targets: <= 60 s, <= 4096 MB)\n  rows: {rows_txt}"
        )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_own":
        p = argparse.ArgumentParser()
        p.add_argument("cmd")
        p.add_argument("--report", type=Path, required=True)
        p.add_argument("--year", type=int)
        p.add_argument("paths", nargs="+", type=Path)
        a = p.parse_args()
        return own_run(a.paths, a.year, a.report)
    if len(sys.argv) > 1 and sys.argv[1] == "_web":
        import bench_scale

        return bench_scale.child(sys.argv)
    if len(sys.argv) > 1 and sys.argv[1] == "_national":
        p = argparse.ArgumentParser()
        p.add_argument("cmd")
        p.add_argument("cache", type=Path)
        p.add_argument("report", type=Path)
        a = p.parse_args()
        return national_run(a.cache, a.report)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure (best kept)")
    parser.add_argument("--national", type=Path, help="an existing `synth --all-las` folder")
    parser.add_argument("--las", type=int, default=0, help="only the first N councils")
    parser.add_argument("--scale-to", type=int, default=0,
                        help="replicate the councils read up to this many (e.g. 153)")  # fmt: skip
    parser.add_argument(
        "--cache", type=Path, help="keep (or reuse) the national Parquet cache here"
    )
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--skip-national", action="store_true")
    parser.add_argument(
        "--scale",
        action="store_true",
        help="only the real-scale figures (issue #14): a council's five years, one year cold, "
        "the 1,000,000-row hostile file and the 100,000-row web upload (see bench_scale.py)",
    )
    args = parser.parse_args()
    print(machine())
    print("note: the machine may be shared; figures are wall-clock on whatever else is running.")
    if args.scale:
        import bench_scale

        try:
            bench_scale.run_all(Path(__file__), skip_peers=args.skip_peers)
        except Failed as e:
            sys.exit(str(e))
        return None
    try:
        floors(max(args.repeat, 3))
        compare_with_peer(
            f"(a) SSDA903 sample, {S903}",
            files_903(),
            PEER_YEAR_903,
            "v903",
            ["lac_validator", "run-offline", str(S903)],
            "run_903.py",
            args.repeat,
            args.skip_peers,
        )
        compare_with_peer(
            f"(b) CIN census sample, {SCIN}",
            [SCIN],
            None,
            "vcin",
            ["cin_validator", "run", str(SCIN)],
            "run_cin.py",
            args.repeat,
            args.skip_peers,
        )
        if not args.skip_national:
            national(args)
    except Failed as e:
        sys.exit(str(e))


if __name__ == "__main__":
    main()
