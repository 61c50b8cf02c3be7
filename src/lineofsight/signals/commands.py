"""CLI: ``signals`` (a council's flags by severity) and ``risk`` (the Ofsted risk model)."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer

WIDTH = 100
BACKTEST_FILE = "backtest.json"


class Format(StrEnum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("signals")(signals)
    app.command("risk")(risk)


def _console() -> Any:
    from rich.console import Console

    return Console(width=WIDTH, soft_wrap=False)


def signals(
    la: Annotated[str, typer.Argument(help="Council name, old 3-digit code or E-code.")],
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """List a council's early-warning signals on published data, most severe first."""
    from rich.table import Table

    from lineofsight.reference.las import resolve
    from lineofsight.signals.engine import signals_for

    council = resolve(la)
    found = signals_for(council)
    if fmt is Format.json:
        typer.echo(json.dumps([s.record() for s in found], indent=2, default=str))
        return
    console = _console()
    console.print(f"[bold]Signals for {council.name}[/bold] ({len(found)}, most severe first)")
    if not found:
        console.print("No signals: no rule fired on the published figures.")
        return
    table = Table(show_lines=True, width=WIDTH)
    table.add_column("Severity", width=8)
    table.add_column("Kind", width=14, overflow="fold")
    table.add_column("What it says", ratio=1)
    for s in found:
        table.add_row(s.severity.label, s.kind.replace("_", " "), s.sentence)
    console.print(table)
    console.print(
        "Rules and thresholds: docs/early-warning.md. A signal is a prompt to ask why, not a verdict."
    )


def risk(
    la: Annotated[
        str | None, typer.Argument(help="Council name, old 3-digit code or E-code.")
    ] = None,
    evaluate: Annotated[bool, typer.Option("--evaluate", help="Print the backtest table.")] = False,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="With --evaluate: recompute the backtest and save it.")
    ] = False,
    analysis: Annotated[
        bool, typer.Option("--analysis", help="Print the agency/vacancy and judgements analysis.")
    ] = False,
    write: Annotated[
        Path | None, typer.Option("--write", help="With --analysis: write the page and chart here.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """The chance the next ILACS inspection finds 'requires improvement' or worse, and why."""
    from lineofsight.errors import UserError

    if analysis:
        _analysis(write)
    elif evaluate:
        _evaluate(refresh, fmt)
    elif la is None:
        raise UserError("Give a council (e.g. lineofsight risk 'Kent') or use --evaluate.")
    else:
        _estimate(la, fmt)


def _stored_backtest() -> dict[str, Any]:
    text = resources.files("lineofsight.signals").joinpath(BACKTEST_FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _evaluate(refresh: bool, fmt: Format) -> None:
    from lineofsight.signals.report import backtest_table

    if refresh:
        from lineofsight.signals.risk import backtest

        record = backtest().record()
        target = Path(str(resources.files("lineofsight.signals").joinpath(BACKTEST_FILE)))
        target.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    record = _stored_backtest()
    if fmt is Format.json:
        typer.echo(json.dumps(record, indent=2))
        return
    typer.echo(backtest_table(record))


def _estimate(la: str, fmt: Format) -> None:
    from lineofsight.reference.las import resolve
    from lineofsight.signals.report import CAVEATS, estimate_text
    from lineofsight.signals.risk import estimate

    council = resolve(la)
    today = date.today()
    estimates = [estimate(council.code, t, today) for t in ("overall", "leadership")]
    if fmt is Format.json:
        out = {
            "la": council.code,
            "name": council.name,
            "as_of": today.isoformat(),
            "estimates": [
                {
                    "target": e.target,
                    "probability": e.probability,
                    "base_rate": e.base_rate,
                    "last_inspection": e.last_inspection,
                    "last_judgement": e.last_judgement,
                    "factors": [f.__dict__ for f in e.factors],
                }
                for e in estimates
            ],
            "caveats": CAVEATS,
        }
        typer.echo(json.dumps(out, indent=2))
        return
    typer.echo(estimate_text(council.name, estimates, _stored_backtest()))


def _analysis(write: Path | None) -> None:
    from lineofsight.signals.analysis import inspection_rates, report_markdown, strip_chart

    frame = inspection_rates()
    page = report_markdown(frame)
    if write is None:
        typer.echo(page)
        return
    write.mkdir(parents=True, exist_ok=True)
    (write / "agency-vacancy-and-judgements.md").write_text(page, encoding="utf-8")
    (write / "agency-vacancy-and-judgements.svg").write_text(strip_chart(frame), encoding="utf-8")
    typer.echo(f"Wrote {write / 'agency-vacancy-and-judgements.md'} and its chart.")
