"""Time the briefing packs: build (data to sections), HTML and PDF, per pack and council.

Run: ``uv run python benchmarks/bench_packs.py [--las 861 Rutland "City of London"] [--repeat 5]``.
Prints a table; asserts nothing. Target (issue 7): the quartet pack in 2 s or less on a 2-core
machine. "Cold" is the first pack of the run, including imports and loading the bundled data;
"warm" is the best of ``--repeat`` later runs of the same pack, with the median total beside it.
Both wall-clock and CPU time are given, because on a shared machine the wall clock includes
waiting for other jobs (the load average is printed to say how busy the machine was). On the
virtual machines this was written on, a fixed pure-Python loop varies by up to 40% from run to
run, so read the best as the machine's speed and the median as what a user may wait.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import time

PACKS = ("quartet", "scrutiny", "corporate-parenting", "self-evaluation")


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--las", nargs="+", default=["Stoke-on-Trent", "Rutland", "City of London"])
    parser.add_argument("--repeat", type=int, default=5, help="warm runs per pack and council")
    args = parser.parse_args()

    start = _clock()
    import pypdf

    from lineofsight.packs.catalogue import build_pack
    from lineofsight.packs.render import render_html, render_pdf

    first = build_pack("quartet", args.las[0])
    html = render_html(first)
    pdf = render_pdf(first, html)
    cold_wall, cold_cpu = _since(start)
    print(
        f"Python {platform.python_version()} on {os.cpu_count()} cores; "
        f"load average at start {os.getloadavg()[0]:.1f}"
    )
    print(
        f"Cold: quartet pack for {first.la.name}, imports and data load included: "
        f"{cold_wall:.2f} s wall, {cold_cpu:.2f} s CPU ({len(pdf):,} bytes)"
    )
    print()
    head = (
        f"{'Pack':<20} {'Council':<16} {'build':>6} {'HTML':>6} {'PDF':>6} {'total':>6} "
        f"{'CPU':>6} {'median':>6} {'pages':>5}"
    )
    print(head)
    print("-" * len(head))
    for la in args.las:
        for kind in PACKS:
            theme = "children_in_care" if kind == "scrutiny" else None
            best: tuple[float, float, float, float, float] | None = None
            totals: list[float] = []
            pages = 0
            for _ in range(max(1, args.repeat)):
                t0 = _clock()
                pack = build_pack(kind, la, theme=theme)
                t_build = _since(t0)[0]
                t1 = _clock()
                html = render_html(pack)
                t_html = _since(t1)[0]
                t2 = _clock()
                pdf = render_pdf(pack, html)
                t_pdf = _since(t2)[0]
                wall, cpu = _since(t0)
                pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
                run = (t_build, t_html, t_pdf, wall, cpu)
                totals.append(wall)
                best = run if best is None or run[3] < best[3] else best
            assert best is not None
            name = pack.la.name[:16]
            print(
                f"{kind:<20} {name:<16} {best[0]:>6.2f} {best[1]:>6.2f} {best[2]:>6.2f} "
                f"{best[3]:>6.2f} {best[4]:>6.2f} {statistics.median(totals):>6.2f} {pages:>5}"
            )
    print()
    print(
        f"Load average at end {os.getloadavg()[0]:.1f}. Times in seconds: the best of "
        f"{args.repeat} warm runs, and the median total; target: quartet total 2 s or less."
    )


if __name__ == "__main__":
    main()
