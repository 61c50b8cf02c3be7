"""CLI: ``lineofsight load PATH... --la X``: check real return files and publish their figures.

Exit 0 when published, 1 when the files have errors (the summary is printed and the current
publication is kept), 2 when the input cannot be used at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("load")(load)


def load(
    paths: Annotated[
        list[Path],
        typer.Argument(help="903 CSV/XML, CIN census XML or workforce XML files or folders."),
    ],
    la: Annotated[str, typer.Option("--la", help="The council: name, old 3-digit code or E-code.")],
    replace_all: Annotated[
        bool,
        typer.Option(
            "--replace-all",
            help="Replace every own figure, not only those of the returns loaded (the others "
            "are kept by default).",
        ),
    ] = False,
) -> None:
    """Validate returns and, when no finding is an error, publish their figures as the
    council's current version (queries are listed, and do not stop publication)."""
    from lineofsight.errors import UserError
    from lineofsight.reference.las import resolve
    from lineofsight.web.commands import migrate_database, setup_django

    council = resolve(la)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UserError(f"{missing[0]} does not exist; check the path.")
    setup_django("lineofsight.web.settings.dev")
    migrate_database()

    from lineofsight.web.returns_data.checking import check
    from lineofsight.web.returns_data.store import (
        CannotPublish,
        publish,
        publish_scope,
        save_upload,
    )

    checked = check(paths, council.code)
    upload = save_upload(checked, council.code, source="cli", actor="command line")
    for r in checked.returns:
        years = ", ".join(str(y) for y in r["years"]) or "year unknown"
        typer.echo(
            f"{r['label']} ({years}): {r['rows_read']:,} rows read, {r['rows_used']:,} used; "
            f"{r['errors']:,} errors, {r['queries']:,} queries."
        )
    for s in checked.summary():
        typer.echo(f"  {s['rule_id']} ({s['severity']}, {s['count']:,}): {s['message']}")
    if checked.errors:
        typer.echo(
            f"Not published: {checked.errors:,} errors (upload {upload.pk}). The current "
            "publication is unchanged; correct the files and load them again."
        )
        raise typer.Exit(1)
    scope = publish_scope(upload)
    try:
        publication = publish(
            upload, acknowledge_queries=True, actor="command line", replace_all=replace_all
        )
    except CannotPublish as exc:
        typer.echo(f"Not published: {exc}")
        raise typer.Exit(1) from None
    typer.echo(
        f"Published version {publication.version} for {council.name} "
        f"({publication.values.count():,} indicator values)."
    )
    if scope.others:
        done = "Removed" if replace_all else "Kept"
        typer.echo(
            f"{done} the {scope.others_text} figures of version {scope.version} "
            f"({scope.others_count:,} values)."
        )
