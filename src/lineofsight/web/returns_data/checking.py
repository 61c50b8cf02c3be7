"""Read, validate and aggregate a set of return files: nothing child-level leaves here except
the findings report, which is for analysts.

The web upload, ``lineofsight load`` and the demo loader all call :func:`check`; it hands back
the files' fingerprints, the findings (counts per rule with the first examples, the capped HTML
and JSON reports, and the full list as a gzipped CSV file) and, when there are no errors, the
own-data indicator values as plain rows ready to store. The full list never sits in memory or in
a database row: a 100,000-row file with a bad code on every row has close to a million findings.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import math
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lineofsight.returns import report
from lineofsight.returns.findings import Findings, ReadResult
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
    findings: Findings  # counts, first messages and examples over every return
    report_csv: Path | None  # the full list, gzipped, waiting in the reports folder
    report_json: str
    report_html: str
    aggregates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return self.findings.error_count

    @property
    def queries(self) -> int:
        return len(self.findings) - self.errors

    def summary(self) -> list[dict[str, Any]]:
        """Per rule: count, first message and the first examples (row, child, field, message)."""
        out = []
        for s in report.summarise(self.findings):
            shown = self.findings.examples.get((s.rule_id, s.severity), [])
            out.append(
                {
                    "rule_id": s.rule_id,
                    "severity": s.severity,
                    "count": s.count,
                    "message": s.message,
                    "examples": [
                        {"file": f.file, "row": f.row, "child_id": f.child_id, "message": f.message}
                        for f in shown
                    ],
                }
            )
        return out


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
    checked = Checked(
        files=[fingerprint(p, shown.get(p)) for p in files],
        kinds=[r.kind for r in results],
        returns=[_return_summary(r) for r in results],
        findings=report.combined(results),
        report_csv=_write_csv(results),
        report_json=report.to_json(results),
        report_html=report.to_html(results),
    )
    if checked.errors == 0:
        checked.aggregates = aggregates(results, la_code)
    return checked


def reports_dir() -> Path:
    from django.conf import settings

    folder = Path(getattr(settings, "RETURNS_REPORTS_DIR", "") or _default_reports_dir())
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _default_reports_dir() -> Path:
    from lineofsight.web.settings.base import data_home

    return data_home() / "reports"


def report_path(upload_pk: int) -> Path:
    """Where an upload's full findings CSV (gzipped) is kept."""
    return reports_dir() / f"upload-{upload_pk}-findings.csv.gz"


def _write_csv(results: list[ReadResult]) -> Path | None:
    """The full findings list, streamed into a gzipped CSV; None when there are no findings."""
    if not any(r.findings for r in results):
        return None
    path = reports_dir() / f"pending-{secrets.token_hex(8)}.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8", newline="", compresslevel=6) as fh:
        report.write_csv(results, fh)
    return path


def _return_summary(r: ReadResult) -> dict[str, Any]:
    return {
        "kind": r.kind,
        "label": KIND_LABELS.get(r.kind, r.kind),
        "years": list(r.years or []),
        "rows_read": r.rows_read,
        "rows_used": r.rows_used,
        "rows_reported": r.rows_reported,
        "errors": r.error_count,
        "queries": r.query_count,
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
                "returns": str(rec.get("returns") or ""),
                "note": str(rec.get("note") or ""),
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
