"""Forecasts and the backtest as plain text tables (fit a 100-column terminal)."""

from __future__ import annotations

import textwrap

from lineofsight.forecast.published import (
    HORIZONS,
    LEVELS,
    METHOD_NAMES,
    METHODS,
    SERIES,
    Score,
    backtest,
    forecast,
)
from lineofsight.wording import fmt_number

CAVEAT = (
    "A forecast carries the recent past forward; it cannot see a change in policy, practice or "
    "demand. The intervals say how far such forecasts have missed before (docs/forecast.md)."
)


def council_text(la: str) -> str:
    from lineofsight.reference.las import resolve

    council = resolve(la)
    lines = [f"Forecast for {council.name} (published figures to the latest year; model: pooled)"]
    for series in SERIES:
        f = forecast(council.code, series)
        lines.append("")
        lines.append(f.title)
        if not f.ahead:
            lines.append("  No forecast: no figure was published for the latest year.")
            continue
        recent = ", ".join(f"{y} {fmt_number(v, 0)}" for y, v in f.history[-3:])
        lines.append(f"  Published: {recent}")
        lines.append(f"  {'Year':<6}{'Forecast':>10}{'80% interval':>22}{'95% interval':>22}")
        for p in f.ahead:
            cells = [
                f"{fmt_number(p.low[lv], 0)} to {fmt_number(p.high[lv], 0)}" if lv in p.low else "-"
                for lv in LEVELS
            ]
            lines.append(f"  {p.year:<6}{fmt_number(p.value, 0):>10}{cells[0]:>22}{cells[1]:>22}")
    lines += ["", *textwrap.wrap(CAVEAT, 100)]
    return "\n".join(lines)


def evaluation_rows() -> list[Score]:
    return [s for series in SERIES for s in backtest(series)]


def evaluation_markdown(scores: list[Score] | None = None) -> str:
    """The backtest table as Markdown (the README and docs/forecast.md carry this)."""
    scores = scores if scores is not None else evaluation_rows()
    out = [
        "| Series | Years ahead | Cases | Method | MAPE | 80% coverage | 95% coverage |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for s in scores:
        out.append(
            f"| {s.series} | {s.horizon} | {s.cases} | {METHOD_NAMES[s.method]} | "
            f"{s.mape:.1f}% | {s.coverage[80]:.0f}% | {s.coverage[95]:.0f}% |"
        )
    return "\n".join(out)


def evaluation_text() -> str:
    scores = evaluation_rows()
    lines = [
        "Backtest on the published series of the 153 councils, rolling origins (each forecast made",
        "with only the years before it; intervals calibrated on errors already known at the origin).",
        "MAPE: mean absolute percentage error. Coverage: share of outcomes inside the interval.",
    ]
    for series in SERIES:
        lines += ["", SERIES[series]]
        lines.append(
            f"  {'Ahead':<6}{'Method':<32}{'Cases':>7}{'MAPE':>8}{'80% cov.':>10}{'95% cov.':>10}"
        )
        for h in HORIZONS:
            for m in METHODS:
                s = next(
                    x for x in scores if x.series == series and x.horizon == h and x.method == m
                )
                lines.append(
                    f"  {h:<6}{METHOD_NAMES[m]:<32}{s.cases:>7}{s.mape:>7.1f}%"
                    f"{s.coverage[80]:>9.0f}%{s.coverage[95]:>9.0f}%"
                )
    return "\n".join(lines)
