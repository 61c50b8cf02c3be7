"""CLI: ``assurance questions``, ``assurance enablers`` and ``assurance self-evaluation LA``."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from lineofsight.cli_options import TextOrJson, TextOrJsonOpt
from lineofsight.wording import day_month_year

assurance_app = typer.Typer(
    help="The leader's key questions, the Isos enablers and the Ofsted self-evaluation draft.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(assurance_app, name="assurance")


@assurance_app.command("questions")
def questions() -> None:
    """Every key question in the LGA leader's guide, by theme, with its evidence indicators."""
    from lineofsight.assurance.content import key_questions

    kq = key_questions()
    src = kq.source
    typer.echo(
        f"{src.title} ({src.publisher}, {day_month_year(src.published)})"
        if src.published
        else src.title
    )
    for theme in kq.themes:
        typer.echo(f"\n{theme.heading}")
        for q in theme.questions:
            typer.echo(f"  {q.id}: {q.text}")
            if q.evidence.indicators:
                typer.echo(f"    evidence: {', '.join(q.evidence.indicators)}")
            else:
                typer.echo(f"    evidence: {q.evidence.note}")


@assurance_app.command("enablers")
def enablers() -> None:
    """The seven key enablers of improvement and the maturity levels to rate each against."""
    from lineofsight.assurance.content import enablers as load

    en = load()
    typer.echo(en.source.title)
    typer.echo("Levels: " + "; ".join(f"{lv.label}: {lv.description}" for lv in en.levels))
    for e in en.enablers:
        typer.echo(f"\n{e.number}. {e.title}\n   {e.prompt}")
        if e.evidence.indicators:
            typer.echo(f"   evidence: {', '.join(e.evidence.indicators)}")
        else:
            typer.echo(f"   evidence: {e.evidence.note}")


@assurance_app.command("self-evaluation")
def self_evaluation(
    la: Annotated[
        str, typer.Argument(help="Council name, old 3-digit code or E-code, e.g. 'Stoke-on-Trent'.")
    ],
    format: TextOrJsonOpt = TextOrJson.text,
) -> None:
    """A draft of the council's Ofsted self-evaluation, pre-filled from the published figures."""
    from lineofsight.assurance.self_evaluation import (
        draft_as_data,
        draft_as_text,
        draft_self_evaluation,
    )

    draft = draft_self_evaluation(la)
    if format is TextOrJson.json:
        typer.echo(json.dumps(draft_as_data(draft), indent=2))
    else:
        typer.echo(draft_as_text(draft), nl=False)
