"""CLI: ``lineofsight validate PATH...`` over the council's own 903, CIN and workforce returns.

Exit codes say what happened: 0 no errors (queries allowed), 1 errors found, 2 unusable input.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from lineofsight.cli_options import ReportFormat, ReportFormatOpt, ReturnOpt

WIDTH = 100


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)


def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(help="903 CSV/XML, CIN census XML or workforce XML files or folders."),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Folder to write findings.csv, findings.json and findings.html."
        ),
    ] = None,
    format: ReportFormatOpt = ReportFormat.table,
    year: Annotated[
        int | None,
        typer.Option("--year", help="Collection year, e.g. 2024 (ending 31 March / 30 Sept)."),
    ] = None,
    chosen: ReturnOpt = None,
) -> None:
    """Check returns against DfE structure, code sets and rules; exit 1 when errors are found."""
    from lineofsight.errors import UserError
    from lineofsight.returns import report
    from lineofsight.returns.load import expand, read_paths
    from lineofsight.returns.synthetic import LABEL, is_synthetic

    if year is not None and not 1990 <= year <= 2100:
        raise UserError(f"--year {year} is not a collection year; give it as e.g. 2024.")
    results = read_paths(paths, year=year, chosen=chosen)
    demo = LABEL if is_synthetic(paths, expand(paths)) else ""
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
            with (out / "findings.csv").open("w", encoding="utf-8", newline="") as fh:
                report.write_csv(results, fh, demo)
            (out / "findings.json").write_text(report.to_json(results, demo), encoding="utf-8")
            (out / "findings.html").write_text(report.to_html(results, demo), encoding="utf-8")
        except OSError as exc:
            raise UserError(f"Cannot write the reports to {out} ({exc.strerror}).") from None
    if format is ReportFormat.csv:
        report.write_csv(results, sys.stdout, demo)
    elif format is ReportFormat.json:
        sys.stdout.write(report.to_json(results, demo) + "\n")
    elif format is ReportFormat.html:
        sys.stdout.write(report.to_html(results, demo))
    else:
        _print_summary(results, out, demo)
    if any(r.error_count for r in results):
        raise typer.Exit(1)


def _print_summary(results: list[Any], out: Path | None, demo: str = "") -> None:
    from rich.console import Console
    from rich.table import Table

    from lineofsight.returns.report import combined, summarise

    console = Console(width=WIDTH, soft_wrap=False)
    if demo:
        console.print(f"{demo}.", markup=False)
    for r in results:
        years = ", ".join(str(y) for y in r.years or []) or "year unknown"
        console.print(
            f"[bold]{r.kind}[/bold] ({years}): {r.rows_read:,} rows read, {r.rows_used:,} used, "
            f"{r.rows_reported:,} reported; {r.error_count:,} errors, "
            f"{r.query_count:,} queries."
        )
    findings = combined(results)
    if not findings:
        console.print("No findings.")
        return
    table = Table(width=WIDTH, show_lines=False)
    table.add_column("Rule", no_wrap=True, max_width=16)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Count", justify="right", no_wrap=True)
    table.add_column("Message (first example)", overflow="fold", ratio=1)
    for s in summarise(findings):
        style = "red" if s.severity == "error" else ""
        table.add_row(s.rule_id, f"[{style}]{s.severity}[/]" if style else s.severity,
                      f"{s.count:,}", s.message)  # fmt: skip
    console.print(table)
    if out is not None:
        console.print(f"Reports written to {out}/findings.csv, .json and .html.")
