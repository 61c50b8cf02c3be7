"""A table as a formatted Excel workbook, holding exactly what its CSV holds.

Councils work in Excel, so every table with a CSV download also comes as ``.xlsx``. The workbook
keeps the CSV's columns and rows; what Excel adds is kept out of the numbers:

- numbers stay numbers (never text), shown with a number format for their unit (``21.7%``,
  ``£1,234``, ``67.0``) while the cell keeps the exact figure;
- where a figure has no number its cell holds the published state code (``c``, ``x``, ``z``, ``u``,
  ...) instead of a blank, and a "Key" sheet says what each code means;
- a "Sources" sheet names each publication, its publisher, release date and licence;
- an "About" sheet says what the table is and, for demo or synthetic content, says so (the data
  sheet is then named "Demo data" and prints with DEMO in its header), so a demo download cannot
  pass for a council's real record.

Text goes through ``safecells.safe_cell`` and is stored as text, so no cell runs as a formula.
This module knows nothing of indicators: callers say which column's state and number format
each value column takes.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lineofsight.safecells import safe_cell
from lineofsight.values import LABELS, State
from lineofsight.wording import date_text

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OGL = "Open Government Licence v3.0"
DATA_SHEET = "Data"
DEMO_SHEET = "Demo data"
MAX_ROWS = 1_048_575  # Excel's rows less the header

Formatter = Callable[[Mapping[str, Any]], str]

# What each published state code means in a cell (the CSV's ``state`` column uses these codes).
KEY: tuple[tuple[str, str], ...] = (
    (State.SUPPRESSED.value, "Suppressed: withheld to protect individuals (a small number)."),
    (State.NOT_AVAILABLE.value, "Not available: not collected or not published for this area."),
    (State.NOT_APPLICABLE.value, "Not applicable: the figure does not apply (e.g. no such council that year)."),
    (State.LOW.value, "Low: fewer than 0.5, rounds to 0 but is not 0."),
    (State.K.value, "k: fewer than 0.5, rounds to 0 but is not 0."),
    (State.UNRELIABLE.value, "u: low reliability (published, but treat with caution)."),
    (State.MISSING.value, "Missing: no figure for this area and year in any bundled release."),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Source:
    """One publication a table's figures come from."""

    publication: str
    publisher: str
    release: str  # ISO date (shown as '30 October 2025') or text
    licence: str = OGL
    file: str = ""


@dataclass(frozen=True)
class Sheet:
    """An extra sheet laid out as a page shows it (e.g. indicators down, councils across): each
    cell a number with its format, or text (a state code where there is no number)."""

    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[tuple[Any, str]]]  # (value, number format or "")


@dataclass(frozen=True)
class Export:
    """A table and what the workbook says about it.

    ``states`` maps a value column to the column holding its state code (inferred when not given:
    ``value``/``state``, ``X``/``X_state``, ``X_value``/``X_state``). ``formats`` maps a column to
    a function giving the Excel number format for that row's figure (see ``number_format``).
    """

    title: str
    records: Sequence[Mapping[str, Any]]
    sources: Sequence[Source] = ()
    notes: Sequence[str] = ()
    demo: str = ""  # not empty: the sentence saying the content is demo or synthetic
    states: Mapping[str, str] | None = None
    formats: Mapping[str, Formatter] = field(default_factory=dict)
    columns: Sequence[str] | None = None  # default: the first record's keys
    sheets: Sequence[Sheet] = ()  # after the data sheet


def number_format(unit: str, decimals: int = 0) -> str:
    """The Excel number format for a catalogue unit: '21.7%' for percent (the cell holds 21.7,
    as the CSV does), '£1,235' for money, '#,##0.0' for rates and counts at their decimals."""
    d = max(0, int(decimals))
    digits = "#,##0" + ("." + "0" * d if d else "")
    u = unit.strip().lower()
    if u in {"percent", "percentage", "pct"} or u.startswith("%"):
        return f'{digits}"%"'
    if u.startswith("gbp") or u.startswith("£"):
        return f'"£"{digits};-"£"{digits}'
    if u == "judgement":
        return "0"
    return digits


def records_from_csv(text: str, numeric: Iterable[str] = ()) -> list[dict[str, Any]]:
    """A CSV's rows as records, the ``numeric`` columns read as numbers (a blank stays blank,
    text that is not a number stays text), so a workbook made from a stored CSV keeps numbers
    as numbers and every other cell (a child id such as ``007``) as the text it was."""
    import csv

    wanted = set(numeric)
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        record: dict[str, Any] = {}
        for key, value in row.items():
            record[str(key)] = _read_number(value) if key in wanted else value
        out.append(record)
    return out


def _read_number(text: str | None) -> Any:
    if text is None or not text.strip():
        return None
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        return text
    if not math.isfinite(number):
        return text
    return int(number) if number.is_integer() and "." not in text else number


def infer_states(columns: Sequence[str]) -> dict[str, str]:
    """Value column -> state column by the CSV naming: value/state, X/X_state, X_value/X_state."""
    present = set(columns)
    out: dict[str, str] = {}
    for col in columns:
        if col.endswith("state"):
            continue
        candidates = [f"{col}_state"]
        if col == "value":
            candidates.insert(0, "state")
        if col.endswith("_value"):
            candidates.append(col.removesuffix("_value") + "_state")
        for name in candidates:
            if name in present:
                out[col] = name
                break
    return out


def workbook_bytes(export: Export) -> bytes:
    """The workbook as bytes (for a download or a file)."""
    buffer = io.BytesIO()
    write(export, buffer)
    return buffer.getvalue()


def write(export: Export, target: Any) -> None:
    """Write the workbook to a path or a binary stream."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    columns = list(export.columns or (list(export.records[0]) if export.records else []))
    if len(export.records) > MAX_ROWS:
        from lineofsight.errors import UserError

        raise UserError(
            f"The table has {len(export.records):,} rows, more than Excel's {MAX_ROWS:,}; "
            "download the CSV instead."
        )
    states = dict(export.states) if export.states is not None else infer_states(columns)
    book = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)

    data = book.create_sheet(DEMO_SHEET if export.demo else DATA_SHEET)
    data.freeze_panes = "A2"
    if export.demo:
        data.oddHeader.center.text = "DEMO: not real figures"
        data.sheet_properties.tabColor = "D4351C"
    for i, col in enumerate(columns, start=1):
        data.column_dimensions[_letter(i)].width = min(40, max(10, len(col) + 2))
    header = []
    for col in columns:
        cell = WriteOnlyCell(data, value=_text(col))
        cell.font = bold
        header.append(cell)
    data.append(header)
    for record in export.records:
        row = []
        for col in columns:
            row.append(_cell(data, record, col, states.get(col), export.formats.get(col)))
        data.append(row)

    for extra in export.sheets:
        _write_sheet(book, extra, bold)

    about = book.create_sheet("About")
    about.column_dimensions["A"].width = 100
    lines: list[tuple[str, bool]] = [(export.title, True)]
    if export.demo:
        lines.append((f"DEMO: {export.demo.removeprefix('Demo: ')}", True))
    lines.append((f"Made by Line of Sight on {date_text(dt.date.today().isoformat())}.", False))
    lines.extend((note, False) for note in export.notes)
    lines.append(
        (
            "Numbers are numbers: the format shows their unit, the cell holds the exact figure. "
            "Where there is no number the cell holds the published code; the Key sheet says what "
            "each means.",
            False,
        )
    )
    for text_line, strong in lines:
        cell = WriteOnlyCell(about, value=_text(text_line))
        if strong:
            cell.font = bold
        about.append([cell])

    key = book.create_sheet("Key")
    for letter, width in zip("ABC", (10, 80, 30), strict=True):
        key.column_dimensions[letter].width = width
    key.append(_bold_row(key, ["Code", "Meaning", "Shown on the service's pages as"], bold))
    for code, meaning in KEY:
        key.append([_text(code), _text(meaning), _text(LABELS[State(code)])])

    sources = book.create_sheet("Sources")
    for letter, width in zip("ABCDE", (60, 28, 18, 30, 60), strict=True):
        sources.column_dimensions[letter].width = width
    sources.append(
        _bold_row(sources, ["Publication", "Publisher", "Release date", "Licence", "File"], bold)
    )
    for s in export.sources:
        sources.append([_text(s.publication), _text(s.publisher), _text(date_text(s.release)),
                        _text(s.licence), _text(s.file)])  # fmt: skip
    book.save(target)


def _write_sheet(book: Any, extra: Sheet, bold: Any) -> None:
    from openpyxl.cell import WriteOnlyCell

    sheet = book.create_sheet(extra.name[:31])
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 45
    for i in range(2, len(extra.header) + 1):
        sheet.column_dimensions[_letter(i)].width = 16
    sheet.append(_bold_row(sheet, extra.header, bold))
    for row in extra.rows:
        cells = []
        for value, fmt in row:
            number = _number(value)
            if number is not None:
                cell = WriteOnlyCell(sheet, value=number)
                if fmt:
                    cell.number_format = fmt
            elif _blank(value):
                cell = None
            else:
                cell = WriteOnlyCell(sheet, value=_text(str(value)))
            cells.append(cell)
        sheet.append(cells)


def _bold_row(sheet: Any, values: Iterable[str], bold: Any) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell

    out = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=_text(value))
        cell.font = bold
        out.append(cell)
    return out


def _cell(
    sheet: Any,
    record: Mapping[str, Any],
    col: str,
    state_col: str | None,
    fmt: Formatter | None,
) -> Any:
    """A number with its format; else the state code where the row says there is no number."""
    from openpyxl.cell import WriteOnlyCell

    value = record.get(col)
    number = _number(value)
    if number is not None:
        cell = WriteOnlyCell(sheet, value=number)
        if fmt is not None:
            cell.number_format = fmt(record)
        return cell
    if _blank(value) and state_col is not None:
        state = record.get(state_col)
        if isinstance(state, str) and state and state != State.VALUE.value:
            return WriteOnlyCell(sheet, value=_text(state))
    if _blank(value):
        return None
    return WriteOnlyCell(sheet, value=_text(str(value)))


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        f = float(value)
        return f if math.isfinite(f) else None
    if hasattr(value, "dtype") and hasattr(value, "item"):  # a numpy scalar
        return _number(value.item())
    return None


def _blank(value: Any) -> bool:
    if value is None or value == "":
        return True
    return isinstance(value, float) and math.isnan(value)


def _text(value: str) -> str:
    """Safe text: no formula, no character an .xlsx cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(ILLEGAL_CHARACTERS_RE.sub("", str(safe_cell(value))))


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))
