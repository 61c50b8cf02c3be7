"""The council's own budget monitoring: the template, the parser and the variance by service line.

A monitoring file has one row per reporting month and service line (the section 251 children's
services lines): the budget, the forecast outturn for the year and the actual spend to date, in
pounds. It is the finance team's own figure, so it is checked strictly: every problem is reported
in one sentence naming the row, and a file with any problem is not used at all (the last good
version stays in force).
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from lineofsight.errors import UserError

COLUMNS = ("period", "service_line", "budget", "forecast_outturn", "actual_to_date")
REQUIRED = ("period", "service_line", "budget", "forecast_outturn")
MAX_BYTES = 5_000_000
MAX_ROWS = 5_000
MAX_PROBLEMS = 25


@dataclass(frozen=True)
class ServiceLine:
    code: str
    label: str
    published: str | None  # the section 251 indicator it is compared with, if any
    placements: bool = False  # a line that pays for children's placements


SERVICE_LINES: tuple[ServiceLine, ...] = (
    ServiceLine("cla_residential", "Children looked after: residential care", None, True),
    ServiceLine("cla_fostering", "Children looked after: fostering services", None, True),
    ServiceLine(
        "cla_other", "Children looked after: adoption, special guardianship and other", None
    ),
    ServiceLine("leaving_care", "Leaving care support", "leaving_care_spend_gross"),
    ServiceLine(
        "safeguarding",
        "Safeguarding: social work, commissioning and partnerships",
        "safeguarding_spend_gross",
    ),
    ServiceLine("family_support", "Family support services", "family_support_spend_gross"),
    ServiceLine("youth_justice", "Youth justice", "youth_justice_spend_gross"),
    ServiceLine("early_years", "Sure Start children's centres and early years", None),
    ServiceLine("young_people", "Services for young people", None),
    ServiceLine("other_children_family", "Other children's and family services", None),
)
LINES = {line.code: line for line in SERVICE_LINES}
CLA_LINES = ("cla_residential", "cla_fostering", "cla_other")
_LABELS = {line.label.lower(): line.code for line in SERVICE_LINES}
_MONTHS = {
    m.lower(): i
    for i, m in enumerate(
        [
            "January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December",
        ],
        start=1,
    )
}  # fmt: skip


class MonitoringError(UserError):
    """A monitoring file that cannot be used; ``problems`` holds one sentence per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        tail = f" (and {more} more problems)" if more > 0 else ""
        super().__init__(" ".join(shown) + tail)


@dataclass(frozen=True)
class MonitoringRow:
    period: str  # 'YYYY-MM', the month the report is at
    line: str  # a service line code
    budget: float
    forecast: float
    actual: float | None


@dataclass(frozen=True)
class Monitoring:
    """One council's budget monitoring for one financial year, rows in period then line order."""

    financial_year: str  # '2025-26'
    rows: tuple[MonitoringRow, ...]
    periods: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "periods", tuple(sorted({r.period for r in self.rows})))

    @property
    def latest(self) -> str:
        return self.periods[-1]

    def at(self, period: str) -> dict[str, MonitoringRow]:
        return {r.line: r for r in self.rows if r.period == period}


@dataclass(frozen=True)
class LineVariance:
    """The forecast against the budget for one line at the latest month, and how it moved."""

    code: str
    label: str
    budget: float
    forecast: float
    actual: float | None
    movement: float | None  # change in the variance since the previous month
    forecasts: tuple[tuple[str, float], ...]  # (period, forecast outturn), oldest first

    @property
    def variance(self) -> float:
        return self.forecast - self.budget

    @property
    def variance_pct(self) -> float | None:
        return 100.0 * self.variance / self.budget if self.budget else None


# ----------------------------------------------------------------------------------------------
# Reading


def financial_year_of(period: str) -> str:
    """'2025-10' -> '2025-26'; '2026-02' -> '2025-26' (April to March)."""
    year, month = int(period[:4]), int(period[5:7])
    start = year if month >= 4 else year - 1
    return f"{start}-{str(start + 1)[2:]}"


def month_text(period: str) -> str:
    """'2025-10' -> 'October 2025', as a page says it."""
    names = list(_MONTHS)
    return f"{names[int(period[5:7]) - 1].capitalize()} {period[:4]}"


def parse_period(text: str) -> str | None:
    """'2025-10', '2025-10-31', 'October 2025', 'Oct 2025', '10/2025' -> '2025-10'; else None."""
    t = " ".join(str(text).split()).strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", t) or re.fullmatch(r"(\d{1,2})/(\d{4})", t)
    if m:
        a, b = m.groups()
        year, month = (int(a), int(b)) if len(a) == 4 else (int(b), int(a))
    else:
        m = re.fullmatch(r"([A-Za-z]+)\.? (\d{4})", t)
        if not m:
            return None
        word = m.group(1).lower()
        found = [n for name, n in _MONTHS.items() if name.startswith(word) and len(word) >= 3]
        if len(found) != 1:
            return None
        year, month = int(m.group(2)), found[0]
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        return None
    return f"{year:04d}-{month:02d}"


def parse_amount(text: str) -> float | None:
    """'£1,234.50', '1234', '-2,000', '(2,000)' -> pounds; anything else (or blank) -> None."""
    t = str(text).strip().replace(",", "").replace("£", "").replace(" ", "")
    negative = t.startswith("(") and t.endswith(")")
    t = t.strip("()")
    if not re.fullmatch(r"-?\d+(\.\d+)?", t):
        return None
    number = float(t)
    if not math.isfinite(number) or abs(number) >= 1e12:
        return None
    return -number if negative else number


def service_line(text: str) -> str | None:
    t = " ".join(str(text).split()).lower()
    if t.replace(" ", "_") in LINES:
        return t.replace(" ", "_")
    return _LABELS.get(t)


def _table(data: bytes, filename: str) -> list[list[str]]:
    """The file's cells as text rows; a spreadsheet's first sheet, or CSV in UTF-8."""
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx"):
        return _xlsx_rows(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MonitoringError(
            [
                "The file is neither a UTF-8 CSV nor an .xlsx workbook; "
                "save it from the template as CSV UTF-8 or .xlsx."
            ]
        ) from exc
    if "\x00" in text:
        raise MonitoringError(["The file contains binary data; upload the CSV or .xlsx template."])
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise MonitoringError(
            [f"The file is not a readable CSV ({exc}); save it from the template."]
        ) from exc


def _xlsx_rows(data: bytes) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or hostile workbook
        raise MonitoringError(
            ["The file is not a readable .xlsx workbook; save it again from the template."]
        ) from exc
    sheet = book["Monitoring"] if "Monitoring" in book.sheetnames else book.worksheets[0]
    rows = []
    for n, row in enumerate(sheet.iter_rows(values_only=True)):
        if n > MAX_ROWS + 1:
            break
        rows.append(["" if c is None else _cell_text(c) for c in row])
    book.close()
    return rows


def _cell_text(cell: object) -> str:
    if isinstance(cell, date):
        return cell.strftime("%Y-%m")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def parse_monitoring(data: bytes, filename: str = "monitoring.csv") -> Monitoring:
    """Read and check a monitoring file; any problem raises :class:`MonitoringError`."""
    if not data.strip():
        raise MonitoringError(["The file is empty; fill in the template and upload it again."])
    if len(data) > MAX_BYTES:
        raise MonitoringError(
            [f"The file is larger than {MAX_BYTES // 1_000_000} MB; a monitoring file is a few KB."]
        )
    table = [r for r in _table(data, filename) if any(str(c).strip() for c in r)]
    if not table:
        raise MonitoringError(["The file has no rows; fill in the template and upload it again."])
    header = [re.sub(r"[^a-z]+", "_", str(h).strip().lower()).strip("_") for h in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise MonitoringError(
            [
                f"The first row has no {' or '.join(repr(c) for c in missing)} column; "
                f"the template's columns are {', '.join(COLUMNS)}."
            ]
        )
    body = table[1:]
    if len(body) > MAX_ROWS:
        raise MonitoringError(
            [f"The file has {len(body):,} rows; a year's monitoring has at most {MAX_ROWS:,}."]
        )
    if not body:
        raise MonitoringError(["The file has a header but no rows of figures."])
    at = {c: header.index(c) for c in COLUMNS if c in header}
    problems: list[str] = []
    rows: list[MonitoringRow] = []
    seen: dict[tuple[str, str], int] = {}
    for n, raw in enumerate(body, start=2):
        cells = {c: (raw[i].strip() if i < len(raw) else "") for c, i in at.items()}
        bad = len(problems)
        period = parse_period(cells["period"])
        if period is None:
            problems.append(
                f"Row {n}: period '{_clip(cells['period'])}' is not a month such as 2025-10."
            )
        line = service_line(cells["service_line"])
        if line is None:
            close = difflib.get_close_matches(cells["service_line"].lower(), list(LINES), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(
                f"Row {n}: service line '{_clip(cells['service_line'])}' is not one of the "
                f"template's lines{hint}."
            )
        amounts: dict[str, float | None] = {}
        for col in ("budget", "forecast_outturn", "actual_to_date"):
            text = cells.get(col, "")
            amounts[col] = parse_amount(text) if text else None
            if text and amounts[col] is None:
                problems.append(f"Row {n}: {col} '{_clip(text)}' is not an amount in pounds.")
            elif not text and col in REQUIRED:
                problems.append(f"Row {n}: {col} is blank; give an amount in pounds.")
        if len(problems) > bad or period is None or line is None:
            continue
        if (period, line) in seen:
            problems.append(
                f"Row {n}: {line} for {period} is already given in row {seen[(period, line)]}."
            )
            continue
        seen[(period, line)] = n
        budget, forecast = amounts["budget"], amounts["forecast_outturn"]
        assert budget is not None and forecast is not None
        rows.append(MonitoringRow(period, line, budget, forecast, amounts["actual_to_date"]))
    years = sorted({financial_year_of(r.period) for r in rows})
    if len(years) > 1:
        problems.append(
            f"The rows cover more than one financial year ({', '.join(years)}); "
            "upload one file per year."
        )
    if problems:
        raise MonitoringError(problems)
    rows.sort(key=lambda r: (r.period, list(LINES).index(r.line)))
    return Monitoring(years[0], tuple(rows))


def _clip(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= 40 else text[:37] + "..."


# ----------------------------------------------------------------------------------------------
# Writing


def to_csv(m: Monitoring) -> str:
    """The canonical CSV (what is stored for each version): reading it back gives ``m``."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in m.rows:
        actual = "" if r.actual is None else _plain(r.actual)
        w.writerow([r.period, r.line, _plain(r.budget), _plain(r.forecast), actual])
    return out.getvalue()


def _plain(number: float) -> str:
    return str(int(number)) if number.is_integer() else repr(number)


def template_rows(year_start: int = 2025) -> list[list[str]]:
    """The template's example: every line for the first month, budget only."""
    period = f"{year_start}-04"
    return [[period, line.code, "0", "0", "0"] for line in SERVICE_LINES]


def template_csv(year_start: int = 2025) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    w.writerows(template_rows(year_start))
    return out.getvalue()


def template_xlsx(year_start: int = 2025) -> bytes:
    """The same template as a workbook, with a sheet explaining each column and service line."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Monitoring"
    sheet.append(list(COLUMNS))
    for row in template_rows(year_start):
        sheet.append([row[0], row[1], 0, 0, 0])
    notes = book.create_sheet("Guidance")
    notes.append(["Column or line", "What to enter"])
    for text in GUIDANCE:
        notes.append(list(text))
    for line in SERVICE_LINES:
        notes.append([line.code, line.label])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


GUIDANCE: tuple[tuple[str, str], ...] = (
    ("period", "The month the report is at, as 2025-10 (October 2025). One file per financial year."),
    ("service_line", "One of the codes below (or its label), following the section 251 lines."),
    ("budget", "The full-year budget for the line, in pounds (gross)."),
    ("forecast_outturn", "The forecast spend for the whole year at this month, in pounds."),
    ("actual_to_date", "Spend to the end of the month, in pounds; may be left blank."),
)  # fmt: skip


# ----------------------------------------------------------------------------------------------
# Variance


def variances(m: Monitoring) -> list[LineVariance]:
    """Each line at the latest month: forecast against budget, and the move since last month."""
    latest = m.at(m.latest)
    previous = m.at(m.periods[-2]) if len(m.periods) > 1 else {}
    out = []
    for code, row in latest.items():
        before = previous.get(code)
        movement = (
            (row.forecast - row.budget) - (before.forecast - before.budget) if before else None
        )
        history = tuple((r.period, r.forecast) for r in m.rows if r.line == code)
        out.append(
            LineVariance(
                code, LINES[code].label, row.budget, row.forecast, row.actual, movement, history
            )
        )
    return out


def total(lines: Iterable[LineVariance], label: str = "All service lines") -> LineVariance:
    """The lines added up (movement only where every line has one)."""
    items = list(lines)
    moves = [v.movement for v in items]
    actuals = [v.actual for v in items]
    periods = sorted({p for v in items for p, _ in v.forecasts})
    history = tuple((p, sum(f for v in items for q, f in v.forecasts if q == p)) for p in periods)
    return LineVariance(
        "total",
        label,
        sum(v.budget for v in items),
        sum(v.forecast for v in items),
        None if any(a is None for a in actuals) else sum(a for a in actuals if a is not None),
        None if any(m is None for m in moves) else sum(m for m in moves if m is not None),
        history,
    )
