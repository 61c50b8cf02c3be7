"""CLI: ``forecast`` (a council's published series ahead, its own 903 with ``--returns``, or the
backtest with ``--evaluate``).
It lives in the web app because ``--keep`` saves aggregates into the service's database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lineofsight.wording import day_month_year


def register(app: typer.Typer) -> None:
    app.command("forecast")(forecast)


def forecast(
    la: Annotated[
        str | None, typer.Argument(help="Council name, old 3-digit code or E-code.")
    ] = None,
    evaluate: Annotated[
        bool,
        typer.Option(
            "--evaluate",
            help="The backtest: published series of all councils, or with --returns the council's own.",
        ),
    ] = False,
    returns: Annotated[
        Path | None,
        typer.Option("--returns", help="Folder of the council's own SSDA903 returns (any years)."),
    ] = None,
    la_option: Annotated[
        str | None, typer.Option("--la", help="With --returns: the council the returns are for.")
    ] = None,
    scenario: Annotated[
        list[Path] | None,
        typer.Option("--scenario", help="With --returns: a scenario file (YAML/JSON); repeatable."),
    ] = None,
    months: Annotated[
        int | None, typer.Option("--months", help="With --returns: months ahead (1-60).")
    ] = None,
    keep: Annotated[
        bool,
        typer.Option(
            "--keep",
            help="With --returns: keep the rates (aggregates only) for the service's Forecast page.",
        ),
    ] = False,
) -> None:
    """Children looked after, starts and child protection plans one to three years ahead; with
    --returns, children in care by age and placement type and their cost from the council's 903."""
    from lineofsight.errors import UserError

    if evaluate and returns is None:
        from lineofsight.forecast import report

        typer.echo(report.evaluation_text())
        return
    if returns is not None:
        from lineofsight.forecast import own_report

        council = la_option or la
        if council is None:
            raise UserError("Give the council the returns are for with --la (e.g. --la 'Kent').")
        if months is not None and not 1 <= months <= 60:
            raise UserError(f"--months must be between 1 and 60, not {months}.")
        if evaluate:
            typer.echo(own_report.backtest_text(returns, council))
            return
        if keep:
            typer.echo(_keep(returns, council))
            return
        typer.echo(own_report.run_text(returns, council, scenario or [], months))
        return
    if la is None:
        raise UserError(
            "Give a council (e.g. lineofsight forecast 'Kent'), --evaluate or --returns DIR --la X."
        )
    from lineofsight.forecast import report

    typer.echo(report.council_text(la))


def _keep(folder: Path, la: str) -> str:
    """Estimate the rates from the returns and keep them in the service's database."""
    from lineofsight.forecast import own
    from lineofsight.reference.las import resolve
    from lineofsight.web.commands import migrate_database, setup_django

    council = resolve(la)
    r = own.rates(own.segments(own.read_returns(folder)))
    setup_django("lineofsight.web.settings.dev")
    migrate_database()
    from lineofsight.web.forecast.basis import save_basis

    save_basis(council.code, r, f"903 returns to {day_month_year(r.window_end)}", synthetic=False)
    return (
        f"Kept the forecast rates for {council.name} from the 903 returns to "
        f"{day_month_year(r.window_end)} ({r.opening.sum():,.0f} children looked after then); "
        "the Forecast page now uses them. No child-level data was kept."
    )
