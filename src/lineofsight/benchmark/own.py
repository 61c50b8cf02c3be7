"""Own figures beside published ones: ``lineofsight indicators compute PATH... --la X``.

Each figure computed from the council's own returns is shown next to the latest published DfE
value for the same council and year, so a leader sees this year's picture against the last
official one. It lives in benchmark because it reads both the own-data engine and the published
store; the indicators layer below knows nothing of published figures.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from lineofsight.cli_options import Format, FormatOpt, ReturnOpt
from lineofsight.indicators.commands import EngineName, only_period, parse_date, read_tables
from lineofsight.wording import day_month_year

if TYPE_CHECKING:
    import pandas as pd

WIDTH = 100


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
    format: FormatOpt = Format.table,
    suppress_small: Annotated[
        bool,
        typer.Option(
            "--suppress",
            help="Show figures resting on 1 to 5 children as c (for sharing; docs/disclosure.md).",
        ),
    ] = False,
    chosen: ReturnOpt = None,
    engine: Annotated[
        EngineName,
        typer.Option(
            "--engine",
            help="Where the definitions run: embedded DuckDB, or Spark (the [spark] extra and "
            "Java; docs/spark.md).",
        ),
    ] = EngineName.duckdb,
) -> None:
    """Indicators computed from the council's own returns, beside the published values."""
    from lineofsight.indicators.engine import compute
    from lineofsight.reference.las import resolve

    council = resolve(la)
    end = parse_date(period_end) if period_end else None
    tables = read_tables(paths, chosen)
    result = compute(tables, la=council.code, period_end=end, engine=engine.value)
    if end is not None:
        result = only_period(result, end)
    if suppress_small:
        from lineofsight.indicators.own.disclosure import suppress

        result = suppress(result)
    records = side_by_side(result, council.code)
    if not records:
        from lineofsight.errors import UserError

        when = f"the 12 months ending {day_month_year(end)}" if end else "a whole year"
        raise UserError(
            "No indicators could be computed from these files: they hold no episodes, CIN "
            f"details or workforce records for {when}; check they are the right returns."
        )
    if format is Format.table:
        _print_table(records, council.name)
    elif format is Format.json:
        json.dump(records, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        import pandas as pd

        from lineofsight.safecells import safe_rows

        pd.DataFrame(safe_rows(records)).to_csv(sys.stdout, index=False)


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
                "returns": str(r.get("returns") or ""),
                "note": str(r.get("note") or ""),
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
    console = Console(width=WIDTH, soft_wrap=False)
    console.print(table)
    # which returns the figures rest on, and any figure the history loaded is too short for
    for used in dict.fromkeys(r["returns"] for r in records if r.get("returns")):
        console.print(escape(f"Own figures {used}."))
    for r in records:
        if r.get("note"):
            console.print(escape(f"{r['indicator_id']}, {r['period_end']:%d %b %Y}: {r['note']}"))


def _standalone() -> None:
    """``python -m lineofsight.benchmark.own``: the compute command on its own."""
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
