"""CLI: ``finance LA`` (published spend, unit costs and the high needs position against neighbours)
and ``finance --monitoring FILE --la LA`` (check a budget monitoring file and show its variance).
It lives in the web app because ``--keep`` saves aggregates into the service's database."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from lineofsight.finance.monitoring import Monitoring
    from lineofsight.reference.las import LA


def register(app: typer.Typer) -> None:
    app.command("finance")(finance)


def finance(
    la: Annotated[
        str | None, typer.Argument(help="Council name, old 3-digit code or E-code.")
    ] = None,
    monitoring: Annotated[
        Path | None,
        typer.Option("--monitoring", help="A budget monitoring file (the CSV or .xlsx template)."),
    ] = None,
    la_option: Annotated[
        str | None, typer.Option("--la", help="With --monitoring: the council it is for.")
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option("--template", help="Write the blank template to this .csv or .xlsx file."),
    ] = None,
    returns: Annotated[
        Path | None,
        typer.Option(
            "--returns",
            help="Folder of the council's own SSDA903 returns: what drives placement cost.",
        ),
    ] = None,
    unit_cost: Annotated[
        list[str] | None,
        typer.Option(
            "--unit-cost",
            help="With --returns: the council's own weekly unit cost, GROUP=POUNDS (repeatable; "
            "groups fostering_in_house, fostering_agency, residential, supported, other).",
        ),
    ] = None,
    keep: Annotated[
        bool,
        typer.Option(
            "--keep",
            help="With --returns: keep the counts (aggregates only) for the service's Finance page.",
        ),
    ] = False,
) -> None:
    """Money: published spend and unit costs against neighbours, a budget monitoring file, or
    (with --returns) placements by type and provider and their estimated cost."""
    from lineofsight.errors import UserError

    if template is not None:
        typer.echo(_write_template(template))
        return
    council = la_option or la
    if council is None:
        raise UserError("Name a council, e.g. lineofsight finance 'Kent'.")
    from lineofsight.reference.las import resolve

    target = resolve(council)
    if returns is not None:
        typer.echo(drivers_text(target, returns, unit_cost or [], keep))
        return
    if monitoring is None:
        typer.echo(published_text(target))
        return
    from lineofsight.finance.monitoring import MonitoringError, parse_monitoring

    if not monitoring.is_file():
        raise UserError(f"The monitoring file '{monitoring}' does not exist.")
    try:
        parsed = parse_monitoring(monitoring.read_bytes(), monitoring.name)
    except MonitoringError as exc:
        typer.secho(
            f"Error: '{monitoring.name}' was not used ({len(exc.problems)} problem"
            f"{'' if len(exc.problems) == 1 else 's'}):",
            err=True,
            fg="red",
        )
        for problem in exc.problems:
            typer.echo(f"  {problem}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(monitoring_text(target, parsed))


def _write_template(path: Path) -> str:
    from lineofsight.errors import UserError
    from lineofsight.finance.monitoring import template_csv, template_xlsx

    if path.suffix.lower() == ".csv":
        path.write_text(template_csv(), encoding="utf-8")
    elif path.suffix.lower() == ".xlsx":
        path.write_bytes(template_xlsx())
    else:
        raise UserError(f"The template is written as .csv or .xlsx, not '{path.suffix or path}'.")
    return f"Wrote the budget monitoring template to {path}."


def published_text(la: LA) -> str:
    """The council's finance figures, each with year, neighbours, England and source."""
    from lineofsight.finance.published import entries, finance_ids, source_gaps
    from lineofsight.wording import money, show, year_phrase

    lines = [
        f"Finance: {la.name} ({la.code}), {la.region_name}",
        "Nominal pounds. Totals are context; per-child figures, shares and unit costs are "
        "compared with the 10 statistical neighbours.",
        "",
    ]
    for e in entries(la, finance_ids()):
        ind = e.indicator
        lines.append(f"{ind.title}: {show(e.value, ind)} ({year_phrase(ind.year_label, e.year)})")
        lines.append(
            f"  neighbour median {show(e.neighbours_median, ind)}; England {show(e.england, ind)}"
            f"; source: {ind.publication}"
        )
    gaps = source_gaps(la.code)
    if gaps:
        lines += ["", "Children looked after spend, section 251 against RO3 (more than 10% apart):"]
        lines += [
            f"  {g.year}: {money(g.s251)} against {money(g.ro3)} ({g.gap_pct:.0f}% apart)"
            for g in gaps
        ]
    return "\n".join(lines)


def drivers_text(la: LA, folder: Path, unit_cost: list[str], keep: bool = False) -> str:
    """Placements by type and provider from the council's 903 and their estimated annual cost.

    Exact figures: whoever runs this holds the child-level returns (an analyst)."""
    import textwrap

    from lineofsight.errors import UserError
    from lineofsight.finance.drivers import (
        cost_drivers,
        highest_sentence,
        parse_unit_cost,
        period_text,
        table_rows,
        unit_costs,
    )
    from lineofsight.returns.load import read_paths

    own = dict(parse_unit_cost(text) for text in unit_cost)
    if not folder.is_dir():
        raise UserError(f"The returns folder '{folder}' does not exist.")
    found = [r for r in read_paths([folder], validate=False) if r.kind == "ssda903"]
    if not found:
        raise UserError(f"{folder} holds no SSDA903 return; the placement mix needs the episodes.")
    d = cost_drivers(found[0].tables, unit_costs(la.code, own))
    out = [
        f"What drives placement cost: {la.name}, {period_text(d)}, from the council's 903",
        "Exact figures for analysts; pages and packs show 1 to 5 children as c.",
        "",
        f"{'Placement type':<58} {'Children':>8} {'Days':>8} {'Weekly':>8} {'Cost':>9}",
    ]
    for name, children, days, weekly, cost in table_rows(d):
        out.append(f"{name[:58]:<58} {children:>8} {days:>8} {weekly:>8} {cost:>9}")
    out += ["", *textwrap.wrap(highest_sentence(d), 100, break_on_hyphens=False), "", "Unit costs:"]
    for g in d.groups:
        out += textwrap.wrap(f"{g.name}: {g.cost_source}", 100, initial_indent="  ",
                             subsequent_indent="    ", break_on_hyphens=False)  # fmt: skip
    out += textwrap.wrap(
        "Children: in care on the last day; days: placement days in the year; cost: days x "
        "weekly unit cost / 7 (an estimate, not the ledger).",
        100,
    )
    if keep:
        from lineofsight.web.commands import migrate_database, setup_django

        setup_django("lineofsight.web.settings.dev")
        migrate_database()
        from lineofsight.web.finance.store import save_mix

        save_mix(la.code, d, f"903 returns, {period_text(d)}", synthetic=False)
        out += ["", f"Kept the counts for {la.name}'s Finance page; no child-level data was kept."]
    return "\n".join(out)


def monitoring_text(la: LA, parsed: Monitoring) -> str:
    """The variance by service line at the latest month, and what the monitoring flags."""
    from lineofsight.benchmark.engine import get_benchmark
    from lineofsight.finance.monitoring import month_text, total, variances
    from lineofsight.finance.signals import monitoring_signals
    from lineofsight.signals.model import sort_signals
    from lineofsight.wording import money

    lines = variances(parsed)
    out = [
        f"Budget monitoring: {la.name}, {parsed.financial_year}, at the end of "
        f"{month_text(parsed.latest)} ({len(parsed.periods)} month(s))",
        "",
        f"{'Service line':<58} {'Budget':>9} {'Forecast':>9} {'Variance':>9} {'Movement':>9}",
    ]
    for v in [*lines, total(lines)]:
        move = "" if v.movement is None else money(v.movement)
        out.append(
            f"{v.label[:58]:<58} {money(v.budget):>9} {money(v.forecast):>9} "
            f"{money(v.variance):>9} {move:>9}"
        )
    found = sort_signals(monitoring_signals(parsed, la, get_benchmark()))
    out += ["", "Signals:" if found else "Signals: none pass the thresholds."]
    out += [f"  {s.severity.label}: {s.sentence}" for s in found]
    return "\n".join(out)
