"""Check that an .xlsx download holds what its CSV holds: same columns, rows, numbers and states.

A numeric CSV cell must be a number in the workbook (equal to the CSV's figure); a blank CSV
figure whose state column says why there is no number must hold that state code; any other
cell the same text.
"""

from __future__ import annotations

import csv
import io
import math
from typing import Any

import openpyxl

from lineofsight.exports.xlsx import infer_states


def read_xlsx(data: bytes, sheet: str | None = None) -> tuple[list[str], list[list[Any]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book[sheet] if sheet else book.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return [str(h) for h in rows[0]], rows[1:]


def compare_with_csv(csv_text: str, xlsx: bytes) -> tuple[list[str], int, int]:
    """(mismatches, numbers checked, state codes checked)."""
    reader = list(csv.reader(io.StringIO(csv_text)))
    csv_header, csv_rows = reader[0], reader[1:]
    header, rows = read_xlsx(xlsx)
    problems: list[str] = []
    if header != csv_header:
        return [f"header {header} != {csv_header}"], 0, 0
    if len(rows) != len(csv_rows):
        return [f"{len(rows)} rows in the workbook, {len(csv_rows)} in the CSV"], 0, 0
    states = infer_states(header)
    numbers = codes = 0
    for n, (row, crow) in enumerate(zip(rows, csv_rows, strict=True), start=2):
        by_name = dict(zip(header, crow, strict=True))
        for col, cell, text in zip(header, row, crow, strict=True):
            where = f"row {n} {col}"
            if isinstance(cell, bool) or cell is None:
                if text != "" and str(cell) != text:
                    problems.append(f"{where}: {cell!r} but CSV {text!r}")
            elif isinstance(cell, int | float):
                numbers += 1
                try:
                    expected = float(text)
                except ValueError:
                    problems.append(f"{where}: number {cell!r} but CSV {text!r}")
                    continue
                if not math.isclose(cell, expected, rel_tol=1e-9, abs_tol=1e-9):
                    problems.append(f"{where}: {cell!r} but CSV {text!r}")
            elif text == "" and col in states:
                codes += 1
                if cell != by_name[states[col]] or cell == "value":
                    problems.append(f"{where}: {cell!r}, state {by_name[states[col]]!r}")
            elif str(cell) != text:
                problems.append(f"{where}: {cell!r} but CSV {text!r}")
    return problems, numbers, codes
