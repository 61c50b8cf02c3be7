"""Data-quality faults of the kinds councils' returns really contain, injected on purpose.

Every fault is written to a manifest (``<E-code>.faults.csv``, beside the council's folder) naming
the file, data row, child and field, so tests can check that validation finds each one. Rows are
numbered as the readers number them: data row 1 is the line after the header, and blank lines
count.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

MANIFEST_COLUMNS = ["return", "year", "file", "row", "child", "field", "fault"]
# fault -> (table, field): the kinds injected into 903 tables, each with the field it breaks.
CSV_FAULTS = {
    "dec_before_decom": ("episodes", "DEC"),
    "invalid_code": ("episodes", "PLACE"),
    "missing_dob": ("header", "DOB"),
    "overlapping_episodes": ("episodes", "DECOM"),
    "duplicate_row": ("header", "CHILD"),
    "blank_line": ("reviews", ""),
}


@dataclass
class Fault:
    ret: str
    year: int
    file: str
    row: int | None
    child: str
    field: str
    fault: str

    def as_row(self) -> list[str]:
        return [self.ret, str(self.year), self.file, "" if self.row is None else str(self.row),
                self.child, self.field, self.fault]  # fmt: skip


def _index(columns: list[str], name: str) -> int:
    return columns.index(name)


def inject_csv(
    rng: random.Random,
    rate: float,
    tables: dict[str, list[list[str]]],
    columns: dict[str, list[str]],
    year: int,
) -> tuple[dict[str, list[list[str] | None]], list[Fault]]:
    """Corrupt about ``rate`` of the rows of the tables each fault targets.

    Returns the rows to write (``None`` is a blank line) and the faults, with final row numbers.
    """
    marked: dict[str, list[tuple[list[str] | None, str, str]]] = {
        t: [(r, "", "") for r in rows] for t, rows in tables.items()
    }
    for fault, (table, field) in CSV_FAULTS.items():
        rows = marked.get(table)
        if not rows:
            continue
        cols = columns[table]
        n = sum(rng.random() < rate / len(CSV_FAULTS) for _ in rows)
        for pos in sorted(rng.sample(range(len(rows)), min(n, len(rows))), reverse=True):
            row, done, _ = rows[pos]
            if row is None or done:
                continue
            row = list(row)
            if fault == "dec_before_decom":
                if not row[_index(cols, "DEC")]:
                    continue
                row[_index(cols, "DEC")] = _shift(row[_index(cols, "DECOM")], -rng.randint(1, 30))
            elif fault == "invalid_code":
                row[_index(cols, "PLACE")] = "Q9"
            elif fault == "missing_dob":
                row[_index(cols, "DOB")] = ""
            elif fault == "overlapping_episodes":
                prev = rows[pos - 1][0] if pos > 0 else None
                if (
                    prev is None
                    or prev[0] != row[0]
                    or not prev[_index(cols, "DEC")]
                    or rows[pos - 1][1]
                ):
                    continue
                # Start inside the previous episode, after its own start, so the order holds.
                room = _days(prev[_index(cols, "DECOM")], prev[_index(cols, "DEC")])
                if room < 2:
                    continue
                shift = -rng.randint(1, min(room - 1, 20))
                row[_index(cols, "DECOM")] = _shift(prev[_index(cols, "DEC")], shift)
            elif fault == "duplicate_row":
                rows.insert(pos + 1, (list(row), fault, field))
            elif fault == "blank_line":
                rows.insert(pos, (None, fault, field))
                continue
            rows[pos] = (row, fault if fault != "duplicate_row" else "", field)
    out: dict[str, list[list[str] | None]] = {}
    found: list[Fault] = []
    for table, rows in marked.items():
        out[table] = [r for r, _, _ in rows]
        for i, (r, fault, field) in enumerate(rows, start=1):
            if fault:
                child = r[0] if r is not None else ""
                found.append(Fault("ssda903", year, f"{table}.csv", i, child, field, fault))
    return out, found


def _shift(uk_date: str, days: int) -> str:
    import datetime as dt

    d = dt.datetime.strptime(uk_date, "%d/%m/%Y").date() + dt.timedelta(days=days)
    return d.strftime("%d/%m/%Y")


def _days(first: str, last: str) -> int:
    import datetime as dt

    a = dt.datetime.strptime(first, "%d/%m/%Y").date()
    b = dt.datetime.strptime(last, "%d/%m/%Y").date()
    return (b - a).days


def write_manifest(path: Path, faults: list[Fault]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(MANIFEST_COLUMNS)
        for f in faults:
            w.writerow(f.as_row())
