"""Forecast benchmark: our own-data stock and flow beside Social Finance's cs-demand-model.

On the peer's bundled sample (its 903 files are in ../shared/data/synthetic/
ssda903_cs_demand_model_combined/) this prints, from one run:
- whole-process time, CPU and peak memory of ``demand-model predict sample://v1.zip --export``
  and of our base forecast (read the returns, estimate rates, the expected path), and of our full
  CLI (with 500 simulations for the interval and costs);
- the two base forecasts for the same dates (12 months after each model's data end), by type;
- the own-data backtest (forecast from a year before the data end, against the end) for both
  models, on the sample and on synthetic returns from ``lineofsight synth``;
- the published-series base forecasts for all 153 councils, whole process.

Setup: ``benchmarks/peers/setup.sh`` makes the peer's environment (``vcsdemand``).
Usage: ``uv run python benchmarks/bench_forecast.py [--synth DIR]`` (DIR: a synth 903 folder;
default: generated for Stoke-on-Trent 2021-2025 into a temporary folder).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from peer_tools import PEERS, SHARED, Failed, machine, measure, peer_python

SAMPLE = SHARED / "data" / "synthetic" / "ssda903_cs_demand_model_combined"
WINDOW = 6  # the peer's default window: the six months to the end of the data
TYPES_AS_PEER = {
    "fostering": "FOSTERING",
    "residential": "RESIDENTIAL",
    "supported": "SUPPORTED",
    "adoption": "OTHER",
    "with_parents": "OTHER",
    "other": "OTHER",
}


def ours_base(folder: Path, as_at: str | None) -> dict[str, Any]:
    """Our base forecast 12 months ahead (what the timed child process runs)."""
    import pandas as pd

    from lineofsight.forecast import own
    from lineofsight.forecast.scenario import Scenario

    tables = own.read_returns(folder)
    stamp = pd.Timestamp(as_at) if as_at else None
    seg = own.segments(tables, stamp)
    r = own.rates(seg, WINDOW)
    path = own.base_path(r, Scenario(months=12, window_months=WINDOW))
    by_type: dict[str, float] = {}
    for i, t in enumerate(own.TYPES):
        cols = [own.state_index(b, i) for b in range(len(own.AGE_BANDS))]
        key = TYPES_AS_PEER[t]
        by_type[key] = by_type.get(key, 0.0) + float(path.closing[-1, cols].sum())
    actual = None
    if stamp is not None:
        actual = float(own.rates(own.segments(tables), WINDOW).opening.sum())
    return {
        "start": str(r.window_start.date()),
        "end": str(r.window_end.date()),
        "predicted_to": str(path.months[-1]),
        "opening": float(r.opening.sum()),
        "children": float(path.closing[-1].sum()),
        "by_type": by_type,
        "actual": actual,
    }


def published_all() -> dict[str, Any]:
    from lineofsight.forecast.published import SERIES, forecast_all

    start = time.perf_counter()
    rows = sum(len(forecast_all(s)) for s in SERIES)
    return {"rows": rows, "forecast_s": time.perf_counter() - start}


def peer(folder: str, end: str | None = None) -> dict[str, Any]:
    cmd = [str(peer_python("vcsdemand")), str(Path(__file__).parent / "peers" / "run_demand.py")]
    done = subprocess.run(
        [*cmd, folder, *([end] if end else [])], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise Failed(f"the peer failed on {folder}: {done.stderr.strip().splitlines()[-1:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _self(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *args]


def _row(name: str, m: Any) -> str:
    return f"  {name:<58}{m.wall_s:>7.2f} s{m.cpu_s:>8.2f} s{m.peak_mb:>8.0f} MB"


def _forecasts(title: str, a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    lines = [title, f"  {'':<22}{'demand-model':>16}{'Line of Sight':>16}"]
    for key in ("start", "end", "predicted_to"):
        lines.append(f"  {key.replace('_', ' '):<22}{a[key]:>16}{b[key]:>16}")
    lines.append(f"  {'in care at the end':<22}{a['opening']:>16.0f}{b['opening']:>16.0f}")
    for t in ("FOSTERING", "RESIDENTIAL", "SUPPORTED", "OTHER"):
        pa, pb = a["by_type"].get(t, 0.0), b["by_type"].get(t, 0.0)
        lines.append(f"  {t.lower():<22}{pa:>16.1f}{pb:>16.1f}")
    lines.append(f"  {'all in care':<22}{a['children']:>16.1f}{b['children']:>16.1f}")
    if a.get("actual") is not None and b.get("actual") is not None:
        for who, r in (("demand-model", a), ("Line of Sight", b)):
            err = 100 * (r["children"] - r["actual"]) / r["actual"]
            lines.append(
                f"  {who} error against the {r['actual']:.0f} in care a year later: {err:+.1f}%"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ours-base", type=Path)
    parser.add_argument("--as-at")
    parser.add_argument("--published-all", action="store_true")
    parser.add_argument("--synth", type=Path)
    args = parser.parse_args()
    if args.ours_base:
        print(json.dumps(ours_base(args.ours_base, args.as_at)))
        return
    if args.published_all:
        print(json.dumps(published_all()))
        return

    print(machine())
    print("Whole process (wall, CPU, peak RSS), each run once:")
    demand = PEERS / "vcsdemand" / "bin" / "demand-model"
    if not demand.exists():
        raise Failed("No peer environment: run benchmarks/peers/setup.sh first.")
    with tempfile.TemporaryDirectory() as tmp:
        m_peer = measure([str(demand), "predict", "sample://v1.zip", "--export", f"{tmp}/p.xlsx"])
        m_base = measure(_self("--ours-base", str(SAMPLE)))
        lineofsight = Path(sys.executable).with_name("lineofsight")
        m_cli = measure(
            [
                str(lineofsight),
                "forecast",
                "--returns",
                str(SAMPLE),
                "--la",
                "Stoke-on-Trent",
                "--months",
                "12",
            ]
        )
        m_all = measure(_self("--published-all"))
    print(_row("demand-model predict sample://v1.zip --export out.xlsx", m_peer))
    print(_row("Line of Sight base forecast (same sample, 12 months)", m_base))
    print(_row("Line of Sight CLI forecast --returns (500 simulations, costs)", m_cli))
    print(_row("Line of Sight published series, 153 councils x 4 series", m_all))
    print(f"  base forecast: {m_peer.wall_s / m_base.wall_s:.1f}x faster (wall), "
          f"{m_peer.cpu_s / m_base.cpu_s:.1f}x less CPU, peak memory {m_base.peak_mb:.0f} MB "
          f"against {m_peer.peak_mb:.0f} MB")  # fmt: skip

    print()
    print("\n".join(_forecasts(
        f"Base forecasts on the peer's sample (window: {WINDOW} months to the end of the data):",
        peer("sample://v1.zip"), json.loads(subprocess.run(
            _self("--ours-base", str(SAMPLE)), capture_output=True, text=True, check=True
        ).stdout),
    )))  # fmt: skip
    print()
    print("\n".join(_forecasts(
        "Backtest on the sample: forecast from the data to a year before its end",
        peer("sample://v1.zip", "2021-03-27"), ours_base(SAMPLE, "2021-03-31"),
    )))  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        synth = args.synth
        if synth is None:
            subprocess.run(
                [str(Path(sys.executable).with_name("lineofsight")), "synth", "--la",
                 "Stoke-on-Trent", "--years", "2021-2025", "--out", tmp],
                check=True, capture_output=True,
            )  # fmt: skip
            synth = Path(tmp) / "E06000021" / "ssda903"
        print()
        print("\n".join(_forecasts(
            "Backtest on synthetic Stoke-on-Trent returns 2021-2025 (lineofsight synth)",
            peer(str(synth), "2024-03-31"), ours_base(synth, "2024-03-31"),
        )))  # fmt: skip
    print()
    print("The machine is shared with other work while this runs: times are indicative.")


if __name__ == "__main__":
    try:
        main()
    except Failed as exc:
        sys.exit(str(exc))
