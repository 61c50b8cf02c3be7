"""CLI: ``lineofsight synth``, synthetic returns for one council or all 153 (never real children)."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from pathlib import Path
from typing import Annotated

import typer

from lineofsight.errors import UserError

FIRST_SUPPORTED, LAST_SUPPORTED = 2012, 2026


def register(app: typer.Typer) -> None:
    app.command("synth")(synth)


def parse_years(text: str, in_year: bool = False) -> tuple[int, int]:
    """'2016-2025' or '2024' to (first, last) collection years; with ``in_year`` the last may be
    the year after the specifications' last, still in progress."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-:]|to)?\s*(\d{4})?\s*", text)
    if not m:
        raise UserError(f"--years '{text}' is not a year or range; use e.g. 2016-2025 or 2024.")
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    if first > last:
        raise UserError(f"--years '{text}' runs backwards; put the earlier year first.")
    top = LAST_SUPPORTED + 1 if in_year else LAST_SUPPORTED
    if first < FIRST_SUPPORTED or last > top:
        raise UserError(
            f"--years '{text}' is outside {FIRST_SUPPORTED}-{top}, the years the "
            "return specifications cover" + (" and the year in progress." if in_year else ".")
        )
    return first, last


def parse_as_at(text: str, last: int) -> int:
    """The extract day of an in-year last year, as a day ordinal; it must fall in that year."""
    from lineofsight.indicators.own.periods import march_year

    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"--as-at '{text}' is not a date; give it as YYYY-MM-DD.") from None
    if march_year(day) != last:
        raise UserError(
            f"--as-at {day} falls in the year ending 31 March {march_year(day)}, but the last of "
            f"--years is {last}; end --years with {march_year(day)}."
        )
    return day.toordinal()


def synth(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the returns into.")],
    la: Annotated[
        str | None, typer.Option("--la", help="Council name, old 3-digit code or E-code.")
    ] = None,
    years: Annotated[
        str, typer.Option("--years", help="Collection years, e.g. 2016-2025.")
    ] = "2016-2025",
    seed: Annotated[int, typer.Option("--seed", help="Same seed, byte-identical files.")] = 1,
    faults: Annotated[
        float,
        typer.Option("--faults", help="Share of rows given a data-quality fault, e.g. 0.02."),
    ] = 0.0,
    all_las: Annotated[bool, typer.Option("--all-las", help="All 153 councils.")] = False,
    as_at: Annotated[
        str | None,
        typer.Option(
            "--as-at",
            help="Make the last year an in-year extract taken on this day (YYYY-MM-DD).",
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", help="Worker processes for --all-las (default: all cores).")
    ] = 0,
) -> None:
    """Write synthetic SSDA903, CIN census and workforce returns whose indicators match a
    council's published figures. Synthetic only: no real child is in these files."""
    from lineofsight.reference.las import registry
    from lineofsight.synth.generate import generate, generate_all

    first, last = parse_years(years, in_year=as_at is not None)
    extract = parse_as_at(as_at, last) if as_at is not None else None
    if not 0.0 <= faults <= 0.5:
        raise UserError(f"--faults {faults} must be between 0 and 0.5 (e.g. 0.02 for 2%).")
    if all_las == (la is not None):
        raise UserError("Give either --la COUNCIL or --all-las.")
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file; give a folder.")
    reg = registry()
    chosen = reg.current() if all_las else [reg.resolve(la or "")]
    started = time.perf_counter()
    if len(chosen) == 1:
        summaries = [generate(chosen[0], out, first, last, seed, faults, extract)]
    else:
        summaries = generate_all(
            chosen, out, first, last, seed, faults, jobs or os.cpu_count() or 1, extract
        )
    took = time.perf_counter() - started
    kids = sum(s.children for s in summaries)
    eps = sum(s.episodes for s in summaries)
    wrong = sum(s.faults for s in summaries)
    names = chosen[0].name if len(chosen) == 1 else f"{len(chosen)} councils"
    upto = f" (the last to {as_at.strip()})" if as_at else ""
    typer.echo(
        f"Wrote synthetic returns for {names}, {first}-{last}{upto}, to {out}: {kids:,} children, "
        f"{eps:,} 903 episode rows, {wrong:,} injected faults, in {took:.1f} s."
    )
