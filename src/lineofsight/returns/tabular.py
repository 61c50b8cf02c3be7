"""CSV text to a DataFrame of raw strings, keeping the source row of every record.

Blank lines are skipped (they are not records) but still count towards row numbers, so ``_row``
points at the line a person sees in Excel (data row 1 = the line after the header).
Rows with more fields than the header cannot be placed safely: they are reported and not used.
Cells come out trimmed, with <NA> for blanks, which is what :mod:`coerce` expects.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from lineofsight.errors import UserError
from lineofsight.returns.findings import Finding, Severity

csv.field_size_limit(1_000_000)


@dataclass
class RawTable:
    """One CSV file as text: the header as written, rows padded to the header's width."""

    path: Path
    header: list[str]
    frame: pd.DataFrame  # one string column per header position, plus _row
    findings: list[Finding] = field(default_factory=list)
    rows_read: int = 0
    rows_reported: int = 0


def parse_csv(text: str, path: Path) -> RawTable:
    if "\x00" in text:
        text = text.replace("\x00", "")
    fast = _parse_regular(text, path)
    return fast if fast is not None else parse_careful(text, path)


def parse_careful(text: str, path: Path) -> RawTable:
    """The csv-module path: handles blank lines, short and over-long rows, odd headers."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    header_line = 0
    records: list[list[str]] = []
    rownums: list[int] = []
    findings: list[Finding] = []
    reported = 0
    try:
        for fields in reader:
            if not "".join(fields).strip():
                continue
            if header is None:
                header = [f.strip() for f in fields]
                header_line = reader.line_num
                continue
            row = reader.line_num - header_line
            width = len(header)
            if len(fields) > width:
                if any(f.strip() for f in fields[width:]):
                    reported += 1
                    findings.append(
                        Finding(
                            "ROW-EXTRA-FIELDS",
                            Severity.ERROR,
                            path.name,
                            row,
                            fields[0].strip() or None,
                            None,
                            f"This row has {len(fields)} fields but the header has {width}, so its "
                            "values cannot be matched to columns; it was not used. Check for an "
                            "unquoted comma.",
                        )
                    )
                    continue
                fields = fields[:width]
            elif len(fields) < width:
                findings.append(
                    Finding(
                        "ROW-SHORT",
                        Severity.QUERY,
                        path.name,
                        row,
                        fields[0].strip() or None,
                        None,
                        f"This row has {len(fields)} of the header's {width} fields; the missing "
                        "ones were read as blank. Check the row was not cut short.",
                    )
                )
                fields = fields + [""] * (width - len(fields))
            records.append(fields)
            rownums.append(row)
    except csv.Error as exc:
        raise UserError(f"{path.name}: line {reader.line_num} is not valid CSV ({exc}).") from None
    if header is None:
        header = []
    columns = list(zip(*records, strict=True)) if records else [() for _ in header]
    data = {f"c{i}": _clean(pa.array(col, pa.string())) for i, col in enumerate(columns)}
    data["_row"] = pd.Series(rownums, dtype="Int64")
    frame = pd.DataFrame(data)
    return RawTable(path, header, frame, findings, len(records) + reported, reported)


def _parse_regular(text: str, path: Path) -> RawTable | None:
    """Fast path (pyarrow) for the common case: header on line 1 and every row the header's
    width. Anything irregular returns None and goes through the careful csv-module path."""
    first, _, rest = text.partition("\n")
    if not first.strip() or not rest.strip():
        return None
    try:
        header = [h.strip() for h in next(csv.reader([first.rstrip("\r")]))]
    except (csv.Error, StopIteration):
        return None
    names = [f"c{i}" for i in range(len(header))]
    try:
        table = pacsv.read_csv(
            io.BytesIO(rest.encode("utf-8")),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=False),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False
            ),
        )
    except (pa.ArrowException, UnicodeError, ValueError):
        return None
    data = {name: _clean(table.column(name).combine_chunks()) for name in names}
    frame = pd.DataFrame(data)
    keep = frame.notna().any(axis=1).to_numpy()
    frame["_row"] = pd.Series(range(1, len(frame) + 1), dtype="Int64")
    frame = frame.loc[keep].reset_index(drop=True)
    return RawTable(path, header, frame, [], len(frame), 0)


def _clean(values: pa.Array) -> pd.Series:
    """Trim whitespace (Unicode-aware, in Arrow) and turn empty cells into <NA>."""
    trimmed = pc.utf8_trim_whitespace(values)
    blank = pc.equal(trimmed, "")
    cleaned = pc.if_else(blank, pa.scalar(None, pa.string()), trimmed)
    return pd.Series(pd.arrays.ArrowStringArray(cleaned), copy=False)
