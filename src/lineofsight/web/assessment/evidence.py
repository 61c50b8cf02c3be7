"""The automatic evidence beside a key question or enabler: the linked indicators' latest published
figures for the council (with neighbours and England, from the benchmark engine), the council's own
figure where it has published one, and its current signals of the linked families."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lineofsight.assurance.content import SIGNAL_FAMILY, Evidence
from lineofsight.benchmark.engine import get_benchmark
from lineofsight.indicators.meta import lookup_indicator
from lineofsight.reference.las import LA
from lineofsight.signals.model import Signal
from lineofsight.web.dashboard.judgements import council_signals
from lineofsight.web.dashboard.own import OwnFigure, own_values
from lineofsight.wording import band_words, show, year_phrase


@dataclass(frozen=True, slots=True)
class Row:
    """One linked indicator as the evidence table shows it."""

    indicator_id: str
    title: str
    year: str  # e.g. "at 31 March 2025"; empty when nothing is published
    value: str
    neighbours: str
    england: str
    band: str
    own: str  # the council's own latest figure, e.g. "172 (year to 31 October 2025)"


@dataclass(frozen=True, slots=True)
class Found:
    rows: tuple[Row, ...]
    signals: tuple[Signal, ...]
    has_own: bool
    families: tuple[str, ...]
    note: str


def _own(own: OwnFigure | None, indicator_id: str) -> str:
    if own is None:
        return ""
    used = f", {own.returns}" if own.returns else ""
    return f"{show(own.value, lookup_indicator(indicator_id))} ({own.period}{used})"


def indicator_rows(la: LA, ids: Iterable[str], own: dict[str, OwnFigure]) -> list[Row]:
    """The latest published figure of each indicator for the council, compared."""
    bench = get_benchmark()
    rows = []
    for ident in ids:
        meta = lookup_indicator(ident)
        e = bench.entry(la, ident)
        if e is None:
            rows.append(Row(ident, meta.title, "", "No published figures", "", "", "", ""))
            continue
        neighbours = show(e.neighbours_median, meta) if e.neighbours_median.ok else "No figure"
        rows.append(
            Row(
                indicator_id=ident,
                title=meta.title,
                year=year_phrase(meta.year_label, e.year),
                value=show(e.value, meta),
                neighbours=neighbours,
                england=show(e.england, meta) if e.england.ok else "No figure",
                band=band_words(e.band, meta.polarity, meta.kind) if e.value.ok else "",
                own=_own(own.get(ident), ident),
            )
        )
    return rows


def council_signals_for(
    la_code: str, ids: tuple[str, ...], families: Iterable[str]
) -> list[Signal]:
    """The council's current signals of the linked families: on the linked indicators when the
    question names some, otherwise on any indicator."""
    wanted = set(families)
    if not wanted:
        return []
    return [
        s
        for s in council_signals(la_code)
        if SIGNAL_FAMILY.get(s.kind) in wanted and (not ids or s.indicator_id in ids)
    ]


def gather(la: LA, evidence: Evidence, *, exact_own: bool = False) -> Found:
    """Everything automatic for one question or enabler."""
    own = own_values(la.code, exact=exact_own) if evidence.indicators else {}
    rows = indicator_rows(la, evidence.indicators, own)
    signals = council_signals_for(la.code, evidence.indicators, evidence.signals)
    return Found(
        tuple(rows),
        tuple(signals),
        any(r.own for r in rows),
        tuple(evidence.signals),
        evidence.note,
    )
