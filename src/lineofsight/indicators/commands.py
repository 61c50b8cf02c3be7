"""CLI: ``lineofsight indicators compute PATH... --la X``, own-data indicators beside published ones.

The council's own returns are read by :mod:`lineofsight.returns`, computed by the one engine
(:mod:`lineofsight.indicators.engine`), and each figure is shown next to the latest published DfE
value for the same council and year, so a leader sees this year's picture against the last
official one.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    import pandas as pd

WIDTH = 100


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def register_compute(indicators_app: typer.Typer) -> None:
    """Add ``compute`` to the ``indicators`` command group."""
    indicators_app.command("compute")(compute_command)


def compute_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Return files or folders (SSDA903, CIN census, workforce).")
    ],
    la: Annotated[str, typer.Option("--la", help="The council: name, old 3-digit code or E-code.")],
    period_end: Annotated[
        str | None,
        typer.Option(
            "--period-end", help="Also the 12 months ending on this day (YYYY-MM-DD); shown alone."
        ),
    ] = None,
    format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    suppress_small: Annotated[
        bool,
        typer.Option("--suppress", help="Show counts of 1 to 4 children as c (for sharing)."),
    ] = False,
) -> None:
    """Indicators computed from the council's own returns, beside the published values."""
    from lineofsight.indicators.engine import compute
    from lineofsight.reference.las import resolve

    council = resolve(la)
    end = _parse_date(period_end) if period_end else None
    tables = read_tables(paths)
    result = compute(tables, la=council.code, period_end=end)
    if end is not None:
        result = _only_period(result, end)
    if suppress_small:
        from lineofsight.indicators.own.suppress import suppress

        result = suppress(result)
    records = side_by_side(result, council.code)
    if format is Format.table:
        _print_table(records, council.name)
    elif format is Format.json:
        json.dump(records, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        import pandas as pd

        pd.DataFrame(records).to_csv(sys.stdout, index=False)


def _parse_date(text: str) -> dt.date:
    from lineofsight.errors import UserError

    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            f"--period-end '{text}' is not a date; give it as YYYY-MM-DD, e.g. 2025-09-30."
        ) from None


def read_tables(paths: list[Path]) -> dict[str, pd.DataFrame]:
    """Read the files with the returns readers and merge their tables by name."""
    from lineofsight.errors import UserError
    from lineofsight.returns.load import read_paths

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UserError(f"No such file or folder: {missing[0]}.")
    tables: dict[str, pd.DataFrame] = {}
    for result in read_paths(paths, validate=False):  # indicators need the tables only
        tables.update(result.tables)
    return tables


def _only_period(result: pd.DataFrame, end: dt.date) -> pd.DataFrame:
    """The 12 months ending ``end``, and for workforce the latest census on or before it."""
    from lineofsight.indicators.own.registry import DEFINITIONS

    workforce = {d.id for d in DEFINITIONS if d.family == "workforce"}
    is_wf = result.indicator_id.isin(workforce)
    wf = result[is_wf & (result.period_end <= end)]
    wf = wf[wf.period_end == wf.period_end.max()] if not wf.empty else wf
    import pandas as pd

    out: pd.DataFrame = pd.concat([result[~is_wf & (result.period_end == end)], wf])
    return out.reset_index(drop=True)


def published_year(indicator_id: str, period_end: dt.date) -> int:
    """The published year to compare with: the latest DfE year ending on or before the period."""
    from lineofsight.indicators.own.periods import march_year, september_year

    if indicator_id.startswith("sw_"):
        y = september_year(period_end)
        return y if (period_end.month, period_end.day) == (9, 30) else y - 1
    y = march_year(period_end)
    return y if (period_end.month, period_end.day) == (3, 31) else y - 1


def side_by_side(result: pd.DataFrame, la_code: str) -> list[dict[str, Any]]:
    """One record per indicator and period: own figure and the published figure beside it."""
    from lineofsight.benchmark.engine import published_value
    from lineofsight.errors import UserError

    records: list[dict[str, Any]] = []
    for r in result.to_dict("records"):
        year = published_year(str(r["indicator_id"]), r["period_end"])
        try:
            pub = published_value(la_code, str(r["indicator_id"]), year)
            pub_number, pub_state = pub.number, pub.state.value
        except UserError:
            pub_number, pub_state = None, "missing"
        records.append(
            {
                "indicator_id": r["indicator_id"],
                "la": r["la"],
                "period_start": r["period_start"],
                "period_end": r["period_end"],
                "value": _num(r["value"]),
                "state": r["state"],
                "numerator": _num(r["numerator"]),
                "denominator": _num(r["denominator"]),
                "published_year": year,
                "published_value": pub_number,
                "published_state": pub_state,
            }
        )
    return records


def _num(x: Any) -> float | None:
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return None if f != f else f


def _decimals(indicator_id: str) -> int:
    try:
        from lineofsight.indicators.meta import lookup_indicator

        return lookup_indicator(indicator_id).decimals
    except Exception:  # the catalogue may not list every own-data id yet
        return 0 if indicator_id.endswith("_count") else 1


def _cell(number: float | None, state: str, decimals: int) -> str:
    if state == "value" and number is not None:
        return f"{number:,.{decimals}f}"
    return "[" + (state if state != "missing" else "-") + "]"


def _print_table(records: list[dict[str, Any]], la_name: str) -> None:
    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(
        title=f"{la_name}: own returns beside published figures",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
    )
    table.add_column("Indicator", max_width=34, overflow="fold")
    table.add_column("12 months to", no_wrap=True)
    table.add_column("Own", justify="right", no_wrap=True)
    table.add_column("Num. / den.", justify="right", max_width=17, overflow="fold")
    table.add_column("Published", justify="right", no_wrap=True)
    table.add_column("Year", no_wrap=True)
    for r in records:
        d = _decimals(r["indicator_id"])
        frac = ""
        if r["numerator"] is not None and r["denominator"] is not None:
            frac = f"{r['numerator']:,.{0 if r['numerator'] == int(r['numerator']) else 1}f} / {r['denominator']:,.0f}"
        table.add_row(
            r["indicator_id"],
            f"{r['period_end']:%d %b %Y}",
            escape(_cell(r["value"], r["state"], d)),
            frac,
            escape(_cell(r["published_value"], r["published_state"], d)),
            str(r["published_year"]),
        )
    Console(width=WIDTH, soft_wrap=False).print(table)
    if not records:
        typer.echo("No indicators could be computed from these files.")


def _standalone() -> None:
    """``python -m lineofsight.indicators.commands``: the compute command on its own."""
    from lineofsight.errors import UserError

    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command()(compute_command)
    try:
        app()
    except UserError as exc:
        typer.secho(f"Error: {exc.message}", err=True, fg="red")
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    _standalone()
