"""The one-sentence text alternative of a chart: what moved, from what to what, and what is missing.

A screen-reader user, or anyone reading a printed pack in black and white, should get the point
of the chart from this sentence alone, e.g. "Stoke-on-Trent's rate rose from 98 to 121 per 10,000
children between 2021 and 2025; the neighbour median rose from 90 to 96."
"""

from __future__ import annotations

from collections.abc import Sequence

from lineofsight.values import LABELS, State, Value
from lineofsight.wording.numbers import fmt_number, unit_parts

Points = Sequence[tuple[str, Value]]


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def join_words(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def known(points: Points) -> list[tuple[str, float]]:
    return [(y, v.number) for y, v in points if v.ok and v.number is not None]


def movement(
    points: Points,
    decimals: int,
    unit: str,
    span: tuple[str, str] | None = None,
    phrase: bool = True,
) -> str:
    """'rose from 98 to 121 per 10,000 children' (years added when they differ from ``span``)."""
    vals = known(points)
    words = unit_parts(unit)[1] if phrase else ""
    tail = f" {words}" if words else ""
    if not vals:
        return "has no published figure"
    (y0, a), (y1, b) = vals[0], vals[-1]
    fa, fb = fmt_number(a, decimals, unit), fmt_number(b, decimals, unit)
    if len(vals) == 1:
        return f"was {fb}{tail} in {y1}"
    own_years = span is not None and (y0, y1) != span
    at0, at1 = (f" in {y0}", f" in {y1}") if own_years else ("", "")
    if fa == fb:
        flat = all(fmt_number(v, decimals, unit) == fb for _, v in vals)
        if own_years or not flat:
            return f"was {fb}{tail} in both {y0} and {y1}"
        return f"stayed at {fb}{tail}"
    verb = "rose" if b > a else "fell"
    return f"{verb} from {fa}{at0} to {fb}{tail}{at1}"


def gaps(name: str, points: Points, focus: bool = True) -> list[str]:
    """'Stoke-on-Trent's figure for 2023 is suppressed (small number)', one clause per reason."""
    by_state: dict[State, list[str]] = {}
    for year, value in points:
        if not value.ok:
            by_state.setdefault(value.state, []).append(year)
    clauses = []
    whose = possessive(name if focus else _the(name))
    for state, years in by_state.items():
        label = LABELS[state] or LABELS[State.MISSING]
        if len(years) == 1:
            clauses.append(f"{whose} figure for {years[0]} is {label}")
        else:
            clauses.append(f"{whose} figures for {join_words(years)} are {label}")
    return clauses


def describe_lines(
    names: Sequence[str],
    series: Sequence[Points],
    decimals: int,
    unit: str,
    measure: str = "figure",
) -> str:
    """The description of a line chart whose first series is the council, the rest comparators."""
    if not series or not names:
        return "The chart has no figures."
    focus = known(series[0])
    span = (focus[0][0], focus[-1][0]) if len(focus) >= 2 else None
    years = [y for y, _ in series[0]]
    if focus:
        first = f"{possessive(names[0])} {measure} {movement(series[0], decimals, unit)}"
    else:
        first = f"{names[0]} has no published figure"
        if years:
            first += (
                f" between {years[0]} and {years[-1]}" if len(years) > 1 else f" for {years[0]}"
            )
    if span and " in both " not in first:  # that wording already names the years
        first += f" between {span[0]} and {span[1]}"
    clauses = [first]
    for name, pts in zip(names[1:], series[1:], strict=False):
        clauses.append(f"{_the(name)} {movement(pts, decimals, unit, span, phrase=False)}")
    for i, (name, pts) in enumerate(zip(names, series, strict=False)):
        clauses.extend(gaps(name, pts, focus=i == 0) if known(pts) else [])
    sentence = "; ".join(clauses)
    return sentence[0].upper() + sentence[1:] + "."


def describe_bars(
    focus: str,
    focus_value: Value,
    others: Sequence[tuple[str, Value]],
    reference: tuple[str, Value] | None,
    decimals: int,
    unit: str,
    year: str,
    polarity: str = "neither",
) -> str:
    """Where the council sits among its neighbours in one year, and against England."""
    vals = [v.number for _, v in others if v.ok and v.number is not None]
    _, phrase = unit_parts(unit)
    tail = f" {phrase}" if phrase else ""
    if not focus_value.ok or focus_value.number is None:
        label = LABELS[focus_value.state] or LABELS[State.MISSING]
        text = f"{possessive(focus)} figure for {year} is {label}"
        if vals:
            lo, hi = min(vals), max(vals)
            text += (
                f"; its {len(vals)} neighbours with a figure range from "
                f"{fmt_number(lo, decimals, unit)} to {fmt_number(hi, decimals, unit)}{tail}"
            )
    else:
        x = focus_value.number
        higher = sum(1 for v in vals if v > x)
        lower = sum(1 for v in vals if v < x)
        text = f"{possessive(focus)} figure for {year} was {fmt_number(x, decimals, unit)}{tail}"
        n = len(vals)
        if vals and lower == n:
            text += f", higher than all {n} of its neighbours with a figure"
        elif vals and higher == n:
            text += f", lower than all {n} of its neighbours with a figure"
        elif vals:
            text += (
                f", higher than {lower} of its {n} neighbours with a figure and lower than {higher}"
            )
            if n - lower - higher:
                text += f" (level with {n - lower - higher})"
        if vals and polarity in {"high_good", "low_good"}:
            text += " (higher is better)" if polarity == "high_good" else " (lower is better)"
    missing = len(others) - len(vals)
    if missing:
        text += f"; {missing} neighbour{'s have' if missing != 1 else ' has'} no figure"
    if reference and reference[1].ok and reference[1].number is not None:
        text += f"; {reference[0]} was {fmt_number(reference[1].number, decimals, unit)}"
    return text + "."


def _the(name: str) -> str:
    """'neighbour median' -> 'the neighbour median'; proper names (England) stay as they are."""
    return name if name[:1].isupper() else f"the {name}"
