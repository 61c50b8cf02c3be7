"""CLI: ``profile``, ``indicators`` and ``compare`` over the bundled published data."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from lineofsight.cli_options import ExportFormat as Format
from lineofsight.values import is_digits

indicators_app = typer.Typer(
    help="The indicator catalogue, and indicators computed from the council's own returns.",
    no_args_is_help=False,
    invoke_without_command=True,
)

WIDTH = 100


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


def _choice(kind: type[StrEnum], what: str) -> Callable[[str], str]:
    """Check an option against its choices; a wrong one is one sentence and exit 2 (a
    UserError), not Click's usage box."""

    def check(value: str) -> str:
        from lineofsight.errors import UserError

        allowed = [m.value for m in kind]
        if value not in allowed:
            listed = ", ".join(allowed[:-1]) + " or " + allowed[-1]
            raise UserError(f"'{value}' is not {what}; use {listed}.")
        return value

    return check


ModelOpt = Annotated[
    str,
    typer.Option(
        "--neighbours",
        help="Statistical neighbour model: 2025 or 2021.",
        callback=_choice(NeighbourModel, "a statistical neighbour model"),
    ),
]
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        help="Output format: table, csv, json or xlsx (xlsx needs --out FILE).",
        callback=_choice(Format, "an output format"),
    ),
]
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", help="Write to this file instead of the terminal (needed for xlsx)."),
]


def register(app: typer.Typer) -> None:
    from lineofsight.benchmark.own import register_compute
    from lineofsight.indicators.commands import register_national

    app.command("profile")(profile)
    app.command("compare")(compare)
    register_compute(indicators_app)
    register_national(indicators_app)
    app.add_typer(indicators_app, name="indicators")


def _console() -> Any:
    from rich.console import Console

    return Console(width=WIDTH, soft_wrap=False)


def _year_arg(year: str | None) -> str | None:
    from lineofsight.errors import UserError

    if year is None:
        return None
    text = year.strip()
    if not (is_digits(text) and len(text) == 4) and not (len(text) == 7 and text[4] == "-"):
        raise UserError(f"'{year}' is not a year; give it as 2024 or 2023-24.")
    return text


def profile(
    la: LaArg,
    year: YearOpt = None,
    neighbours: ModelOpt = NeighbourModel.m2025.value,
    format: FormatOpt = Format.table.value,
    theme: Annotated[str | None, typer.Option(help="Only this theme, e.g. workforce.")] = None,
    out: OutOpt = None,
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
    bench = get_benchmark("2021" if neighbours == NeighbourModel.m2021 else "2025")
    prof = bench.profile(target, _year_arg(year), ids)
    if Format(format) is Format.xlsx:
        from lineofsight.benchmark.export import entries_export

        title = (
            f"{target.name}: headline indicators against its statistical neighbours "
            f"({prof.model} model), region and England"
        )
        _emit_xlsx(entries_export(title, prof.entries), out)
    elif Format(format) is Format.table:
        _table(lambda console: print_profile(console, prof, _year_arg(year)), out)
    else:
        _emit([entry_record(e) for e in prof.entries], Format(format), out)


@indicators_app.callback()
def indicators(
    ctx: typer.Context,
    theme: Annotated[
        str | None, typer.Option(help="Only this theme, e.g. children_in_care.")
    ] = None,
    all_measures: Annotated[
        bool, typer.Option("--all", help="Also list every LAIT measure (reachable as lait:<code>).")
    ] = False,
    format: FormatOpt = Format.table.value,
    out: OutOpt = None,
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
    if Format(format) is Format.xlsx:
        from lineofsight.exports.xlsx import Export

        _emit_xlsx(Export("Line of Sight indicator catalogue", [i.record() for i in items]), out)
    elif Format(format) is Format.table:
        _table(lambda console: print_catalogue(console, items), out)
    else:
        _emit([i.record() for i in items], Format(format), out)


def compare(
    las: Annotated[list[str], typer.Argument(help="Two or more councils.")],
    year: YearOpt = None,
    indicator: Annotated[
        list[str] | None,
        typer.Option("--indicator", "-i", help="Indicator id (repeat for several)."),
    ] = None,
    format: FormatOpt = Format.table.value,
    out: OutOpt = None,
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
    if Format(format) is Format.xlsx:
        from dataclasses import replace

        from lineofsight.benchmark.export import comparison_sheet, entries_export

        names = ", ".join(p.la.name for p in profiles)
        entries = [e for p in profiles for e in p.entries]
        sheet = comparison_sheet(targets[0], targets, entries)
        _emit_xlsx(replace(entries_export(f"Compare {names}", entries), sheets=[sheet]), out)
    elif Format(format) is Format.table:
        _table(lambda console: print_compare(console, profiles), out)
    else:
        _emit(compare_records(profiles), Format(format), out)


def _emit(records: list[dict[str, Any]], format: Format, out: Path | None = None) -> None:
    stream = io.StringIO() if out is not None else sys.stdout
    if Format(format) is Format.json:
        json.dump(records, stream, indent=2, default=str)
        stream.write("\n")
    else:
        import csv

        from lineofsight.safecells import safe_rows

        # csv, not pandas: a rank stays 95 (pandas writes a column of whole numbers with a gap
        # as 95.0), and a blank stays blank
        fields = list(dict.fromkeys(k for r in records for k in r))
        writer = csv.DictWriter(stream, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(safe_rows(records))
    if out is not None:
        assert isinstance(stream, io.StringIO)
        _write(out, stream.getvalue().encode("utf-8"))


def _table(draw: Callable[[Any], None], out: Path | None) -> None:
    """Print a Rich table, or write it as plain text to ``out``."""
    if out is None:
        draw(_console())
        return
    from rich.console import Console

    buffer = io.StringIO()
    draw(Console(file=buffer, width=WIDTH, soft_wrap=False, color_system=None))
    _write(out, buffer.getvalue().encode("utf-8"))


def _emit_xlsx(export: Any, out: Path | None) -> None:
    from lineofsight.errors import UserError
    from lineofsight.exports.xlsx import workbook_bytes

    if out is None:
        raise UserError("An Excel workbook needs a file: add --out FILE.xlsx.")
    _write(out, workbook_bytes(export))
    print(f"Wrote {out}.", file=sys.stderr)


def _write(out: Path, data: bytes) -> None:
    from lineofsight.errors import UserError

    try:
        out.write_bytes(data)
    except OSError as exc:
        raise UserError(f"Could not write {out}: {exc.strerror or exc}.") from exc
