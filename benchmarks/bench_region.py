"""A regional alliance's quarterly refresh for nine councils: what it costs (docs/regions.md).

Nine North East councils' synthetic returns (``synth``: no real child), three years to an in-year
extract taken 31 December 2025, are generated first (not timed). The refresh, timed as one
process (wall, CPU, peak memory), is what each member and the region do each quarter:

- each council reads and validates its returns, computes every own-data indicator (each year and
  the 12 months to the extract day) and writes a degraded extract under the region's policy;
- the region puts the nine councils' latest figures side by side after disclosure control, with
  the regional median and each council's last published figure.

Usage: ``uv run python benchmarks/bench_region.py [--keep DIR]``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

from peer_tools import machine, measure

COUNCILS = [  # nine North East councils (E12000001)
    "Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees", "Darlington",
    "County Durham", "Northumberland", "Newcastle upon Tyne", "North Tyneside",
]  # fmt: skip
FIRST, LAST = 2024, 2026
AS_AT = dt.date(2025, 12, 31)


def generate(out: Path) -> None:
    from lineofsight.reference.las import resolve
    from lineofsight.synth.generate import generate_all

    las = [resolve(name) for name in COUNCILS]
    generate_all(las, out, FIRST, LAST, 7, 0.0, jobs=2, as_at=AS_AT.toordinal())


def refresh(root: Path) -> None:
    """The timed part: nine councils' returns to the region's side-by-side table."""
    from lineofsight.benchmark.regional import Member, regional_table
    from lineofsight.indicators.engine import compute
    from lineofsight.reference.las import resolve
    from lineofsight.returns.degrade import write_extract
    from lineofsight.returns.load import read_paths

    key = os.urandom(48)
    members = []
    rows = 0
    steps: dict[str, float] = {"read + validate": 0.0, "indicators": 0.0, "degrade": 0.0}
    for name in COUNCILS:
        la = resolve(name)
        t = time.perf_counter()
        results = read_paths([root / la.code])
        steps["read + validate"] += time.perf_counter() - t
        tables = {}
        for r in results:
            tables.update(r.tables)
            rows += r.rows_read
        t = time.perf_counter()
        figures = compute(tables, la=la.code, period_end=AS_AT)
        steps["indicators"] += time.perf_counter() - t
        t = time.perf_counter()
        write_extract({r.kind: r.tables for r in results}, key, root / "extracts" / la.code)
        steps["degrade"] += time.perf_counter() - t
        members.append(Member(la.code, la.name, figures))
    t = time.perf_counter()
    table = regional_table(members)
    steps["regional table"] = time.perf_counter() - t
    medians = sum(r.median is not None for r in table.rows)
    print(
        f"{len(members)} councils, {rows:,} rows read, {len(table.rows)} indicators side by side "
        f"({medians} with a regional median); "
        + ", ".join(f"{k} {v:.1f} s" for k, v in steps.items())
    )


def main() -> None:
    if sys.argv[1:2] == ["--refresh"]:
        refresh(Path(sys.argv[2]))
        return
    print(machine())
    keep = Path(sys.argv[2]) if sys.argv[1:2] == ["--keep"] else None
    with tempfile.TemporaryDirectory() as tmp:
        root = keep or Path(tmp)
        t = time.perf_counter()
        if not any(root.glob("E*")):
            generate(root)
        print(f"synthetic returns for nine councils (not timed): {time.perf_counter() - t:.0f} s")
        m = measure([sys.executable, __file__, "--refresh", str(root)])
        print(
            f"quarterly refresh, nine councils (whole process): {m.wall_s:.1f} s wall, "
            f"{m.cpu_s:.1f} s CPU, {m.peak_mb:,.0f} MB peak"
        )
        refresh(root)  # once more in this process, for the steps


if __name__ == "__main__":
    main()
