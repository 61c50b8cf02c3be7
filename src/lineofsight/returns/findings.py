"""Validation findings: what is wrong with a return, where, and what to do about it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


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
    findings: list[Finding]
    rows_read: int = 0
    rows_used: int = 0
    rows_reported: int = 0
    years: list[int] | None = None  # collection years found

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]
