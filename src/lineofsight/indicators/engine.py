"""One engine for indicators computed from the council's own child-level returns.

Definitions (in :mod:`lineofsight.indicators.own`) are Ibis expressions, written once and run here on
embedded DuckDB; the same expressions can later run on Spark. The reader tables are registered once
per run, every definition is evaluated for every period by joining a small periods table (so an
indicator for ten years and 153 councils is one expression), and all indicators are unioned and
executed in a single round trip.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import ibis
import ibis.expr.types as ir
import pandas as pd
from ibis.backends.duckdb import Backend as DuckDBBackend

from lineofsight.errors import UserError
from lineofsight.indicators.own.periods import (
    march_year,
    rolling_12_months,
    september_year,
    year_ending_march,
    year_ending_september,
)
from lineofsight.indicators.own.workdays import FIRST, LAST, calendar_frame

Family = Literal["ssda903", "cin", "workforce"]
Kind = Literal["count", "pct", "rate", "ratio"]
PopulationSource = Mapping[tuple[str, int], float | None] | Callable[[str, int], float | None]

OUTPUT_COLUMNS = [
    "indicator_id",
    "la",
    "period_start",
    "period_end",
    "value",
    "state",
    "numerator",
    "denominator",
]

# The columns each definition reads, by table, and how the engine types them. Other reader columns
# (``_file``, ``_row``, the rest of the specification) are not needed for indicators and stay out.
DATE, TEXT, NUM = "date", "text", "num"
TABLES: dict[str, dict[str, str]] = {
    "header": {"CHILD": TEXT, "DOB": DATE},
    "episodes": {
        "CHILD": TEXT,
        "DECOM": DATE,
        "RNE": TEXT,
        "LS": TEXT,
        "PLACE": TEXT,
        "DEC": DATE,
        "REC": TEXT,
    },
    "oc3": {"CHILD": TEXT, "DOB": DATE, "IN_TOUCH": TEXT, "ACTIV": TEXT, "ACCOM": TEXT},
    "missing": {"CHILD": TEXT, "MISSING": TEXT, "MIS_START": DATE},
    "uasc": {"CHILD": TEXT, "DUC": DATE},
    "sw_episodes": {"CHILD": TEXT, "SW_ID": TEXT, "SW_DECOM": DATE, "SW_DEC": DATE},
    "cin_details": {
        "LAchildID": TEXT,
        "CINreferralDate": DATE,
        "CINclosureDate": DATE,
        "ReferralNFA": TEXT,
        "ReasonForClosure": TEXT,
    },
    "assessments": {
        "LAchildID": TEXT,
        "AssessmentActualStartDate": DATE,
        "AssessmentAuthorisationDate": DATE,
    },
    "section47": {
        "LAchildID": TEXT,
        "S47ActualStartDate": DATE,
        "DateOfInitialCPC": DATE,
        "ICPCnotRequired": TEXT,
    },
    "cp_plans": {
        "LAchildID": TEXT,
        "CPPstartDate": DATE,
        "CPPendDate": DATE,
        "NumberOfPreviousCPP": NUM,
    },
    "workers": {
        "AgencyWorker": TEXT,
        "FTE": NUM,
        "FTE30": NUM,
        "Cases30": NUM,
        "WorkingDaysLost": NUM,
        "RoleEndDate": DATE,
    },
    "la_level": {"NumberOfVacancies": NUM},
}
# The table that must be present for a family's periods to exist, and the date that dates a
# single-year file when the readers give no ``YEAR``.
ANCHORS: dict[Family, tuple[str, str]] = {
    "ssda903": ("episodes", "DECOM"),
    "cin": ("cin_details", "CINreferralDate"),
    "workforce": ("workers", "RoleEndDate"),
}
CALENDAR_DATES = {
    "assessments": ("AssessmentActualStartDate", "AssessmentAuthorisationDate"),
    "section47": ("S47ActualStartDate", "DateOfInitialCPC"),
}
FAMILY_TABLES: dict[Family, tuple[str, ...]] = {
    "ssda903": ("header", "episodes", "oc3", "missing", "uasc", "sw_episodes"),
    "cin": ("cin_details", "assessments", "section47", "cp_plans"),
    "workforce": ("workers", "la_level"),
}


@dataclass(frozen=True, slots=True)
class Definition:
    """One indicator: how to count it, over which return, and how to turn counts into a value.

    ``build`` returns a table with ``LA, period_start, period_end, numerator, denominator`` (one
    row per council and period that has any rows); the engine fills periods with no rows as zero.
    ``kind`` decides the value: a count is the numerator; ``pct`` is 100 x numerator / denominator;
    ``rate`` is 10,000 x numerator / population 0-17; ``ratio`` is numerator / denominator.
    """

    id: str
    family: Family
    kind: Kind
    needs: tuple[str, ...]
    build: Callable[[Context], ir.Table]
    doc: str = ""


@dataclass
class Context:
    """What definitions see: the registered tables, the periods and the working-day calendar."""

    con: DuckDBBackend
    present: set[str]
    _cache: dict[str, ir.Table] = field(default_factory=dict)
    _memo: dict[object, ir.Table] = field(default_factory=dict)

    def once(self, key: object, build: Callable[[], ir.Table]) -> ir.Table:
        """Build a shared sub-expression once per run (fewer nodes for Ibis to compile)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def table(self, name: str) -> ir.Table:
        """A registered reader table (typed, with ``LA`` and ``YEAR``; ``YEAR`` 0 when unknown)."""
        if name not in self._cache:
            self._cache[name] = self.con.table(name)
        return self._cache[name]

    def periods(self, family: Family) -> ir.Table:
        """``LA, period_start, period_end, label_year, pop_year`` for one family of returns."""
        p = self.table("periods")
        return p.filter(p.family == family).drop("family")

    def with_periods(
        self,
        family: Family,
        t: ir.Table,
        start: ir.DateValue | None = None,
        end: ir.DateValue | None = None,
    ) -> ir.Table:
        """Rows of ``t`` paired with the periods of their council.

        With ``start`` (and ``end``, blank meaning still open), only the periods the row's span
        overlaps: a range join that keeps a national run from pairing every row with every year.
        """
        p = self.periods(family)
        if start is None:
            return t.join(p, "LA")
        preds = [t.LA == p.LA, start <= p.period_end]
        if end is not None:
            preds.append(end.isnull() | (end >= p.period_start))
        else:
            preds.append(start >= p.period_start)
        return t.join(p, preds).drop("LA_right")

    def working_days(self) -> ir.Table:
        """``day, wd_index``: the running count of England-and-Wales working days up to ``day``."""
        cal = self.table("calendar")
        return cal.select(
            "day",
            wd_index=cal.is_workday.sum().over(ibis.cumulative_window(order_by=cal.day)),
        )


# The SQL of a set of definitions depends only on which tables are present, not on their rows, so
# a process that computes repeatedly (the web service, a national run) compiles it once.
_SQL: dict[tuple[tuple[str, ...], frozenset[str]], str] = {}


# -- public API -------------------------------------------------------------------------------


def compute(
    tables: Mapping[str, pd.DataFrame],
    *,
    la: str | None = None,
    period_end: dt.date | None = None,
    population: PopulationSource | None = None,
    ids: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Every own-data indicator for every period in the data, in one DuckDB round trip.

    ``tables`` are the reader DataFrames by table name (see docs/architecture.md); an ``LA``
    column is added from ``la`` where absent (national sets carry their own). Periods are each
    year in the data (31 March; 30 September for workforce) plus, with ``period_end``, the 12
    months ending that day for the SSDA903 and CIN indicators. ``population(la, year)`` gives the
    0-17 population for the year label of a period end (default: the bundled ONS estimates).
    """
    from lineofsight.indicators.own.registry import DEFINITIONS

    chosen = [d for d in DEFINITIONS if ids is None or d.id in set(ids)]
    if ids is not None:
        unknown = sorted(set(ids) - {d.id for d in DEFINITIONS})
        if unknown:
            raise UserError(f"Unknown own-data indicator id(s): {', '.join(unknown)}.")
    prepared = {name: prepare_table(name, df, la) for name, df in tables.items() if name in TABLES}
    periods = periods_frame(prepared, period_end)
    if periods.empty:
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    con = ibis.duckdb.connect()
    con.raw_sql("SET preserve_insertion_order = false")  # lets DuckDB stream large joins
    # A table with no rows is treated as not supplied: the readers return every table, empty when
    # its file was not given, and a figure over an absent file is "not available", not zero.
    present = {name for name, df in prepared.items() if len(df)}
    families = set(periods.family)
    for name in {t for f in families for t in FAMILY_TABLES[f]}:
        frame = prepared.get(name)
        _register(con, name, frame if frame is not None else _empty(name))
    _register(con, "periods", periods)
    if "cin" in families:  # only the CIN timeliness indicators count working days
        _register(con, "calendar", calendar_frame(*_calendar_span(prepared)))
    _register(con, "population", population_frame(periods, population))
    todo = tuple(d for d in chosen if d.family in families)
    if not todo:
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    key = (tuple(d.id for d in todo), frozenset(present))
    if key not in _SQL:
        _SQL[key] = _cached_sql(key, lambda: _compile(con, present, todo))
    result: pd.DataFrame = con.con.sql(_SQL[key]).df()
    result = result.rename(columns={"LA": "la"})[OUTPUT_COLUMNS]
    for col in ("period_start", "period_end"):
        result[col] = pd.to_datetime(result[col]).dt.date
    for col in ("value", "numerator", "denominator"):
        result[col] = result[col].astype("float64")
    order = {d.id: i for i, d in enumerate(DEFINITIONS)}
    result["_order"] = result.indicator_id.map(order)
    result = result.sort_values(["_order", "la", "period_end", "period_start"])
    return result.drop(columns="_order").reset_index(drop=True)


def _register(con: DuckDBBackend, name: str, frame: pd.DataFrame) -> None:
    """Expose a table to DuckDB as a view over Arrow memory.

    Converted once to Arrow: DuckDB scans Arrow columns in parallel without copying, whereas
    Python-object string columns are converted row by row on every scan.
    """
    import pyarrow as pa

    con.con.register(name, pa.Table.from_pandas(frame, preserve_index=False))


def _compile(con: DuckDBBackend, present: set[str], todo: Sequence[Definition]) -> str:
    ctx = Context(con=con, present=present)
    union = ibis.union(*[_evaluate(ctx, d) for d in todo], distinct=False)
    return str(ibis.to_sql(union, dialect="duckdb"))


def _cached_sql(key: tuple[tuple[str, ...], frozenset[str]], build: Callable[[], str]) -> str:
    """The compiled SQL from the user's cache, keyed by the definitions' source and Ibis version.

    Compiling is most of a one-off run's time; the SQL holds table names and code lists only,
    never data. A cache that cannot be read or written is simply skipped.
    """
    import hashlib
    import os
    from pathlib import Path

    here = Path(__file__).parent
    digest = hashlib.sha256(repr((sorted(key[0]), sorted(key[1]), ibis.__version__)).encode())
    for src in sorted([here / "engine.py", *(here / "own").glob("*.py")]):
        digest.update(src.read_bytes())
    root = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "lineofsight"
    path = root / f"own-sql-{digest.hexdigest()[:32]}.sql"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    sql = build()
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(sql, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass
    return sql


# -- preparation ------------------------------------------------------------------------------


def prepare_table(name: str, df: pd.DataFrame, la: str | None) -> pd.DataFrame:
    """The columns a table's definitions read, typed, with ``LA`` and an integer ``YEAR``."""
    spec = TABLES[name]
    out = pd.DataFrame(index=df.index)
    if "LA" in df.columns:
        out["LA"] = df["LA"].astype("string")
    elif la is not None:
        out["LA"] = pd.Series(la, index=df.index, dtype="string")
    else:
        raise UserError(f"Table '{name}' has no LA column; say which council it is with --la.")
    for col, kind in spec.items():
        raw = df[col] if col in df.columns else pd.Series(pd.NA, index=df.index, dtype="object")
        if kind == DATE:
            out[col] = pd.to_datetime(raw, errors="coerce", dayfirst=True).astype("datetime64[us]")
        elif kind == NUM:
            out[col] = pd.to_numeric(raw, errors="coerce").astype("float64")
        else:
            text = raw.astype("string").str.strip()
            out[col] = text.mask(text == "")
    year = df["YEAR"] if "YEAR" in df.columns else pd.Series(0, index=df.index)
    out["YEAR"] = pd.to_numeric(year, errors="coerce").fillna(0).astype("int64")
    return out.reset_index(drop=True)


def _calendar_span(prepared: Mapping[str, pd.DataFrame]) -> tuple[dt.date, dt.date]:
    """Whole years covering the CIN dates that are counted in working days (within 1990-2040)."""
    lows, highs = [], []
    for name, cols in CALENDAR_DATES.items():
        df = prepared.get(name)
        if df is None:
            continue
        for col in cols:
            lows.append(df[col].min())
            highs.append(df[col].max())
    lo = min((x for x in lows if not pd.isna(x)), default=pd.Timestamp(FIRST))
    hi = max((x for x in highs if not pd.isna(x)), default=pd.Timestamp(FIRST))
    first = max(FIRST, dt.date(pd.Timestamp(lo).year, 1, 1))
    last = min(LAST, max(first, dt.date(pd.Timestamp(hi).year, 12, 31)))
    return first, last


def _empty(name: str) -> pd.DataFrame:
    return prepare_table(name, pd.DataFrame({"LA": pd.Series([], dtype="string")}), None)


def periods_frame(prepared: Mapping[str, pd.DataFrame], period_end: dt.date | None) -> pd.DataFrame:
    """The periods to compute for each family and council.

    Years come from ``YEAR`` where the readers set it; otherwise a single-year file is dated by
    its latest anchor date (episode start, referral date, or leaving date, else its census date).
    """
    rows: list[dict[str, object]] = []
    for family, (anchor, date_col) in ANCHORS.items():
        df = prepared.get(anchor)
        if df is None or df.empty:
            continue
        ending = year_ending_september if family == "workforce" else year_ending_march
        labeller = september_year if family == "workforce" else march_year
        for la_code, grp in df.groupby("LA", sort=True):
            years = sorted({int(y) for y in grp.YEAR if y > 0})
            if not years:
                last = grp[date_col].max()
                if pd.isna(last):
                    if period_end is None:
                        continue
                    years = [labeller(period_end)]
                else:
                    years = [labeller(pd.Timestamp(last).date())]
            for year in years:
                start, end = ending(year)
                rows.append(_period(family, str(la_code), start, end, year))
            if period_end is not None and family != "workforce":
                start, end = rolling_12_months(period_end)
                if (start, end) != ending(march_year(end)):
                    rows.append(_period(family, str(la_code), start, end, march_year(end)))
    frame = pd.DataFrame(
        rows, columns=["family", "LA", "period_start", "period_end", "label_year", "pop_year"]
    )
    for col in ("period_start", "period_end"):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[us]")
    return frame.astype({"label_year": "int64", "pop_year": "int64"})


def _period(family: str, la: str, start: dt.date, end: dt.date, year: int) -> dict[str, object]:
    return {
        "family": family,
        "LA": la,
        "period_start": start,
        "period_end": end,
        "label_year": year,
        "pop_year": march_year(end),
    }


def population_frame(periods: pd.DataFrame, source: PopulationSource | None) -> pd.DataFrame:
    """``LA, pop_year, population`` for each council and year label a rate needs."""
    if source is None:
        from lineofsight.reference.population import population_for_march_year

        source = population_for_march_year
    keys = sorted({(str(a), int(y)) for a, y in zip(periods.LA, periods.pop_year, strict=True)})
    values: list[float | None] = []
    for key in keys:
        raw = source(*key) if callable(source) else source.get(key)
        values.append(None if raw is None or pd.isna(raw) else float(raw))
    return pd.DataFrame(
        {
            "LA": pd.Series([k[0] for k in keys], dtype="string"),
            "pop_year": pd.Series([k[1] for k in keys], dtype="int64"),
            "population": pd.Series(values, dtype="float64"),
        }
    )


# -- evaluation -------------------------------------------------------------------------------

KEYS = ["LA", "period_start", "period_end"]


def _evaluate(ctx: Context, d: Definition) -> ir.Table:
    """One definition as ``indicator_id, LA, period_start, period_end, value, state, num, den``."""
    p = ctx.periods(d.family)
    available = all(n in ctx.present for n in d.needs)
    if available:
        agg = ctx.once(d.build, lambda: d.build(ctx))
        j = p.left_join(agg, KEYS)
        num = j.numerator.cast("float64").fill_null(0.0)
        den = j.denominator.cast("float64")
        if d.kind in ("pct", "ratio"):
            den = den.fill_null(0.0)
        t = j.select(p.LA, p.period_start, p.period_end, p.pop_year, numerator=num, denominator=den)
    else:
        null = ibis.null().cast("float64")
        t = p.select(
            "LA", "period_start", "period_end", "pop_year", numerator=null, denominator=null
        )
    if d.kind == "rate":
        pop = ctx.table("population")
        t = t.left_join(pop, ["LA", "pop_year"]).select(
            "LA", "period_start", "period_end", "numerator", denominator=pop.population
        )
    usable = t.numerator.notnull()
    if d.kind == "count":
        value = t.numerator
        ok = usable
    else:
        ok = usable & t.denominator.notnull() & (t.denominator > 0)
        scale = {"pct": 100.0, "rate": 10_000.0, "ratio": 1.0}[d.kind]
        value = ibis.ifelse(ok, t.numerator * scale / t.denominator, ibis.null().cast("float64"))
    return t.select(
        indicator_id=ibis.literal(d.id),
        LA=t.LA,
        period_start=t.period_start.cast("date"),
        period_end=t.period_end.cast("date"),
        value=value.cast("float64"),
        state=ibis.ifelse(ok, ibis.literal("value"), ibis.literal("x")),
        numerator=t.numerator,
        denominator=t.denominator.cast("float64") if d.kind != "count" else t.denominator,
    )


# -- helpers shared by the definitions --------------------------------------------------------


def latest(t: ir.Table, keys: Sequence[str]) -> ir.Table:
    """Rows of each key from the latest collection year only.

    Several years' returns repeat an episode, referral or plan that spans them; the latest return
    holds its final dates. A max-per-key join rather than a window: a hash join is far cheaper
    than sorting a national table. (Exact duplicate rows are removed and reported by the readers.)
    """
    m = t.group_by(list(keys)).aggregate(_max_year=t.YEAR.max())
    preds = [t[k] == m[k] for k in keys] + [m._max_year == t.YEAR]
    return t.join(m, preds).select(*t.columns)


def birthday(dob: ir.DateValue, years: int) -> ir.DateValue:
    """The date a child born on ``dob`` reaches ``years``; 29 February birthdays fall on 1 March."""
    shifted = dob + ibis.interval(years=years)
    leapling = (dob.month() == 2) & (dob.day() == 29) & (shifted.day() != 29)
    return ibis.ifelse(leapling, shifted + ibis.interval(days=1), shifted)


def between(col: ir.DateValue, t: ir.Table) -> ir.BooleanValue:
    """``col`` falls in the row's period, both ends included."""
    return (col >= t.period_start) & (col <= t.period_end)


def open_at_end(start: ir.DateValue, end: ir.DateValue, t: ir.Table) -> ir.BooleanValue:
    """Started on or before the period end and not ended by it (an end on the last day is ended)."""
    return (start <= t.period_end) & (end.isnull() | (end > t.period_end))


def truthy(col: ir.Value) -> ir.BooleanValue:
    """A 0/1, true/false or yes/no flag as a boolean (blank is false)."""
    return col.cast("string").lower().strip().isin(["1", "true", "yes", "y"]).fill_null(False)


def working_days_between(
    ctx: Context, t: ir.Table, start: str, end: str, name: str = "wd"
) -> ir.Table:
    """``t`` with ``name`` = working days after ``start`` up to and including ``end``.

    Monday to a Monday a week later is 5. Dates outside the calendar (1990-2040) give null.
    """
    cal = ctx.working_days()
    a = cal.select(_d1="day", _i1="wd_index")
    b = cal.select(_d2="day", _i2="wd_index")
    j = t.left_join(a, t[start] == a._d1).left_join(b, t[end] == b._d2)
    return j.mutate(**{name: j._i2 - j._i1}).drop("_d1", "_i1", "_d2", "_i2")
