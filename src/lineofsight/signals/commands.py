"""CLI: ``signals`` (a council's flags by severity)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from lineofsight.cli_options import TableOrJson, TableOrJsonOpt

WIDTH = 100


def register(app: typer.Typer) -> None:
    app.command("signals")(signals)


def _console() -> Any:
    from rich.console import Console

    return Console(width=WIDTH, soft_wrap=False)


def signals(
    la: Annotated[str, typer.Argument(help="Council name, old 3-digit code or E-code.")],
    fmt: TableOrJsonOpt = TableOrJson.table,
    rules: Annotated[
        bool, typer.Option("--rules", help="List every rule that fired instead (for analysts).")
    ] = False,
) -> None:
    """One judgement per indicator on published data, most severe first, with what to ask."""
    from rich.table import Table

    from lineofsight.reference.las import resolve
    from lineofsight.signals.engine import judgements_for, signals_for

    council = resolve(la)
    if rules:
        found = signals_for(council)
        if fmt is TableOrJson.json:
            typer.echo(json.dumps([s.record() for s in found], indent=2, default=str))
            return
        _rules_table(council.name, found)
        return
    judged = judgements_for(council)
    if fmt is TableOrJson.json:
        typer.echo(json.dumps([j.record() for j in judged], indent=2, default=str))
        return
    console = _console()
    flagged = [j for j in judged if j.severity is not None]
    console.print(
        f"[bold]Judgements for {council.name}[/bold]: {len(flagged)} of {len(judged)} indicators "
        "give something to ask about, most severe first"
    )
    if not flagged:
        console.print("Nothing stands out on the published figures.")
    else:
        table = Table(show_lines=True, width=WIDTH)
        table.add_column("Severity", width=8)
        table.add_column("Why, and what to ask", ratio=1)
        for j in flagged:
            ask = f"\nAsk: {j.question}" if j.question else ""
            table.add_row(j.severity_label, " ".join(j.reasons) + f"\n[{j.variation_words}]" + ask)
        console.print(table)
    console.print(
        "Method: docs/early-warning.md. A judgement is a prompt to ask why, not a verdict; "
        "--rules lists every rule that fired."
    )


def _rules_table(name: str, found: list[Any]) -> None:
    from rich.table import Table

    console = _console()
    console.print(f"[bold]Signals for {name}[/bold] ({len(found)}, most severe first)")
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
