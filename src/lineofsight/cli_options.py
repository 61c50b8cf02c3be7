"""The command line's shared options: the --format choices and --return, defined once.

One definition so a format means the same in every command; each command takes the set that fits
its output (a report has no CSV, a findings list has an HTML report).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer


class Format(StrEnum):
    """Rows of figures: a table for people, CSV and JSON for other tools."""

    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(StrEnum):
    """Rows of figures, also as a spreadsheet file: table, CSV, JSON or xlsx (xlsx needs --out)."""

    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class TableOrJson(StrEnum):
    """A list of findings or estimates: a table for people, JSON for other tools."""

    table = "table"
    json = "json"


class TextOrJson(StrEnum):
    """A written report: text for people, JSON for other tools."""

    text = "text"
    json = "json"


class ReportFormat(StrEnum):
    """A checked file's findings: a table, CSV, JSON, or a standalone HTML report."""

    table = "table"
    csv = "csv"
    json = "json"
    html = "html"


class DocumentFormat(StrEnum):
    """A briefing pack: a tagged PDF, or the HTML it is printed from."""

    pdf = "pdf"
    html = "html"


def _option(help_text: str = "Output format.") -> Any:
    return typer.Option("--format", help=help_text)


FormatOpt = Annotated[Format, _option()]
ExportFormatOpt = Annotated[ExportFormat, _option("Output format (xlsx needs --out FILE).")]
TableOrJsonOpt = Annotated[TableOrJson, _option()]
TextOrJsonOpt = Annotated[TextOrJson, _option()]
ReportFormatOpt = Annotated[ReportFormat, _option("What to print.")]


ReturnOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--return",
        help="Read only the return holding this file for its collection (repeatable), "
        "when a folder holds more than one return of a year.",
    ),
]
