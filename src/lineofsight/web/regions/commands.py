"""CLI: ``lineofsight region add|show|share|degrade`` (docs/regions.md).

``add``, ``show`` and ``share`` work on the service's database (as ``load`` does); ``degrade``
needs none: a member council's analyst runs it on the council's own machine with the region's
secret, and only the degraded extract leaves.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

region_app = typer.Typer(
    help="Regional alliances: members, sharing choices, the side-by-side figures, extracts."
)


def register(app: typer.Typer) -> None:
    app.add_typer(region_app, name="region")


def _database() -> None:
    from lineofsight.web.commands import migrate_database, setup_django

    setup_django("lineofsight.web.settings.dev")
    migrate_database()


def _council(text: str) -> str:
    from lineofsight.reference.las import resolve

    return resolve(text).code


@region_app.command("add")
def add(
    code: Annotated[str, typer.Argument(help="A short code for the region, e.g. london-iia.")],
    name: Annotated[str, typer.Option("--name", help="The alliance's name.")],
    member: Annotated[
        list[str], typer.Option("--member", help="A member council (name, old code or E-code).")
    ],
    signed_on: Annotated[
        str, typer.Option("--signed-on", help="The agreement's date, YYYY-MM-DD.")
    ],
    signatory: Annotated[
        list[str], typer.Option("--signatory", help="A signatory: 'Name, role, council'.")
    ],
    members_see_named: Annotated[
        bool,
        typer.Option(
            "--members-see-named",
            help="The agreement lets member councils see each other's figures by name.",
        ),
    ] = False,
    staff: Annotated[
        list[str] | None,
        typer.Option("--staff", help="The email of a regional analyst or lead to add."),
    ] = None,
) -> None:
    """Create a region (or add members to it) and record its data-sharing agreement. Audited."""
    import re

    from lineofsight.errors import UserError

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,39}", code):
        raise UserError(f"'{code}' is not a region code: use lower-case letters, digits and -.")
    try:
        when = dt.date.fromisoformat(signed_on)
    except ValueError:
        raise UserError(f"--signed-on '{signed_on}' is not a date (YYYY-MM-DD).") from None
    codes = [_council(m) for m in member]
    _database()
    from lineofsight.web.accounts.models import User
    from lineofsight.web.regions.store import STAFF_ROLES, add_region

    people = []
    for email in staff or []:
        user = User.objects.filter(email=email.strip().lower()).first()
        if user is None or user.role not in STAFF_ROLES:
            raise UserError(
                f"{email} is not a regional analyst or lead account: create it with "
                "'lineofsight createuser EMAIL --role regional_analyst --la E-code'."
            )
        people.append(user)
    region = add_region(
        code,
        name,
        codes,
        signed_on=when,
        signatories=signatory,
        members_see_named=members_see_named,
        actor="command line",
    )
    region.staff.add(*people)
    typer.echo(
        f"{region.name} ({region.code}): {region.members.count()} member councils, "
        f"agreement of {when.isoformat()} recorded."
    )


@region_app.command("share")
def share(
    code: Annotated[str, typer.Argument(help="The region's code.")],
    la: Annotated[str, typer.Option("--la", help="The member council.")],
    sharing: Annotated[str, typer.Option("--sharing", help="aggregates, extract or withdrawn.")],
    reason: Annotated[str, typer.Option("--reason", help="The decision or its reference.")] = "",
) -> None:
    """Record what a member council shares; 'withdrawn' removes its figures at once. Audited."""
    from lineofsight.errors import UserError

    la_code = _council(la)
    _database()
    from lineofsight.web.regions.models import Member, Sharing
    from lineofsight.web.regions.store import set_sharing

    if sharing not in {s.value for s in Sharing}:
        raise UserError(f"--sharing '{sharing}': use aggregates, extract or withdrawn.")
    found = Member.objects.filter(region__code=code, la_code=la_code).first()
    if found is None:
        raise UserError(f"{la} is not a member of the region '{code}'.")
    set_sharing(found, sharing, actor="command line", reason=reason)
    typer.echo(f"{la_code} in {code} now shares: {Sharing(sharing).label.lower()}.")


@region_app.command("show")
def show(
    code: Annotated[str, typer.Argument(help="The region's code.")],
    fmt: Annotated[str, typer.Option("--format", help="table or csv.")] = "table",
) -> None:
    """Members' latest own figures side by side (after disclosure control), the regional median
    and the period each council's data runs to."""
    import csv

    from lineofsight.errors import UserError
    from lineofsight.safecells import safe_cell
    from lineofsight.wording import show as words

    if fmt not in {"table", "csv"}:
        raise UserError(f"--format '{fmt}': use table or csv.")
    _database()
    from lineofsight.values import Value
    from lineofsight.web.accounts.scope import council_name
    from lineofsight.web.regions.models import Region
    from lineofsight.web.regions.store import table_for

    region = Region.objects.filter(code=code).first()
    if region is None:
        known = ", ".join(Region.objects.values_list("code", flat=True)) or "none yet"
        raise UserError(f"No region '{code}' (regions: {known}).")
    from lineofsight.web import demo_marks

    table = table_for(region)
    demo = demo_marks.for_region(region)
    header = ["indicator", *[name for _, name in table.members], "regional median"]
    lines = [header]
    for row in table.rows:
        cells = [row.cells.get(c) for c, _ in table.members]
        median = Value(row.median) if row.median is not None else Value(None)
        lines.append(
            [
                row.indicator.title,
                *[words(c.value, row.indicator) if c else "–" for c in cells],
                words(median, row.indicator) if row.median is not None else "–",
            ]
        )
    if fmt == "csv":
        safe = [[safe_cell(x) for x in line] for line in lines]
        writer = csv.writer(sys.stdout)
        writer.writerows(demo_marks.csv_rows_marked(safe, demo) if demo else safe)
        return
    typer.echo(f"{region.name} ({region.code})")
    if demo:
        typer.echo(f"DEMO: {demo.removeprefix('Demo: ')}.")
    agreement = region.agreement
    if agreement is not None:
        typer.echo(
            f"Agreement of {agreement.signed_on.isoformat()}, signed by "
            f"{'; '.join(agreement.signatories)}."
        )
    for m in region.members.all():
        runs = table.runs_to.get(m.la_code)
        typer.echo(
            f"  {council_name(m.la_code)} ({m.la_code}): {m.sharing_label.lower()}"
            + (f"; own data to {runs.isoformat()}" if runs else "")
        )
    from rich.console import Console
    from rich.table import Table

    out = Table(*header)
    for line in lines[1:]:
        out.add_row(*line)
    Console(width=max(100, 24 * len(header))).print(out)


@region_app.command("degrade")
def degrade(
    paths: Annotated[list[Path], typer.Argument(help="The council's return files or folders.")],
    secret_file: Annotated[
        Path, typer.Option("--secret-file", help="The region's secret (at least 32 bytes).")
    ],
    out: Annotated[Path, typer.Option("--out", help="The folder to write the extract to.")],
) -> None:
    """Write a degraded extract of returns under the region's policy (docs/regions.md)."""
    from lineofsight.errors import UserError
    from lineofsight.returns.degrade import check_key, write_extract
    from lineofsight.returns.load import read_paths

    try:
        key = check_key(secret_file.read_bytes().strip())
    except OSError as exc:
        raise UserError(
            f"{secret_file}: cannot read the region's secret ({exc.strerror})."
        ) from None
    results = read_paths(paths, validate=False)
    written = write_extract({r.kind: r.tables for r in results}, key, out)
    rows = sum(r.rows_used for r in results)
    typer.echo(f"Degraded extract: {len(written)} tables, {rows:,} rows, written to {out}.")


@region_app.command("pack")
def pack(
    code: Annotated[str, typer.Argument(help="The region's code.")],
    out: Annotated[Path, typer.Option("--out", help="The file to write.")],
    fmt: Annotated[str, typer.Option("--format", help="pdf or html.")] = "pdf",
) -> None:
    """The regional pack: members' own figures side by side, suppressed, with the median."""
    from lineofsight.errors import UserError

    if fmt not in {"pdf", "html"}:
        raise UserError(f"--format '{fmt}': use pdf or html.")
    _database()
    from lineofsight.packs.render import render_html, render_pdf
    from lineofsight.web.regions.models import Region
    from lineofsight.web.regions.store import regional_pack

    region = Region.objects.filter(code=code).first()
    if region is None:
        raise UserError(f"No region '{code}'.")
    built = regional_pack(region, dt.date.today())
    html = render_html(built)
    if fmt == "html":
        out.write_text(html, encoding="utf-8")
    else:
        out.write_bytes(render_pdf(built, html))
    typer.echo(f"Wrote {out} ({len(built.sections)} sections).")
