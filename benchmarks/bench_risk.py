"""Risk model benchmark: what an estimate and the backtest cost.

Prints, from one run on the bundled data:
- whole-process wall time, CPU and peak memory of ``lineofsight risk "Stoke-on-Trent"`` (features,
  the final fit with cross-validation, 200 bootstrap refits for the interval, for both targets);
- in-process: the first estimate (fits the model), each further council's estimate (the model is
  cached), all current councils' overall estimates, and the whole time-ordered backtest.

Usage: ``uv run python benchmarks/bench_risk.py``. The backtest is computed, not written.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from peer_tools import machine, measure


def main() -> None:
    print(machine())
    cli = str(Path(sys.executable).with_name("lineofsight"))
    m = measure([cli, "risk", "Stoke-on-Trent"])
    print(
        f"risk 'Stoke-on-Trent' (whole process): {m.wall_s:.1f} s wall, {m.cpu_s:.1f} s CPU, "
        f"{m.peak_mb:,.0f} MB peak"
    )

    from lineofsight.benchmark.engine import get_benchmark
    from lineofsight.risk.model import backtest, estimate

    today = date.today()
    t = time.perf_counter()
    estimate("E06000021", "overall", today)
    print(f"first estimate (fits the model and its bootstrap): {time.perf_counter() - t:.1f} s")
    codes = list(get_benchmark().current)
    t = time.perf_counter()
    for code in codes:
        estimate(code, "overall", today)
    per = (time.perf_counter() - t) / len(codes)
    print(f"{len(codes)} councils' overall estimates: {per * 1000:.0f} ms each once fitted")
    t = time.perf_counter()
    b = backtest()
    print(
        f"backtest ({len(b.results)} rows, 4 folds x 4 models x 2 targets): "
        f"{time.perf_counter() - t:.1f} s"
    )


if __name__ == "__main__":
    main()
