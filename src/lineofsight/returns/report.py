"""Findings as CSV, JSON and a standalone HTML report.

The CSV is the full list, streamed row by row from the findings' file, so its size never reaches
memory. The HTML and JSON are for people: counts per rule and the first examples of each (at most
:data:`~lineofsight.returns.findings.EXAMPLES`), pointing at the CSV for the rest; a million-row
file with a bad code on every row gives a report of kilobytes, not gigabytes.

The HTML escapes every value (file names and cell values come from the council's files) and
needs no network: styles are inline, so it can be emailed or opened from a shared drive.
"""

from __future__ import annotations

import csv
import html
import io
import json
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any

from lineofsight.returns.findings import EXAMPLES, FIELDS, Finding, Findings, ReadResult, Severity
from lineofsight.safecells import copy_safe_csv, safe_cell
from lineofsight.wording import day_month_year

__all__ = [
    "FIELDS",
    "combined",
    "mark_html",
    "mark_json",
    "summarise",
    "to_csv",
    "to_html",
    "to_json",
    "write_csv",
]


@dataclass(frozen=True)
class RuleSummary:
    rule_id: str
    severity: str
    count: int
    message: str


def summarise(findings: Iterable[Finding] | Findings) -> list[RuleSummary]:
    """One line per (rule, severity): errors first, then by count."""
    if isinstance(findings, Findings):
        counts, first = findings.counts, findings.messages
    else:
        counts = Counter()
        first = {}
        for f in findings:
            key = (f.rule_id, f.severity.value)
            counts[key] += 1
            first.setdefault(key, f.message)
    rows = [RuleSummary(r, s, n, first[(r, s)]) for (r, s), n in counts.items()]
    return sorted(rows, key=lambda r: (r.severity != Severity.ERROR.value, -r.count, r.rule_id))


def combined(results: list[ReadResult]) -> Findings:
    """Counts, first messages and examples over every return (the full lists stay where they are)."""
    out = Findings()
    for r in results:
        for key, n in r.findings.counts.items():
            out.counts[key] += n
            out.messages.setdefault(key, r.findings.messages[key])
            have = out.examples.setdefault(key, [])
            have += r.findings.examples.get(key, [])[: EXAMPLES - len(have)]
    return out


def examples(results: list[ReadResult]) -> list[Finding]:
    """The first examples of each rule, errors first, in the summary's order."""
    both = combined(results)
    return [f for s in summarise(both) for f in both.examples.get((s.rule_id, s.severity), [])]


def write_csv(results: list[ReadResult], out: IO[str], demo: str = "") -> None:
    """The full findings CSV; every cell made safe (no formulas). A list that spilled to its file
    is rewritten by DuckDB in one stream, a short one row by row. ``demo`` (findings on synthetic
    returns) adds the ``demo_content`` column to every row, as the service's download does."""
    if demo:
        with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as plain:
            write_csv(results, plain)
            plain.seek(0)
            writer = csv.writer(out, lineterminator="\n")
            for n, row in enumerate(csv.reader(plain)):
                writer.writerow([*row, DEMO_COLUMN if n == 0 else demo])
        return
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for r in results:
        spilled = r.findings.spill_path()
        if spilled is None:
            for row in r.findings.csv_rows():
                writer.writerow([safe_cell(v) for v in row])
        else:
            copy_safe_csv(spilled, FIELDS, out)


DEMO_COLUMN = "demo_content"  # as in the service's CSVs of demo content (web/demo_marks.py)


def to_csv(findings: Iterable[Finding]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for f in findings:
        writer.writerow({k: ("" if v is None else safe_cell(v)) for k, v in f.as_dict().items()})
    return buf.getvalue()


def to_json(results: list[ReadResult], demo: str = "") -> str:
    """Returns, the summary by rule and the first examples of each rule (the CSV has them all);
    ``demo`` (findings on synthetic returns) comes first, as ``demo_content``, as in the CSV."""
    shown = examples(results)
    total = sum(len(r.findings) for r in results)
    payload: dict[str, Any] = {DEMO_COLUMN: demo} if demo else {}
    payload |= {
        "returns": [
            {
                "kind": r.kind,
                "years": r.years or [],
                "rows_read": r.rows_read,
                "rows_used": r.rows_used,
                "rows_reported": r.rows_reported,
                "errors": r.error_count,
                "queries": r.query_count,
            }
            for r in results
        ],
        "summary": [s.__dict__ for s in summarise(combined(results))],
        "findings_total": total,
        "findings_shown": len(shown),
        "findings": [f.as_dict() for f in shown],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def mark_json(body: str, demo: str) -> str:
    """A stored JSON report with ``demo_content`` put first (an upload's report is stored unmarked)."""
    payload = json.loads(body)
    if not isinstance(payload, dict):
        return body
    payload.pop(DEMO_COLUMN, None)
    return json.dumps({DEMO_COLUMN: demo, **payload}, indent=2, ensure_ascii=False)


_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% if demo %}DEMO: {% endif %}Validation findings</title>
<style>
body{font-family:Arial,sans-serif;margin:2rem;color:#0b0c0c;max-width:80rem}
table{border-collapse:collapse;width:100%;margin-bottom:2rem}
th,td{border-bottom:1px solid #b1b4b6;padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f2f1}
.error{color:#d4351c;font-weight:bold}.query{color:#505a5f}
.demo{border:5px solid #d4351c;padding:1rem;margin-bottom:2rem;font-size:1.2rem}
</style></head><body>
{{ banner|safe }}<h1>Validation findings</h1>
<p>Generated {{ when }}. Errors would stop DfE accepting the return or an indicator being
computed; queries are worth checking.</p>
<h2>Returns read</h2>
<table><thead><tr><th scope="col">Return</th><th scope="col">Years</th>
<th scope="col">Rows read</th><th scope="col">Rows used</th><th scope="col">Rows reported</th>
<th scope="col">Errors</th><th scope="col">Queries</th></tr></thead><tbody>
{% for r in results %}<tr><td>{{ r.kind }}</td><td>{{ (r.years or [])|join(", ") or "unknown" }}</td>
<td>{{ r.rows_read }}</td><td>{{ r.rows_used }}</td><td>{{ r.rows_reported }}</td>
<td>{{ r.error_count }}</td><td>{{ r.query_count }}</td></tr>
{% endfor %}</tbody></table>
<h2>Summary by rule</h2>
{% if summary %}<table><thead><tr><th scope="col">Rule</th><th scope="col">Severity</th>
<th scope="col">Count</th><th scope="col">Example message</th></tr></thead><tbody>
{% for s in summary %}<tr><td>{{ s.rule_id }}</td><td class="{{ s.severity }}">{{ s.severity }}</td>
<td>{{ s.count }}</td><td>{{ s.message }}</td></tr>
{% endfor %}</tbody></table>{% else %}<p>No findings.</p>{% endif %}
<h2>{% if shown < total %}The first examples of each rule{% else %}Every finding{% endif %}</h2>
{% if shown < total %}<p>These are the first {{ cap }} findings of each rule ({{ shown }} of
{{ total }}). The full list is in the findings CSV.</p>{% endif %}
{% if findings %}<table><thead><tr><th scope="col">Rule</th><th scope="col">Severity</th>
<th scope="col">File</th><th scope="col">Row</th><th scope="col">Child</th>
<th scope="col">Field</th><th scope="col">What to do</th></tr></thead><tbody>
{% for f in findings %}<tr><td>{{ f.rule_id }}</td><td class="{{ f.severity.value }}">
{{ f.severity.value }}</td><td>{{ f.file }}</td><td>{{ f.row if f.row is not none else "" }}</td>
<td>{{ f.child_id or "" }}</td><td>{{ f.field or "" }}</td><td>{{ f.message }}</td></tr>
{% endfor %}</tbody></table>{% else %}<p>No findings.</p>{% endif %}
</body></html>
"""


_BANNER = '<div class="demo" id="demo" role="note"><strong>DEMO</strong>: {text}.</div>\n'


def _banner(demo: str) -> str:
    return _BANNER.format(text=html.escape(demo)) if demo else ""


def to_html(results: list[ReadResult], demo: str = "") -> str:
    """The standalone report; ``demo`` (findings on synthetic returns) heads the page and its title."""
    import jinja2  # only the HTML report needs it; the summary table and CSV/JSON do not

    env = jinja2.Environment(autoescape=True)
    shown = examples(results)
    return env.from_string(_TEMPLATE).render(
        demo=demo,
        banner=_banner(demo),
        results=results,
        summary=summarise(combined(results)),
        findings=shown,
        shown=len(shown),
        total=sum(len(r.findings) for r in results),
        cap=EXAMPLES,
        when=f"{day_month_year(now := datetime.now(UTC))} {now:%H:%M} UTC",
    )


def mark_html(body: str, demo: str) -> str:
    """A stored HTML report (made by :func:`to_html` unmarked) with the demo banner and title."""
    if 'id="demo"' in body:
        return body
    body = body.replace("<title>", "<title>DEMO: ", 1)
    return body.replace("<body>\n", f"<body>\n{_banner(demo)}", 1)
