"""Text renderings of benchmark results for the terminal (Rich) and as records for CSV/JSON."""

from __future__ import annotations

import math
from importlib import resources
from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from lineofsight.benchmark.engine import Benchmark, Entry, Profile
from lineofsight.indicators.meta import IndicatorMeta, theme_label
from lineofsight.reference.las import LA
from lineofsight.values import LABELS, State, Value
from lineofsight.wording import (
    date_text,
    end_year,
    fmt_number,
    signed_change,
    signed_money,
    year_phrase,
)

LEGEND = (
    "[c] suppressed  [x] not available  [z] not applicable  [low]/[k] rounds to 0  [u] low reliability"
    "  [-] not published.  Rank 1 = best by polarity; band A = best quarter of LAs; Q1-Q4 = lowest"
    " to highest quarter where neither direction is better. Counts and money totals are context (their"
    " rate in brackets) and Ofsted judgements are grades: neither is ranked or banded."
)


def fmt(value: Value, indicator: IndicatorMeta) -> str:
    text = escape(value.display(indicator.decimals))
    if value.ok and value.number is not None and indicator.unit.startswith("gbp"):
        return fmt_number(value.number, 0, indicator.unit)  # £85.5m; a rate to the pound
    if value.ok and indicator.unit == "percent":
        return text + "%"
    if value.ok and indicator.unit == "judgement" and value.number is not None:
        if not float(value.number).is_integer():  # an average of grades is no judgement
            return "-"
        return {1: "Outstanding", 2: "Good", 3: "Req. impr.", 4: "Inadequate"}.get(
            int(value.number), text
        )
    return text


def with_rate(e: Entry) -> str:
    """The value, and for a count or money total its rate below it in brackets: '(170.0 per 10k)'."""
    text = fmt(e.value, e.indicator)
    if not e.rate_unit or not e.rate.ok or e.rate.number is None:
        return text
    per = "/child" if e.rate_unit == "gbp_per_child" else " per 10k"
    if e.rate_unit == "percent":
        per = "%"
    rate = (
        fmt_number(e.rate.number, 0, e.rate_unit)
        if e.rate_unit.startswith("gbp")
        else fmt_number(e.rate.number, e.rate_decimals)
    )
    return f"{text}\n({rate}{per})"


def fmt_diff(change: float | None, indicator: IndicatorMeta) -> str:
    """The change on the previous year, signed; money in GOV.UK style (+£15.1m)."""
    if change is not None and not math.isnan(change) and indicator.unit.startswith("gbp"):
        return signed_money(change, indicator.unit)
    return signed_change(change, indicator.decimals)


# The Year column in a few characters; the full wording is year_text in CSV and JSON.
_SHORT = {
    "at 31 march": "31 Mar {end}",
    "year to 31 march": "year to\n31 Mar {end}",
    "at 30 september": "30 Sep {end}",
    "annual (end of sept)": "30 Sep {end}",
    "year to 30 september": "year to\n30 Sep {end}",
    "in january": "Jan {end}",
    "annual - january": "Jan {end}",
    "financial year": "FY {year}",
    "academic year": "AY {year}",
    "calendar year": "CY {year}",
    "mid-year (30 june)": "30 Jun {end}",
}
YEAR_KEY = "FY financial year (April to March), AY academic year, CY calendar year."


def year_short(year_label: str, year: str) -> str:
    """'31 Mar 2025', 'FY 2024-25', 'AY 2023-24': the year with its convention, briefly."""
    pattern = _SHORT.get(year_label.strip().lower())
    return pattern.format(end=end_year(year), year=year) if pattern else year


def _cell(number: float | None, decimals: int | None = None) -> float | int | None:
    """A figure for CSV and JSON: rounded (to ``decimals`` for what we compute, else clear of
    float noise), and a whole number written as one."""
    if number is None or not math.isfinite(number):
        return None
    x = round(number, 6 if decimals is None else max(0, decimals))
    return int(x) if float(x).is_integer() and (decimals is not None and decimals <= 0) else x


def _published(number: float | None, decimals: int) -> float | int | None:
    """A published figure as published: clear of float noise, a whole count as a whole number."""
    if number is None or not math.isfinite(number):
        return None
    x = round(number, 6)
    return int(x) if decimals <= 0 and float(x).is_integer() else x


def _state(value: Value) -> str:
    return value.state.value


def entry_record(e: Entry) -> dict[str, Any]:
    """A flat record of one comparison, for CSV and JSON: every figure beside its state code
    (``value`` where there is a number), so no blank or null goes unexplained."""
    d = e.indicator.decimals
    no_change = e.value if not e.value.ok else e.previous
    return {
        "la_code": e.la.code,
        "la_old_code": e.la.old_code,
        "la_name": e.la.name,
        "theme": e.indicator.theme,
        "indicator_id": e.indicator.id,
        "indicator": e.indicator.title,
        "unit": e.indicator.unit,
        "kind": e.indicator.kind,
        "polarity": e.indicator.polarity,
        "year": e.year,
        "year_convention": e.indicator.year_label,
        "year_text": year_phrase(e.indicator.year_label, e.year),
        "value": _published(e.value.number, d),
        "state": _state(e.value),
        "previous_year": e.previous_year,
        "previous_value": _published(e.previous.number, d),
        "previous_state": _state(e.previous) if e.previous_year else State.MISSING.value,
        "change": _cell(e.change, d),
        "change_state": State.VALUE.value if e.change is not None else _state(no_change),
        "neighbours_mean": _cell(e.neighbours_mean.number, d + 1),
        "neighbours_mean_state": _state(e.neighbours_mean),
        "neighbours_median": _cell(e.neighbours_median.number, d + 1),
        "neighbours_median_state": _state(e.neighbours_median),
        "neighbours_counted": e.neighbours_counted,
        "region": _published(e.region.number, d),
        "region_state": _state(e.region),
        "england": _published(e.england.number, d),
        "england_state": _state(e.england),
        "rank": int(e.rank) if e.rank is not None else None,
        "ranked": int(e.ranked),
        "band": e.band,
        "rate": _cell(e.rate.number, e.rate_decimals) if e.rate_unit else None,
        "rate_state": _state(e.rate) if e.rate_unit else State.NOT_APPLICABLE.value,
        "rate_unit": e.rate_unit,
        "better_neighbours": "; ".join(n.la.name for n in e.better_neighbours),
        "worse_neighbours": "; ".join(n.la.name for n in e.worse_neighbours),
        "note": e.note,
    }


def reorganisation_text(la: LA) -> str:
    """How a council created by reorganisation came to be, as the reorganisation's own note
    says it (Dorset Council was not 'served by Bournemouth and Poole')."""
    import yaml

    geo = yaml.safe_load(
        resources.files("lineofsight.reference").joinpath("geography.yaml").read_text()
    )
    for reorg in geo.get("reorganisations", []):
        if la.code in reorg.get("successors", []):
            return f"Created by reorganisation on {date_text(str(reorg['date']))}: {reorg['note']}"
    return ""


def neighbours_text(bench: Benchmark, la: LA) -> str:
    """The neighbours, closest first, each with DfE's closeness: 'Barnsley (very close)'."""
    parts = [f"{n.name} ({c.lower()})" if c else n.name for n, c in bench.neighbour_list(la)]
    return "; ".join(parts)


def print_profile(console: Console, profile: Profile, year: str | None = None) -> None:
    from lineofsight.benchmark.engine import get_benchmark

    la = profile.la
    bench = get_benchmark(profile.model)
    console.print(
        f"[bold]{escape(la.name)}[/bold]  {la.code} · old code {la.old_code} · {la.region_name} · "
        f"statistical neighbours: {profile.model} model"
    )
    if la.predecessors:
        console.print(escape(reorganisation_text(la)))
    console.print(
        escape(f"Statistical neighbours (DfE closeness): {neighbours_text(bench, la)}."),
        style="dim",
    )
    caveat = bench.closeness_caveat(la)
    if caveat:
        console.print(escape(f"Caution: {caveat}"), style="bold")
    joint = sorted({e.note for e in profile.entries if e.note.startswith("joint return")})
    for note in joint:
        console.print(
            escape(
                f"Workforce figures come from a {note}: the partner is left out of the "
                "neighbour median and the joint figure is ranked once."
            )
        )
    if year:
        older = [e for e in profile.entries if end_year(e.year) != end_year(year)]
        if older:
            console.print(
                escape(
                    f"{len(older)} of {len(profile.entries)} indicators have no {year} figure yet "
                    "and show their latest year (see the Year column)."
                )
            )
    for theme, entries in profile.by_theme().items():
        table = Table(
            title=theme_label(theme),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            show_edge=False,
            expand=False,
            collapse_padding=True,
        )
        table.add_column("Indicator", min_width=16, max_width=24, overflow="fold")
        table.add_column("Year", no_wrap=True)
        table.add_column("Value", justify="right", no_wrap=True)
        table.add_column("Change", justify="right", no_wrap=True)
        table.add_column("Neighb.", justify="right", no_wrap=True)
        table.add_column("Region", justify="right", no_wrap=True)
        table.add_column("England", justify="right", no_wrap=True)
        table.add_column("Rank", justify="right", no_wrap=True)
        table.add_column("Band", justify="center", no_wrap=True)
        for e in entries:
            ind = e.indicator
            table.add_row(
                escape(ind.title),
                year_short(ind.year_label, e.year),
                with_rate(e),
                fmt_diff(e.change, ind),
                fmt(e.neighbours_median, ind),
                fmt(e.region, ind),
                fmt(e.england, ind),
                f"{e.rank}/{e.ranked}" if e.rank else "",
                e.band or "",
            )
        console.print(table)
    console.print(
        escape(f"Neighb. = median of the statistical neighbours with a value. {YEAR_KEY} {LEGEND}"),
        style="dim",
    )


def print_catalogue(console: Console, items: list[IndicatorMeta]) -> None:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("Id", no_wrap=True)
    table.add_column("Indicator", max_width=44, overflow="fold")
    table.add_column("Theme", max_width=16, overflow="fold")
    table.add_column("Better", no_wrap=True)
    for ind in items:
        better = {"high_good": "higher", "low_good": "lower"}.get(ind.polarity, "neither")
        table.add_row(ind.id, ind.title, theme_label(ind.theme), better)
    console.print(table)
    console.print(f"{len(items)} indicators.", style="dim")


def compare_records(profiles: list[Profile]) -> list[dict[str, Any]]:
    return [entry_record(e) for p in profiles for e in p.entries]


def print_compare(console: Console, profiles: list[Profile]) -> None:
    names = [p.la.name for p in profiles]
    width = max(8, min(14, (100 - 40) // max(1, len(names) + 1)))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("Indicator", max_width=30, overflow="fold")
    table.add_column("Year", no_wrap=True)  # with its convention: '31 Mar 2025', 'FY 2024-25'
    for name in names:
        table.add_column(name, justify="right", max_width=width, overflow="fold")
    table.add_column("England", justify="right", no_wrap=True)
    by_id = [{e.indicator.id: e for e in p.entries} for p in profiles]
    for e0 in profiles[0].entries:
        cells = []
        for lookup in by_id:
            e = lookup.get(e0.indicator.id)
            cells.append(
                fmt(e.value, e.indicator) + (f" {e.band}" if e and e.band else "") if e else ""
            )
        table.add_row(
            escape(e0.indicator.title),
            year_short(e0.indicator.year_label, e0.year),
            *cells,
            fmt(e0.england, e0.indicator),
        )
    console.print(table)
    console.print(escape(f"Letters are quartile bands. {YEAR_KEY} {LEGEND}"), style="dim")


def state_text(value: Value) -> str:
    return LABELS.get(value.state, "") if value.state is not State.VALUE else ""
