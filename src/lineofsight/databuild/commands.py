"""CLI: ``data update`` (newer official releases into the store) and ``data sources`` (dates)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

data_app = typer.Typer(help="The published data: its sources, and newer releases of them.")


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")


@data_app.command("update")
def update(
    files: Annotated[
        list[Path],
        typer.Argument(help="Newer releases: Ofsted's outcomes workbook, DfE/ONS EES-layout CSVs."),
    ],
    released: Annotated[
        str | None,
        typer.Option(
            help="The CSVs' release date, YYYY-MM-DD (a CSV does not say; default today)."
        ),
    ] = None,
) -> None:
    """Check newer official files, rebuild the store under $LINEOFSIGHT_HOME and say what changed."""
    from lineofsight.databuild.update import update as run
    from lineofsight.errors import UserError

    try:
        when = date.fromisoformat(released) if released else None
    except ValueError:
        raise UserError(f"--released '{released}' is not a date (YYYY-MM-DD).") from None
    for line in run(files, when):
        typer.echo(line)


@data_app.command("sources")
def sources() -> None:
    """Each source's latest release in the store, and whether a newer one is overdue."""
    from lineofsight.published.freshness import ofsted_as_at, source_dates

    today = date.today()
    typer.echo(f"Ofsted judgements as at {ofsted_as_at()}.")
    for s in source_dates():
        flag = " NEWER RELEASE OVERDUE" if s.overdue(today) else ""
        typer.echo(
            f"{s.title}: released {s.release.isoformat()}, next expected "
            f"{s.expected.isoformat()}{flag}"
        )
