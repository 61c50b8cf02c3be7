"""Time the own-data indicators: the SSDA903 and CIN samples, and a national synthetic set.

Run: ``uv run python benchmarks/bench_own_indicators.py [--national] [--las 153] [--years 10]``.
Prints figures; asserts nothing. Targets (issue 3): all indicators on the 903 sample well under
1 s after reading; 153 councils x 10 years in 60 s or less, within 4 GB.

The national set here is the 903 and CIN samples copied for every council and year, dates moved
on a year at a time and child ids made unique per copy (about 7.7 million episodes for 153 x 10,
roughly twice England's real volume). It exercises the engine at scale; it is not realistic data.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time
from pathlib import Path

import pandas as pd

SHARED = Path(
    os.environ.get("LINEOFSIGHT_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
S903 = SHARED / "data" / "synthetic" / "ssda903_csc_validator_be_903"
SCIN = SHARED / "data" / "synthetic" / "cin_csc_validator_be_cin"
DATE_COLS = {
    "DOB", "DECOM", "DEC", "MIS_START", "MIS_END", "CINreferralDate", "CINclosureDate",
    "AssessmentActualStartDate", "AssessmentAuthorisationDate", "S47ActualStartDate",
    "DateOfInitialCPC", "CPPstartDate", "CPPendDate",
}  # fmt: skip
ID_COLS = {"CHILD", "LAchildID"}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read(paths: list[Path]) -> dict[str, pd.DataFrame]:
    from lineofsight.returns.load import read_paths

    tables: dict[str, pd.DataFrame] = {}
    for result in read_paths(paths, validate=False):
        tables.update(result.tables)
    return tables


def national(
    tables: dict[str, pd.DataFrame], las: int, years: int, scale: float = 1.0
) -> dict[str, pd.DataFrame]:
    """Each table copied for ``las`` councils x ``years`` years (dates moved on k years).

    ``scale`` keeps that fraction of the sample's children in each copy (0.25 gives about
    England's real volume: roughly 1,300 episodes per council-year).
    """
    from lineofsight.indicators.tables import TABLES

    ids = pd.concat([df[c] for df in tables.values() for c in ID_COLS if c in df.columns])
    unique = pd.Series(ids.astype("string").unique())
    keep = set(unique.sample(frac=scale, random_state=1)) if scale < 1 else set(unique)
    out = {}
    for name, df in tables.items():
        if df.empty or name not in TABLES:
            continue
        idc = (
            next(c for c in ID_COLS if c in df.columns)
            if any(c in df.columns for c in ID_COLS)
            else None
        )
        if idc is not None:
            df = df[df[idc].astype("string").isin(keep)]
        copies = []
        for k in range(years):
            c = df.drop(columns=[x for x in ("_file", "_row") if x in df.columns]).copy()
            for col in c.columns:
                if col in DATE_COLS:
                    c[col] = c[col] + pd.DateOffset(years=k)
                elif col in ID_COLS:
                    c[col] = f"{k}-" + c[col].astype("string")
            base = c["YEAR"] if "YEAR" in c.columns else pd.Series(0, index=c.index)
            c["YEAR"] = pd.to_numeric(base, errors="coerce").fillna(0).astype("int64") + k
            copies.append(c)
        one = pd.concat(copies, ignore_index=True)
        n = len(one)
        big = one.loc[one.index.repeat(1)].iloc[list(range(n)) * las].reset_index(drop=True)
        big["LA"] = pd.Series([f"LA{i:03d}" for i in range(las)]).repeat(n).to_numpy()
        out[name] = big
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--national", action="store_true", help="also time the national set")
    parser.add_argument("--las", type=int, default=153)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="share of sample children per copy"
    )
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    t = time.perf_counter()
    from lineofsight.indicators.engine import compute  # Ibis only when compiling (first run)

    print(f"import engine: {time.perf_counter() - t:.2f} s")
    pop = {("E06000021", y): 50_000.0 for y in range(2000, 2040)}
    for label, folder in (("SSDA903", S903), ("CIN", SCIN)):
        # the 903 sample proper is the CSV set (2,675 children, 5,050 episodes)
        files = sorted(
            p for p in folder.iterdir() if p.suffix == (".csv" if folder == S903 else ".xml")
        )
        t = time.perf_counter()
        tables = read(files)
        t_read = time.perf_counter() - t
        rows = {k: len(v) for k, v in tables.items() if len(v)}
        timings = []
        for _ in range(3):
            t = time.perf_counter()
            out = compute(tables, la="E06000021", population=pop)
            timings.append(time.perf_counter() - t)
        print(
            f"{label} sample: read {t_read:.2f} s; all indicators first {timings[0]:.2f} s, "
            f"then {min(timings[1:]):.2f} s; {len(out)} values; rows {rows}"
        )
    if args.national:
        base = read(sorted(p for p in S903.iterdir() if p.suffix == ".csv"))
        base.update(read(sorted(p for p in SCIN.iterdir() if p.suffix == ".xml")))
        t = time.perf_counter()
        big = national(base, args.las, args.years, args.scale)
        print(
            f"national set built in {time.perf_counter() - t:.1f} s: "
            + ", ".join(f"{k} {len(v):,}" for k, v in big.items())
        )
        pop = {(f"LA{i:03d}", y): 50_000.0 for i in range(args.las) for y in range(2000, 2045)}
        t = time.perf_counter()
        out = compute(big, population=pop)
        print(
            f"national ({args.las} councils x {args.years} years, scale {args.scale}): all indicators "
            f"{time.perf_counter() - t:.1f} s, {len(out):,} values, peak RSS {peak_mb():,.0f} MB"
        )


if __name__ == "__main__":
    main()
