"""Validation findings: what is wrong with a return, where, and what to do about it."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, Any


class Severity(StrEnum):
    ERROR = "error"  # DfE would reject the return, or an indicator cannot be computed from the row
    QUERY = "query"  # plausible but suspicious; DfE would query it


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one place. ``row`` is the 1-based data row in the file (header excluded),
    or the 1-based position of the element in an XML file; None for whole-file findings."""

    rule_id: str
    severity: Severity
    file: str
    row: int | None
    child_id: str | None
    field: str | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["severity"] = self.severity.value
        return d


@dataclass(slots=True)
class ReadResult:
    """What a reader made of some files: typed tables, the findings, and the row accounting.

    Invariant: ``rows_read == rows_used + rows_reported``: no row is dropped silently.
    """

    kind: str  # "ssda903" | "cin" | "workforce"
    tables: dict[str, Any]  # table name -> pandas.DataFrame (see docs/architecture.md)
    findings: Findings
    rows_read: int = 0
    rows_used: int = 0
    rows_reported: int = 0
    years: list[int] | None = None  # collection years found

    def __post_init__(self) -> None:
        if not isinstance(self.findings, Findings):
            self.findings = Findings(self.findings)

    @property
    def error_count(self) -> int:
        return self.findings.error_count

    @property
    def query_count(self) -> int:
        return len(self.findings) - self.findings.error_count

    @property
    def errors(self) -> list[Finding]:
        """The errors as objects (small inputs and tests; counts come from ``error_count``)."""
        return [f for f in self.findings if f.severity is Severity.ERROR]


EXAMPLES = 20  # findings kept in memory per rule and severity, for pages and summaries
IN_MEMORY = 20_000  # beyond this many findings the full list goes to a temporary file
FIELDS = ["rule_id", "severity", "file", "row", "child_id", "field", "message"]


class Batch:
    """The findings of one rule over many rows, kept as columns until someone needs objects.

    A rule failing on every row of a million-row file makes a million findings; as Finding objects
    with their own message strings they cost gigabytes, as columns a few bytes each. Iterating
    makes the objects one at a time; :class:`Findings` writes a batch to its file in chunks."""

    __slots__ = ("field", "files", "ids", "message", "rows", "rule_id", "severity", "values")

    def __init__(self, rule_id: str, severity: Severity, field: str | None, message: str,
                 files: list[str], rows: list[int | None], ids: list[str | None],
                 values: list[str] | None) -> None:  # fmt: skip
        self.rule_id, self.severity, self.field, self.message = rule_id, severity, field, message
        self.files, self.rows, self.ids, self.values = files, rows, ids, values

    def __len__(self) -> int:
        return len(self.rows)

    def finding(self, i: int) -> Finding:
        text = (
            self.message if self.values is None else self.message.replace("{value}", self.values[i])
        )
        return Finding(
            self.rule_id, self.severity, self.files[i], self.rows[i], self.ids[i], self.field, text
        )

    def __iter__(self) -> Iterator[Finding]:
        return (self.finding(i) for i in range(len(self)))

    def write_csv(self, out: IO[str], chunk: int = 100_000) -> None:
        """Append the batch as CSV rows of :data:`FIELDS` (``\\r\\n`` ends, text quoted, so a bare
        ``\\r`` in a value stays inside its cell), built by Arrow a chunk at a time: a rule failing
        on a million rows costs no Python per row."""
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.csv as pacsv

        options = pacsv.WriteOptions(include_header=False, eol="\r\n", quoting_style="needed")
        parts = self.message.split("{value}")
        for start in range(0, len(self), chunk):
            stop = min(len(self), start + chunk)
            n = stop - start
            if self.values is None or len(parts) == 1:
                text = pa.array([self.message] * n, pa.string())
            else:
                values = pc.fill_null(pa.array(self.values[start:stop], pa.string()), "")
                pieces: list[Any] = [parts[0]]
                for part in parts[1:]:
                    pieces += [values, part]
                text = pc.binary_join_element_wise(*pieces, "")
            table = pa.table(
                {
                    "rule_id": pa.array([self.rule_id] * n, pa.string()),
                    "severity": pa.array([self.severity.value] * n, pa.string()),
                    "file": pa.array(self.files[start:stop], pa.string()),
                    "row": pa.array(self.rows[start:stop], pa.int64()),
                    "child_id": pa.array(self.ids[start:stop], pa.string()),
                    "field": pa.array([self.field or ""] * n, pa.string()),
                    "message": text,
                }
            )
            sink = io.BytesIO()
            pacsv.write_csv(table, sink, options)
            out.write(sink.getvalue().decode("utf-8"))


class Findings:
    """Every finding of a read, in bounded memory: counts and first messages per rule, the first
    :data:`EXAMPLES` of each rule as objects, and the full list (past :data:`IN_MEMORY`) in a
    temporary CSV file that iteration streams back. It behaves like the list it replaces
    (``+=``, ``append``, ``len``, iteration in order); do not add to it while iterating it."""

    def __init__(self, items: Iterable[Finding | Batch | Findings] = ()) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        self.messages: dict[tuple[str, str], str] = {}
        self.examples: dict[tuple[str, str], list[Finding]] = {}
        self._items: list[Finding] = []
        self._file: IO[str] | None = None
        self.extend(items)

    # -- adding ------------------------------------------------------------------------------
    def append(self, f: Finding) -> None:
        key = (f.rule_id, f.severity.value)
        self._note(key, f.message, [f] if len(self.examples.get(key, ())) < EXAMPLES else [])
        self.counts[key] += 1
        if self._file is None:
            self._items.append(f)
            if len(self._items) > IN_MEMORY:
                self._spill()
        else:
            self._writer().writerow(_csv_row(f))

    def extend(self, items: Iterable[Finding | Batch | Findings] | Findings) -> None:
        if isinstance(items, Findings):
            self._merge(items)
            return
        for item in items:
            if isinstance(item, Batch):
                self._add_batch(item)
            elif isinstance(item, Findings):
                self._merge(item)
            else:
                self.append(item)

    def __iadd__(self, items: Iterable[Finding | Batch | Findings] | Findings | Batch) -> Findings:
        if isinstance(items, Batch):
            self._add_batch(items)
        else:
            self.extend(items)
        return self

    def _note(self, key: tuple[str, str], message: str, examples: list[Finding]) -> None:
        self.messages.setdefault(key, message)
        if examples:
            have = self.examples.setdefault(key, [])
            have += examples[: EXAMPLES - len(have)]

    def _add_batch(self, batch: Batch) -> None:
        n = len(batch)
        if not n:
            return
        key = (batch.rule_id, batch.severity.value)
        have = len(self.examples.get(key, ()))
        self._note(
            key,
            batch.finding(0).message,
            [batch.finding(i) for i in range(min(n, EXAMPLES - have))],
        )
        if self._file is None and len(self._items) + n <= IN_MEMORY:
            self.counts[key] += n
            self._items.extend(batch)
            return
        self.counts[key] += n
        if self._file is None:
            self._spill()
        assert self._file is not None
        batch.write_csv(self._file)

    def _merge(self, other: Findings) -> None:
        for key, n in other.counts.items():
            self.counts[key] += n
            self._note(key, other.messages[key], other.examples.get(key, []))
        if other._file is None and self._file is None and len(self) <= IN_MEMORY:
            self._items += other._items
            if len(self._items) > IN_MEMORY:
                self._spill()
            return
        if self._file is None:
            self._spill()
        assert self._file is not None
        if other._file is None:
            self._writer().writerows(_csv_row(f) for f in other._items)
            return
        # Both files are CSV of the same columns: append the other's text as it is.
        other._file.flush()
        other._file.seek(0)
        try:
            shutil.copyfileobj(other._file, self._file, 1 << 20)
        finally:
            other._file.seek(0, 2)

    def _spill(self) -> None:
        self._file = tempfile.NamedTemporaryFile(  # noqa: SIM115
            "w+", encoding="utf-8", newline="", suffix=".csv", prefix="los-findings-"
        )
        self._writer().writerows(_csv_row(f) for f in self._items)
        self._items = []

    def _writer(self) -> Any:
        assert self._file is not None
        return csv.writer(self._file)  # \r\n ends rows, so a bare \r in a value is quoted

    # -- reading -----------------------------------------------------------------------------
    def __len__(self) -> int:
        return sum(self.counts.values())

    def __bool__(self) -> bool:
        return bool(self.counts)

    @property
    def error_count(self) -> int:
        return sum(n for (_, sev), n in self.counts.items() if sev == Severity.ERROR.value)

    @property
    def spilled(self) -> bool:
        return self._file is not None

    def _csv_rows(self) -> Iterator[list[Any]]:
        if self._file is None:
            yield from (_csv_row(f) for f in self._items)
            return
        self._file.flush()
        self._file.seek(0)
        try:
            yield from csv.reader(self._file)
        finally:
            self._file.seek(0, 2)

    def __iter__(self) -> Iterator[Finding]:
        if self._file is None:
            yield from list(self._items)
            return
        for rule, sev, file, row, child, field, message in self._csv_rows():
            yield Finding(rule, Severity(sev), file, int(row) if row else None, child or None,
                          field or None, message)  # fmt: skip

    def csv_rows(self) -> Iterator[list[Any]]:
        """Every finding as a row of :data:`FIELDS`, streamed."""
        return self._csv_rows()

    def spill_path(self) -> Path | None:
        """The file holding the full list (headerless CSV of :data:`FIELDS`), when it spilled."""
        if self._file is None:
            return None
        self._file.flush()
        return Path(self._file.name)


def _csv_row(f: Finding) -> list[Any]:
    return [f.rule_id, f.severity.value, f.file, "" if f.row is None else f.row, f.child_id or "",
            f.field or "", f.message]  # fmt: skip
