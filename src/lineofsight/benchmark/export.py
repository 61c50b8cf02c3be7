"""Benchmark results as an Excel workbook: the CLI's and the web's CSV records, formatted.

The rows are ``render.entry_record`` (what the CSV holds); each figure column takes its
indicator's unit and decimals, the rate column the rate's, and the sources are the publications
the entries were read from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from lineofsight.benchmark.engine import Entry
from lineofsight.benchmark.render import entry_record
from lineofsight.exports.xlsx import Export, Formatter, Sheet, Source, number_format
from lineofsight.reference.las import LA
from lineofsight.values import Value
from lineofsight.wording import year_phrase

# Columns that hold a figure in the indicator's own unit.
FIGURES = (
    "value",
    "previous_value",
    "change",
    "neighbours_mean",
    "neighbours_median",
    "region",
    "england",
)
COUNTS = ("rank", "ranked", "neighbours_counted")


def _decimals(indicator_id: str) -> int:
    from lineofsight.errors import UserError
    from lineofsight.indicators.meta import lookup_indicator

    try:
        return lookup_indicator(indicator_id).decimals
    except UserError:
        return 1


def _figure(row: Mapping[str, Any]) -> str:
    return number_format(str(row.get("unit") or ""), _decimals(str(row.get("indicator_id"))))


def _rate(row: Mapping[str, Any]) -> str:
    unit = str(row.get("rate_unit") or "")
    return number_format(unit, 0 if unit.startswith("gbp") else 1)


def formats(extra: Iterable[str] = ()) -> dict[str, Formatter]:
    """Number formats for the benchmark record columns (and any ``extra`` figure columns)."""
    out: dict[str, Formatter] = {col: _figure for col in (*FIGURES, *extra)}
    out["rate"] = _rate
    out.update({col: (lambda _row: "0") for col in COUNTS})
    return out


def sources(source_ids: Iterable[int | None]) -> list[Source]:
    """The publications behind these source ids, newest release first."""
    from lineofsight.published.store import load_store

    wanted = {int(s) for s in source_ids if s}
    table = load_store().sources
    rows = table[table.source_id.isin(wanted)]
    out = [
        Source(str(r.publication), str(r.publisher), str(r.release), str(r.licence), str(r.file))
        for r in rows.itertuples()
    ]
    return sorted(out, key=lambda s: (s.release, s.publication), reverse=True)


def entries_export(
    title: str,
    entries: Sequence[Entry],
    *,
    records: Sequence[Mapping[str, Any]] | None = None,
    notes: Sequence[str] = (),
    demo: str = "",
) -> Export:
    """The entries as a workbook: their CSV records (``records`` when the caller made them)."""
    rows = list(records) if records is not None else [entry_record(e) for e in entries]
    ids = [e.source_id for e in entries]
    ids += [s for e in entries for s in _england_sources(e)]
    return Export(
        title=title,
        records=rows,
        sources=sources(ids),
        notes=(
            *notes,
            "Neighbours: the council's ten statistical neighbours; mean and median are of those "
            "with a published figure (neighbours_counted says how many).",
            "Rank 1 is the best by polarity; band A is the best quarter of councils (Q1 to Q4 "
            "where neither higher nor lower is better). Counts, money totals and Ofsted "
            "judgements are not ranked or banded.",
        ),
        demo=demo,
        formats=formats(),
    )


def _england_sources(e: Entry) -> list[int]:
    """The release the England and region figures came from (usually the council's own)."""
    from lineofsight.benchmark.engine import ENGLAND, get_benchmark

    p = get_benchmark().panel(e.indicator.id)
    out = []
    for area in (ENGLAND, e.la.region_code):
        i = p.row.get(area)
        if i is not None and e.year in p.col_of:
            sid = int(p.sources[i, p.col(e.year)])
            if sid:
                out.append(sid)
    return out


def comparison_sheet(home: LA, councils: Sequence[LA], entries: Sequence[Entry],
                     home_entries: Mapping[str, Entry] | None = None) -> Sheet:  # fmt: skip
    """Councils side by side as a page shows them: indicators down; the councils, then the home
    council's neighbour median, its region and England across; a state code where there is no
    number. ``home_entries`` (by indicator id) give the references when ``home`` is not among
    the councils."""
    header = [
        "Indicator",
        "Year",
        *(c.name for c in councils),
        f"Neighbour median ({home.name})",
        home.region_name,
        "England",
    ]
    lines: dict[str, dict[str, Entry]] = {}
    for e in entries:
        lines.setdefault(e.indicator.id, {})[e.la.code] = e
    rows = []
    missing = Value.missing()
    for by_code in lines.values():
        first = next(iter(by_code.values()))
        ind = first.indicator
        fmt = number_format(ind.unit, ind.decimals)
        mine = by_code.get(home.code) or (home_entries or {}).get(ind.id)
        cells: list[tuple[object, str]] = [
            (ind.title, ""),
            (year_phrase(ind.year_label, first.year), ""),
        ]
        for la in councils:
            got = by_code.get(la.code)
            cells.append(_shown(got.value if got else missing, fmt))
        for value in (
            mine.neighbours_median if mine else missing,
            mine.region if mine else missing,
            mine.england if mine else missing,
        ):
            cells.append(_shown(value, fmt))
        rows.append(cells)
    return Sheet("Comparison", header, rows)


def _shown(value: Value, fmt: str) -> tuple[object, str]:
    return (value.number, fmt) if value.ok else (value.state.value, "")
