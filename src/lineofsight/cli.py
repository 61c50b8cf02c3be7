"""The ``lineofsight`` command line.

Each feature module owns its commands and registers them here with ``register(app)``; heavy
imports (pandas, ibis, Django) happen inside the commands so ``--help`` stays fast.
A :class:`~lineofsight.errors.UserError` becomes one sentence on stderr and exit code 2.
"""

from __future__ import annotations

import sys

import typer

from lineofsight.errors import UserError

app = typer.Typer(
    name="lineofsight",
    help="Line of sight on a council's children's services: published data, own returns, signals.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register_all() -> None:
    from lineofsight.benchmark import commands as benchmark_commands

    benchmark_commands.register(app)

    from lineofsight.returns import commands as returns_commands

    returns_commands.register(app)

    from lineofsight.assurance import commands as assurance_commands

    assurance_commands.register(app)

    from lineofsight.signals import commands as signals_commands

    signals_commands.register(app)

    from lineofsight.databuild import commands as databuild_commands

    databuild_commands.register(app)

    from lineofsight.risk import commands as risk_commands

    risk_commands.register(app)

    from lineofsight.web import commands as web_commands

    web_commands.register(app)

    from lineofsight.web.returns_data import commands as returns_data_commands

    returns_data_commands.register(app)

    from lineofsight.synth import commands as synth_commands

    synth_commands.register(app)

    from lineofsight.packs import commands as packs_commands

    packs_commands.register(app)

    from lineofsight.web.forecast import commands as forecast_commands

    forecast_commands.register(app)

    from lineofsight.web.finance import commands as finance_commands

    finance_commands.register(app)

    from lineofsight.web.regions import commands as region_commands

    region_commands.register(app)


_register_all()


def run() -> None:
    """Console-script entry point: Typer handles usage errors (exit 2); we handle UserError."""
    try:
        app()
    except UserError as exc:
        typer.secho(f"Error: {exc.message}", err=True, fg="red")
        sys.exit(exc.exit_code)


if __name__ == "__main__":  # spark-submit runs this file itself (docs/spark.md)
    run()
