"""Text renderings of benchmark results for the terminal (Rich) and as records for CSV/JSON."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from lineofsight.benchmark.engine import Entry, Profile, fmt_change
from lineofsight.indicators.meta import IndicatorMeta, theme_label
from lineofsight.values import LABELS, State, Value

LEGEND = (
    "[c] suppressed  [x] not available  [z] not applicable  [low]/[k] rounds to 0  [u] low reliability"
    "  [-] not published.  Rank 1 = best by polarity; band A = best quarter of LAs (neutral where"
    " neither direction is better)."
)


def fmt(value: Value, indicator: IndicatorMeta) -> str:
    text = escape(value.display(indicator.decimals))
    if value.ok and indicator.unit == "percent":
        return text + "%"
    if value.ok and indicator.unit == "judgement" and value.number is not None:
        return {1: "Outstanding", 2: "Good", 3: "Req. impr.", 4: "Inadequate"}.get(
            int(value.number), text
        )
    return text


def entry_record(e: Entry) -> dict[str, Any]:
    """A flat record of one comparison, for CSV and JSON."""
    return {
        "la_code": e.la.code,
        "la_old_code": e.la.old_code,
        "la_name": e.la.name,
        "theme": e.indicator.theme,
        "indicator_id": e.indicator.id,
        "indicator": e.indicator.title,
        "unit": e.indicator.unit,
        "polarity": e.indicator.polarity,
        "year": e.year,
        "year_convention": e.indicator.year_label,
        "value": e.value.number,
        "state": e.value.state.value,
        "previous_year": e.previous_year,
        "previous_value": e.previous.number,
        "change": e.change,
        "neighbours_mean": e.neighbours_mean.number,
        "neighbours_median": e.neighbours_median.number,
        "neighbours_counted": e.neighbours_counted,
        "region": e.region.number,
        "region_state": e.region.state.value,
        "england": e.england.number,
        "england_state": e.england.state.value,
        "rank": e.rank,
        "ranked": e.ranked,
        "band": e.band,
        "better_neighbours": "; ".join(n.la.name for n in e.better_neighbours),
        "worse_neighbours": "; ".join(n.la.name for n in e.worse_neighbours),
        "note": e.note,
    }


def print_profile(console: Console, profile: Profile) -> None:
    la = profile.la
    console.print(
        f"[bold]{la.name}[/bold]  {la.code} · old code {la.old_code} · {la.region_name} · "
        f"statistical neighbours: {profile.model} model"
    )
    if la.predecessors:
        from lineofsight.reference.las import registry

        names = ", ".join(registry().get(code).name for code in la.predecessors)
        console.print(f"Created by reorganisation; before that its area was served by {names}.")
    for theme, entries in profile.by_theme().items():
        table = Table(
            title=theme_label(theme),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            show_edge=False,
            expand=False,
        )
        table.add_column("Indicator", max_width=34, overflow="fold")
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
                ind.title,
                e.year,
                fmt(e.value, ind),
                fmt_change(e.change, ind.decimals),
                fmt(e.neighbours_median, ind),
                fmt(e.region, ind),
                fmt(e.england, ind),
                f"{e.rank}/{e.ranked}" if e.rank else "",
                e.band or "",
            )
        console.print(table)
    console.print(
        escape(f"Neighb. = median of the statistical neighbours with a value. {LEGEND}"),
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
    table.add_column("Year", no_wrap=True)
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
        table.add_row(e0.indicator.title, e0.year, *cells, fmt(e0.england, e0.indicator))
    console.print(table)
    console.print(escape(f"Letters are quartile bands (A = best quarter). {LEGEND}"), style="dim")


def state_text(value: Value) -> str:
    return LABELS.get(value.state, "") if value.state is not State.VALUE else ""
