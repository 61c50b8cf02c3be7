"""CLI: ``lineofsight pack KIND --la X --out FILE`` makes a briefing pack as PDF or HTML.

Works on the published data alone: the council's record is empty here (the web service passes
the recorded one), so the pack says what would fill those sections.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from lineofsight.cli_options import DocumentFormat


class PackName(StrEnum):
    quartet = "quartet"
    scrutiny = "scrutiny"
    corporate_parenting = "corporate-parenting"
    self_evaluation = "self-evaluation"


def register(app: typer.Typer) -> None:
    app.command("pack")(pack)


def pack(
    kind: Annotated[PackName, typer.Argument(help="Which pack to make.")],
    la: Annotated[str, typer.Option("--la", help="Council name, old 3-digit code or E-code.")],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="File to write; default: a name from the council, pack and date."
        ),
    ] = None,
    fmt: Annotated[
        DocumentFormat | None,
        typer.Option("--format", help="pdf or html; default: from --out's suffix, else pdf."),
    ] = None,
    theme: Annotated[
        str | None,
        typer.Option("--theme", help="The scrutiny pack's theme, e.g. children_in_care."),
    ] = None,
    as_at: Annotated[
        str | None,
        typer.Option("--as-at", help="The pack's date, YYYY-MM-DD; default: the data's date."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help="The previous pack's data date, YYYY-MM-DD, for what changed."
        ),
    ] = None,
) -> None:
    """Make a briefing pack (quartet, scrutiny, corporate-parenting, self-evaluation)."""
    from lineofsight.errors import UserError
    from lineofsight.packs.catalogue import build_pack
    from lineofsight.packs.dates import parse_day
    from lineofsight.packs.render import render_html, render_pdf

    when = parse_day(as_at, "--as-at") if as_at is not None else None
    before = parse_day(since, "--since") if since is not None else None
    chosen = fmt or (
        DocumentFormat.html
        if out is not None and out.suffix.lower() in {".html", ".htm"}
        else DocumentFormat.pdf
    )
    target = out
    if target is not None:
        _check_writable(target)
    built = build_pack(kind.value, la, as_at=when, theme=theme, since=before)
    html = render_html(built)
    data = html.encode("utf-8") if chosen is DocumentFormat.html else render_pdf(built, html)
    target = target or Path(f"{built.filename_stem}.{chosen.value}")
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise UserError(f"Cannot write {target}: {exc.strerror or exc}.") from None
    typer.echo(f"Wrote {target} ({built.title}, {built.la.name}, {len(data):,} bytes).")


def _check_writable(path: Path) -> None:
    """Refuse before the slow part: a folder that does not exist or a path that is a folder."""
    from lineofsight.errors import UserError

    if path.is_dir():
        raise UserError(f"{path} is a folder; give a file name, e.g. {path / 'pack.pdf'}.")
    if not path.parent.exists():
        raise UserError(f"The folder {path.parent} does not exist; create it or choose another.")
