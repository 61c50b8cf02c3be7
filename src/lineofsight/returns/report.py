"""Findings as CSV, JSON and a standalone HTML report (summary by rule, then every row).

The HTML escapes every value (file names and cell values come from the council's files) and
needs no network: styles are inline, so it can be emailed or opened from a shared drive.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from lineofsight.returns.findings import Finding, ReadResult, Severity

FIELDS = ["rule_id", "severity", "file", "row", "child_id", "field", "message"]


@dataclass(frozen=True)
class RuleSummary:
    rule_id: str
    severity: str
    count: int
    message: str


def summarise(findings: list[Finding]) -> list[RuleSummary]:
    """One line per (rule, severity): errors first, then by count."""
    counts = Counter((f.rule_id, f.severity.value) for f in findings)
    first: dict[tuple[str, str], str] = {}
    for f in findings:
        first.setdefault((f.rule_id, f.severity.value), f.message)
    rows = [RuleSummary(r, s, n, first[(r, s)]) for (r, s), n in counts.items()]
    return sorted(rows, key=lambda r: (r.severity != Severity.ERROR.value, -r.count, r.rule_id))


def to_csv(findings: list[Finding]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for f in findings:
        writer.writerow({k: ("" if v is None else v) for k, v in f.as_dict().items()})
    return buf.getvalue()


def to_json(results: list[ReadResult]) -> str:
    payload = {
        "returns": [
            {
                "kind": r.kind,
                "years": r.years or [],
                "rows_read": r.rows_read,
                "rows_used": r.rows_used,
                "rows_reported": r.rows_reported,
                "errors": len(r.errors),
                "queries": len(r.findings) - len(r.errors),
            }
            for r in results
        ],
        "findings": [f.as_dict() for r in results for f in r.findings],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Validation findings</title>
<style>
body{font-family:Arial,sans-serif;margin:2rem;color:#0b0c0c;max-width:80rem}
table{border-collapse:collapse;width:100%;margin-bottom:2rem}
th,td{border-bottom:1px solid #b1b4b6;padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f2f1}
.error{color:#d4351c;font-weight:bold}.query{color:#505a5f}
</style></head><body>
<h1>Validation findings</h1>
<p>Generated {{ when }}. Errors would stop DfE accepting the return or an indicator being
computed; queries are worth checking.</p>
<h2>Returns read</h2>
<table><thead><tr><th scope="col">Return</th><th scope="col">Years</th>
<th scope="col">Rows read</th><th scope="col">Rows used</th><th scope="col">Rows reported</th>
<th scope="col">Errors</th><th scope="col">Queries</th></tr></thead><tbody>
{% for r in results %}<tr><td>{{ r.kind }}</td><td>{{ r.years|join(", ") }}</td>
<td>{{ r.rows_read }}</td><td>{{ r.rows_used }}</td><td>{{ r.rows_reported }}</td>
<td>{{ r.errors|length }}</td><td>{{ r.findings|length - r.errors|length }}</td></tr>
{% endfor %}</tbody></table>
<h2>Summary by rule</h2>
{% if summary %}<table><thead><tr><th scope="col">Rule</th><th scope="col">Severity</th>
<th scope="col">Count</th><th scope="col">Example message</th></tr></thead><tbody>
{% for s in summary %}<tr><td>{{ s.rule_id }}</td><td class="{{ s.severity }}">{{ s.severity }}</td>
<td>{{ s.count }}</td><td>{{ s.message }}</td></tr>
{% endfor %}</tbody></table>{% else %}<p>No findings.</p>{% endif %}
<h2>Every finding</h2>
{% if findings %}<table><thead><tr><th scope="col">Rule</th><th scope="col">Severity</th>
<th scope="col">File</th><th scope="col">Row</th><th scope="col">Child</th>
<th scope="col">Field</th><th scope="col">What to do</th></tr></thead><tbody>
{% for f in findings %}<tr><td>{{ f.rule_id }}</td><td class="{{ f.severity.value }}">
{{ f.severity.value }}</td><td>{{ f.file }}</td><td>{{ f.row if f.row is not none else "" }}</td>
<td>{{ f.child_id or "" }}</td><td>{{ f.field or "" }}</td><td>{{ f.message }}</td></tr>
{% endfor %}</tbody></table>{% else %}<p>No findings.</p>{% endif %}
</body></html>
"""


def to_html(results: list[ReadResult]) -> str:
    import jinja2  # only the HTML report needs it; the summary table and CSV/JSON do not

    env = jinja2.Environment(autoescape=True)
    findings = [f for r in results for f in r.findings]
    return env.from_string(_TEMPLATE).render(
        results=results,
        summary=summarise(findings),
        findings=findings,
        when=datetime.now(UTC).strftime("%d %B %Y %H:%M UTC"),
    )
