"""CLI: ``profile``, ``indicators`` and ``compare`` over the bundled published data."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer

indicators_app = typer.Typer(
    help="The indicator catalogue, and indicators computed from the council's own returns.",
    no_args_is_help=False,
    invoke_without_command=True,
)

WIDTH = 100


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class NeighbourModel(StrEnum):
    m2025 = "2025"
    m2021 = "2021"


LaArg = Annotated[
    str, typer.Argument(help="Council name, old 3-digit code or E-code, e.g. 'Stoke-on-Trent'.")
]
YearOpt = Annotated[
    str | None,
    typer.Option(
        "--year", help="Year, e.g. 2024 (31 March / 30 September / financial year ending)."
    ),
]
ModelOpt = Annotated[
    NeighbourModel, typer.Option("--neighbours", help="Statistical neighbour model.")
]
FormatOpt = Annotated[Format, typer.Option("--format", help="Output format.")]


def register(app: typer.Typer) -> None:
    from lineofsight.indicators.commands import register_compute

    app.command("profile")(profile)
    app.command("compare")(compare)
    register_compute(indicators_app)
    app.add_typer(indicators_app, name="indicators")


def _console() -> Any:
    from rich.console import Console

    return Console(width=WIDTH, soft_wrap=False)


def _year_arg(year: str | None) -> str | None:
    from lineofsight.errors import UserError

    if year is None:
        return None
    text = year.strip()
    if not (text.isdigit() and len(text) == 4) and not (len(text) == 7 and text[4] == "-"):
        raise UserError(f"'{year}' is not a year; give it as 2024 or 2023-24.")
    return text


def profile(
    la: LaArg,
    year: YearOpt = None,
    neighbours: ModelOpt = NeighbourModel.m2025,
    format: FormatOpt = Format.table,
    theme: Annotated[str | None, typer.Option(help="Only this theme, e.g. workforce.")] = None,
) -> None:
    """One council's headline indicators against its statistical neighbours, region and England."""
    from lineofsight.benchmark.engine import get_benchmark
    from lineofsight.benchmark.render import entry_record, print_profile
    from lineofsight.indicators.meta import headline_indicators, theme_ids
    from lineofsight.reference.las import resolve

    target = resolve(la)
    ids = [i.id for i in headline_indicators()]
    if theme:
        wanted = theme_ids(theme)
        ids = [i for i in ids if i in wanted]
    bench = get_benchmark("2021" if neighbours is NeighbourModel.m2021 else "2025")
    prof = bench.profile(target, _year_arg(year), ids)
    if format is Format.table:
        print_profile(_console(), prof)
    else:
        _emit([entry_record(e) for e in prof.entries], format)


@indicators_app.callback()
def indicators(
    ctx: typer.Context,
    theme: Annotated[
        str | None, typer.Option(help="Only this theme, e.g. children_in_care.")
    ] = None,
    all_measures: Annotated[
        bool, typer.Option("--all", help="Also list every LAIT measure (reachable as lait:<code>).")
    ] = False,
    format: FormatOpt = Format.table,
) -> None:
    """List the indicator catalogue (the headline set, or every published measure with --all)."""
    if ctx.invoked_subcommand is not None:
        return
    from lineofsight.benchmark.render import print_catalogue
    from lineofsight.indicators.meta import all_indicators, headline_indicators, theme_ids

    items = all_indicators() if all_measures else headline_indicators()
    if theme:
        wanted = theme_ids(theme)
        items = [i for i in items if i.id in wanted]
    if format is Format.table:
        print_catalogue(_console(), items)
    else:
        _emit([i.record() for i in items], format)


def compare(
    las: Annotated[list[str], typer.Argument(help="Two or more councils.")],
    year: YearOpt = None,
    indicator: Annotated[
        list[str] | None,
        typer.Option("--indicator", "-i", help="Indicator id (repeat for several)."),
    ] = None,
    format: FormatOpt = Format.table,
) -> None:
    """Councils side by side on the headline indicators (or those given with -i)."""
    from lineofsight.benchmark.engine import get_benchmark
    from lineofsight.benchmark.render import compare_records, print_compare
    from lineofsight.errors import UserError
    from lineofsight.indicators.meta import headline_indicators, lookup_indicator
    from lineofsight.reference.las import resolve

    if len(las) < 2:
        raise UserError("Give at least two councils to compare, e.g. compare Leeds Bradford.")
    targets = [resolve(x) for x in las]
    ids = (
        [lookup_indicator(i).id for i in indicator]
        if indicator
        else [i.id for i in headline_indicators()]
    )
    bench = get_benchmark()
    y = _year_arg(year)
    profiles = [bench.profile(t, y, ids) for t in targets]
    if format is Format.table:
        print_compare(_console(), profiles)
    else:
        _emit(compare_records(profiles), format)


def _emit(records: list[dict[str, Any]], format: Format) -> None:
    if format is Format.json:
        json.dump(records, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        import pandas as pd

        pd.DataFrame(records).to_csv(sys.stdout, index=False)
