"""All signals for one council: every rule over every headline indicator, sorted by severity.

Published series come from the benchmark engine; the council's own figures come in through the
same generic series interface (``own_data_signals``), so the rules never know the difference.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from lineofsight.benchmark.engine import Benchmark, get_benchmark
from lineofsight.indicators.meta import IndicatorMeta, headline_indicators, lookup_indicator
from lineofsight.reference.las import LA
from lineofsight.signals import divergence, quality, thresholds, volatility
from lineofsight.signals.judgement import Judgement, judge, question_for
from lineofsight.signals.model import Series, Signal, sort_signals
from lineofsight.values import State, Value

SKIP_THEMES = {"ofsted"}  # judgements are outcomes, modelled by lineofsight.risk
_STATES = {s.value: s for s in State}


def series_signals(meta: IndicatorMeta, la: str, series: Series) -> list[Signal]:
    """The rules that need nothing but the series itself."""
    return volatility.volatility_signals(meta, la, series)


def published_series(b: Benchmark, la: LA, indicator_id: str) -> Series:
    p = b.panel(indicator_id)
    years = b.years(indicator_id)
    return [(y, p.cell(la.code, y)) for y in years]


def national_values(b: Benchmark, indicator_id: str, year: str) -> list[float]:
    p = b.panel(indicator_id)
    out = []
    for code in b.current:
        v = p.cell(code, year)
        if v.ok and v.number is not None:
            out.append(v.number)
    return out


def indicator_signals(
    b: Benchmark, la: LA, meta: IndicatorMeta, rules: dict[str, thresholds.ThresholdRule]
) -> list[Signal]:
    """Volatility, divergence and threshold signals for one published indicator."""
    entry = b.entry(la, meta.id)
    if entry is None:
        return []
    series = published_series(b, la, meta.id)
    out = series_signals(meta, la.code, series)
    if entry.value.ok and entry.value.number is not None:
        clause = divergence.neighbour_clause(
            entry.value.number, [n.value for n in entry.neighbours]
        )
        if clause:
            out = [
                replace(s, sentence=f"{s.sentence[:-1]}; {clause}.")
                if s.kind in {"large_change", "xmr_beyond_limits"} and s.period == entry.year
                else s
                for s in out
            ]
    out += divergence.neighbour_divergence(
        meta, la.code, entry.year, entry.value, [n.value for n in entry.neighbours]
    )
    if entry.previous_year is not None:
        prev = b.entry(la, meta.id, entry.previous_year)
        if prev is not None and prev.year == entry.previous_year:
            out += divergence.worst_quartile_entry(
                meta, la.code, entry.year, entry.band, prev.year, prev.band
            )
    cut = thresholds.cutoffs(
        meta, thresholds.rule_for(meta.id, rules), national_values(b, meta.id, entry.year)
    )
    out += thresholds.threshold_signal(meta, la.code, entry.year, entry.value, cut)
    return out


def signals_for(la: LA, benchmark: Benchmark | None = None) -> list[Signal]:
    """Every published-data signal for one council over the headline indicators, by severity."""
    b = benchmark or get_benchmark()
    rules = thresholds.load_thresholds()
    out: list[Signal] = []
    for meta in headline_indicators():
        if meta.theme in SKIP_THEMES:
            continue
        out += indicator_signals(b, la, meta, rules)
    from lineofsight.signals.published_finance import published_finance_signals

    out += published_finance_signals(b, la)
    return sort_signals(out)


def judgements_for(la: LA, benchmark: Benchmark | None = None) -> list[Judgement]:
    """One judgement per headline indicator (Ofsted grades aside), most severe first.

    A measure is judged on its figure; a money total on its figure per child (the total is as much
    the council's size as its spending); a count is context, judged through its rate.
    """
    b = benchmark or get_benchmark()
    out = []
    for meta in headline_indicators():
        if meta.kind == "judgement" or meta.theme in SKIP_THEMES:
            continue
        found = _judgement(b, la, meta)
        if found is not None:
            qid, text = question_for(meta.id)
            out.append(replace(found, question_id=qid, question=text))
    return sorted(out, key=Judgement.sort_key)


def _judgement(b: Benchmark, la: LA, meta: IndicatorMeta) -> Judgement | None:
    entry = b.entry(la, meta.id)
    if entry is None or not entry.value.ok:
        return None
    if meta.kind == "count" or (meta.kind == "money" and meta.rate_id):
        rate = (
            lookup_indicator(meta.rate_id).title if meta.rate_id else "its rate per 10,000 children"
        )
        what = "A count" if meta.kind == "count" else "A money total"
        return Judgement(
            indicator_id=meta.id,
            title=meta.title,
            la=la.code,
            period=entry.year,
            severity=None,
            reasons=(
                f"{what} is context, as much the council's size as its performance: "
                f"read it through {rate[:1].lower() + rate[1:] if meta.rate_id else rate}.",
            ),
            standing=0,
            heading=0,
            variation=0,
            variation_kind="none",
        )
    years = b.years(meta.id)
    j = years.index(entry.year)
    per_child = meta.kind == "money"

    def number(code: str, year: str) -> float | None:
        v = b.panel(meta.id).cell(code, year)
        if not v.ok or v.number is None:
            return None
        if not per_child:
            return v.number
        pop = b.population(code, year, meta.year_label)
        return v.number / pop if pop else None

    series: Series = []
    for y in years[: j + 1]:
        n = number(la.code, y)
        series.append((y, Value(n) if n is not None else Value(None, State.NOT_AVAILABLE)))
    neighbours = [
        n for c in b.neighbours.get(la.code, []) if (n := number(c, entry.year)) is not None
    ]
    national = [n for c in b.current if (n := number(c, entry.year)) is not None]
    changes = []
    if j > 0:
        for c in b.current:
            a, z = number(c, years[j - 1]), number(c, entry.year)
            if a is not None and z is not None:
                changes.append(z - a)
    judged_meta = meta
    if per_child:
        judged_meta = replace(meta, title=f"{meta.title} per child", unit="gbp", decimals=0)
    found = judge(judged_meta, la.code, series, neighbours, national, changes)
    if found is None:
        return None
    return replace(found, indicator_id=meta.id, title=meta.title)


def own_series(frame: pd.DataFrame, indicator_id: str) -> Series:
    """A generic series from the own-data indicator output (one indicator, by period end)."""
    rows = frame[frame["indicator_id"] == indicator_id].sort_values("period_end")
    out: Series = []
    for end, value, state in zip(rows["period_end"], rows["value"], rows["state"], strict=True):
        label = pd.Timestamp(end).date().isoformat()
        st = _STATES.get(str(state), State.NOT_AVAILABLE)
        number = None if st is not State.VALUE or pd.isna(value) else float(value)
        out.append((label, Value(number, st if number is not None else _not_value(st))))
    return out


def _not_value(state: State) -> State:
    return State.MISSING if state is State.VALUE else state


def own_data_signals(
    la: LA,
    frame: pd.DataFrame,
    validation_errors: dict[str, tuple[int, int | None]] | None = None,
    period: str = "",
    benchmark: Benchmark | None = None,
    *,
    exact: bool = False,
) -> list[Signal]:
    """Signals on the council's own indicator output and its returns' validation error counts.

    ``frame`` has the own-data contract columns (indicator_id, period_end, value, state, …);
    ``validation_errors`` maps a return name to (errors, rows). Figures resting on few children
    are suppressed first (docs/disclosure.md), so a signal's sentence never carries one, unless
    ``exact`` (for analysts).
    """
    from lineofsight.indicators.own.disclosure import suppress

    if not exact:
        frame = suppress(frame)
    b = benchmark or get_benchmark()
    out: list[Signal] = []
    for indicator_id in sorted(set(frame["indicator_id"].astype(str))):
        meta = lookup_indicator(indicator_id)
        series = own_series(frame, indicator_id)
        out += series_signals(meta, la.code, series)
        latest = next(((lab, v) for lab, v in reversed(series) if v.ok), None)
        year = b.pick_year(indicator_id, None) if meta.curated else None
        if latest is not None and year is not None:
            published = b.panel(indicator_id).cell(la.code, year)
            out += quality.own_vs_published(meta, la.code, latest[0], latest[1], year, published)
    for name, (errors, rows) in sorted((validation_errors or {}).items()):
        out += quality.validation_errors(la.code, name, period, errors, rows)
    return sort_signals(out)
