"""Read, validate and aggregate a set of return files in memory: nothing child-level leaves here.

The web upload, ``lineofsight load`` and the demo loader all call :func:`check`; it hands back
the files' fingerprints, the findings (summary and reports) and, when there are no errors, the
own-data indicator values as plain rows ready to store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lineofsight.returns import report
from lineofsight.returns.findings import Finding, ReadResult, Severity
from lineofsight.returns.load import expand, read_paths

KIND_LABELS = {
    "ssda903": "SSDA903 (children looked after)",
    "cin": "CIN census",
    "workforce": "Children's social work workforce census",
}


@dataclass
class Checked:
    """What a set of files came to: fingerprints, findings and (if publishable) aggregates."""

    files: list[dict[str, Any]]
    kinds: list[str]
    returns: list[dict[str, Any]]
    findings: list[Finding]
    report_csv: str
    report_json: str
    report_html: str
    aggregates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def queries(self) -> int:
        return len(self.findings) - self.errors

    def summary(self) -> list[dict[str, Any]]:
        return [
            {"rule_id": s.rule_id, "severity": s.severity, "count": s.count, "message": s.message}
            for s in report.summarise(self.findings)
        ]


def fingerprint(path: Path, name: str | None = None) -> dict[str, Any]:
    """Name, size in bytes and SHA-256 of one file, so a publication says exactly what it came from."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return {"name": name or path.name, "size": path.stat().st_size, "sha256": digest.hexdigest()}


def check(paths: list[Path], la_code: str, names: dict[Path, str] | None = None) -> Checked:
    """Validate the files and, when no finding is an error, compute every own-data indicator.

    Raises :class:`lineofsight.errors.UserError` (one sentence naming the file) for files that
    cannot be read at all. ``names`` maps a stored path to the name the user gave it.
    """
    files = expand(paths)
    shown = names or {}
    results = read_paths(files)
    findings = [f for r in results for f in r.findings]
    checked = Checked(
        files=[fingerprint(p, shown.get(p)) for p in files],
        kinds=[r.kind for r in results],
        returns=[_return_summary(r) for r in results],
        findings=findings,
        report_csv=report.to_csv(findings),
        report_json=report.to_json(results),
        report_html=report.to_html(results),
    )
    if checked.errors == 0:
        checked.aggregates = aggregates(results, la_code)
    return checked


def _return_summary(r: ReadResult) -> dict[str, Any]:
    return {
        "kind": r.kind,
        "label": KIND_LABELS.get(r.kind, r.kind),
        "years": list(r.years or []),
        "rows_read": r.rows_read,
        "rows_used": r.rows_used,
        "rows_reported": r.rows_reported,
        "errors": len(r.errors),
        "queries": len(r.findings) - len(r.errors),
    }


def aggregates(results: list[ReadResult], la_code: str) -> list[dict[str, Any]]:
    """Every own-data indicator for every year in the returns, as JSON-ready rows."""
    from lineofsight.indicators.engine import compute

    tables: dict[str, Any] = {}
    for r in results:
        tables.update(r.tables)
    frame = compute(tables, la=la_code)
    rows: list[dict[str, Any]] = []
    for rec in frame.to_dict("records"):
        rows.append(
            {
                "indicator_id": str(rec["indicator_id"]),
                "period_start": _iso(rec["period_start"]),
                "period_end": _iso(rec["period_end"]),
                "value": _number(rec["value"]),
                "state": str(rec["state"]),
                "numerator": _number(rec["numerator"]),
                "denominator": _number(rec["denominator"]),
            }
        )
    return rows


def _iso(day: object) -> str:
    if isinstance(day, dt.datetime):
        return day.date().isoformat()
    if isinstance(day, dt.date):
        return day.isoformat()
    return dt.date.fromisoformat(str(day)[:10]).isoformat()


def _number(x: object) -> float | None:
    if x is None:
        return None
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None
