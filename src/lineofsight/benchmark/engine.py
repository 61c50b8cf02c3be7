"""Benchmarking: an LA's figure against its statistical neighbours, its region and England.

For any LA, indicator and year this gives the value and its state; the mean and median of the
10 statistical neighbours (2025 model by default, 2021 selectable); the region and England;
the rank among LAs with a value; the quartile band A-D by polarity; the change on the previous
year; the 5-year series; and which neighbours do better or worse.

Conventions (stated on every page that shows them):
- Rank 1 is the best by polarity (highest for "higher is better", lowest for "lower is better");
  where neither is better, rank 1 is the lowest value.
- Quartile bands split the current LAs with a value at the 25th, 50th and 75th percentiles
  (linear interpolation); A is the best quarter by polarity, as in DfE's LAIT. Where polarity is
  "neither", A is the lowest quarter and the band carries no judgement.
- Neighbour mean and median use the neighbours with a published value that year (LAIT drops
  neighbours with no value from its mean; the DfE dashboard uses the median): both are given,
  with how many neighbours they cover.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from statistics import fmean
from statistics import median as median_of
from typing import Literal

import numpy as np
import pandas as pd

from lineofsight.errors import UserError
from lineofsight.indicators.meta import IndicatorMeta, headline_indicators, lookup_indicator
from lineofsight.published.store import Store, load_store
from lineofsight.reference.las import LA, registry
from lineofsight.values import State, Value

ENGLAND = "E92000001"
_STATES = {s.value: s for s in State}
_MISSING = Value.missing()
Model = Literal["2021", "2025"]
MODELS: tuple[Model, ...] = ("2025", "2021")


@dataclass(frozen=True)
class Neighbour:
    la: LA
    value: Value
    better: bool | None  # None where polarity is "neither" or there is no value


@dataclass(frozen=True)
class Entry:
    """One indicator for one LA in one year, with everything it is compared against."""

    indicator: IndicatorMeta
    la: LA
    year: str
    value: Value
    previous_year: str | None
    previous: Value
    change: float | None
    neighbours_mean: Value
    neighbours_median: Value
    neighbours_counted: int
    region: Value
    england: Value
    rank: int | None
    ranked: int  # how many LAs had a value to rank
    band: str | None  # "A".."D"
    series: list[tuple[str, Value]] = field(default_factory=list)
    neighbours: list[Neighbour] = field(default_factory=list)
    source_id: int | None = None
    note: str = ""

    @property
    def better_neighbours(self) -> list[Neighbour]:
        return [n for n in self.neighbours if n.better is True]

    @property
    def worse_neighbours(self) -> list[Neighbour]:
        return [n for n in self.neighbours if n.better is False]


@dataclass(frozen=True)
class Profile:
    la: LA
    model: Model
    entries: list[Entry]

    def by_theme(self) -> dict[str, list[Entry]]:
        out: dict[str, list[Entry]] = {}
        for e in self.entries:
            out.setdefault(e.indicator.theme, []).append(e)
        return out


@dataclass(frozen=True)
class Panel:
    """One indicator as area x year matrices of numbers and states, years in order."""

    years: list[str]
    areas: pd.Index
    numbers: np.ndarray  # float, NaN where no number
    states: np.ndarray  # object: State value strings
    sources: np.ndarray  # int, 0 where no row
    notes: np.ndarray
    row: dict[str, int] = field(default_factory=dict)  # area code -> row
    col_of: dict[str, int] = field(default_factory=dict)  # year -> column
    _values: list[list[Value]] = field(default_factory=list)  # every cell as a Value, made once

    def __post_init__(self) -> None:
        self.col_of.update({y: k for k, y in enumerate(self.years)})
        value_state = State.VALUE
        for numbers, states in zip(self.numbers.tolist(), self.states.tolist(), strict=True):
            row = []
            for number, code in zip(numbers, states, strict=True):
                state = _STATES[code]
                row.append(Value(number if state is value_state else None, state))
            self._values.append(row)

    def col(self, year: str) -> int:
        return self.col_of[year]

    def cell(self, area: str, year: str) -> Value:
        i = self.row.get(area)
        if i is None:
            return _MISSING
        return self._values[i][self.col_of[year]]


class Benchmark:
    """Comparisons over the bundled published data. Build once; every call after is cheap."""

    def __init__(self, store: Store | None = None, model: Model = "2025") -> None:
        if model not in MODELS:
            raise UserError(
                f"Statistical neighbour model '{model}' is not known; use 2025 or 2021."
            )
        self.store = store or load_store()
        self.model: Model = model
        self.registry = registry()
        self.current = [la.code for la in self.registry.current()]
        nb = self.store.neighbours[self.store.neighbours.model == model].sort_values(
            ["la_code", "rank"]
        )
        self.neighbours: dict[str, list[str]] = {
            str(code): [str(c) for c in g.neighbour_code]
            for code, g in nb.groupby("la_code", sort=False)
        }
        self._by_indicator = {
            k: g for k, g in self.store.values.groupby("indicator_id", sort=False, observed=True)
        }
        self._panels: dict[str, Panel] = {}
        self._ranks: dict[tuple[str, str], tuple[dict[str, int], dict[str, str], int]] = {}
        self._years: dict[str, list[str]] = {}
        self._picked: dict[tuple[str, str | None], str | None] = {}

    # --------------------------------------------------------------------------------------
    def panel(self, indicator_id: str) -> Panel:
        if indicator_id not in self._panels:
            rows = self._by_indicator.get(indicator_id)
            if rows is None or rows.empty:
                lookup_indicator(indicator_id)  # raises the did-you-mean error for unknown ids
                raise UserError(f"No published figures are bundled for indicator '{indicator_id}'.")
            years = sorted(rows.year.unique(), key=_year_key)
            areas = pd.Index(sorted(rows.area_code.unique()))
            shape = (len(areas), len(years))
            numbers = np.full(shape, np.nan)
            states = np.full(shape, State.MISSING.value, dtype=object)
            sources = np.zeros(shape, dtype=np.int32)
            notes = np.full(shape, "", dtype=object)
            i = areas.get_indexer(rows.area_code)
            j = pd.Index(years).get_indexer(rows.year)
            numbers[i, j] = rows.value.to_numpy(dtype=float)
            states[i, j] = rows.state.to_numpy(dtype=object)
            sources[i, j] = rows.source_id.to_numpy()
            notes[i, j] = rows.note.astype(str).to_numpy(dtype=object)
            row = {str(a): k for k, a in enumerate(areas)}
            self._panels[indicator_id] = Panel(years, areas, numbers, states, sources, notes, row)
        return self._panels[indicator_id]

    def years(self, indicator_id: str) -> list[str]:
        """Years with at least one LA value, oldest first."""
        if indicator_id not in self._years:
            p = self.panel(indicator_id)
            rows = np.array([p.row[c] for c in self.current if c in p.row], dtype=int)
            has = (p.states[rows] == State.VALUE.value).any(axis=0)
            self._years[indicator_id] = [y for y, ok in zip(p.years, has, strict=True) if ok]
        return self._years[indicator_id]

    def pick_year(self, indicator_id: str, year: str | int | None) -> str | None:
        """The latest year with LA values, or the one asked for ('2024' also matches '2023-24')."""
        key = (indicator_id, None if year is None else str(year))
        if key not in self._picked:
            self._picked[key] = self._pick_year(indicator_id, year)
        return self._picked[key]

    def _pick_year(self, indicator_id: str, year: str | int | None) -> str | None:
        years = self.years(indicator_id)
        if not years:
            return None
        if year is None:
            return years[-1]
        want = str(year)
        for y in reversed(years):
            if y == want or (len(y) == 7 and y[5:] == want[-2:] and y[:2] == want[:2]):
                return y
        return None

    def _rank(
        self, indicator: IndicatorMeta, year: str
    ) -> tuple[dict[str, int], dict[str, str], int]:
        key = (indicator.id, year)
        if key not in self._ranks:
            p = self.panel(indicator.id)
            j = p.col(year)
            codes = [c for c in self.current if c in p.row]
            rows = np.array([p.row[c] for c in codes], dtype=int)
            ok = p.states[rows, j] == State.VALUE.value
            vals = pd.Series(p.numbers[rows, j][ok], index=np.array(codes)[ok])
            ascending = indicator.polarity != "high_good"
            ranks = vals.rank(method="min", ascending=ascending).astype(int).to_dict()
            bands: dict[str, str] = {}
            if len(vals) >= 4:
                q1, q2, q3 = np.percentile(vals.to_numpy(), [25, 50, 75])
                for code, v in vals.items():
                    if ascending:
                        band = "A" if v <= q1 else "B" if v <= q2 else "C" if v <= q3 else "D"
                    else:
                        band = "A" if v >= q3 else "B" if v >= q2 else "C" if v >= q1 else "D"
                    bands[str(code)] = band
            self._ranks[key] = ({str(k): int(v) for k, v in ranks.items()}, bands, len(vals))
        return self._ranks[key]

    # --------------------------------------------------------------------------------------
    def entry(self, la: LA, indicator_id: str, year: str | int | None = None) -> Entry | None:
        """The full comparison, or None when the indicator has no LA values in that year."""
        indicator = lookup_indicator(indicator_id)
        p = self.panel(indicator.id)
        y = self.pick_year(indicator.id, year)
        if y is None:
            return None
        j = p.col(y)
        value = p.cell(la.code, y)
        prev_year = p.years[j - 1] if j > 0 else None
        previous = p.cell(la.code, prev_year) if prev_year else Value.missing()
        change = (value.number - previous.number) if value.ok and previous.ok else None  # type: ignore[operator]
        ranks, bands, ranked = self._rank(indicator, y)
        neighbours = []
        nb_numbers: list[float] = []
        for code in self.neighbours.get(la.code, []):
            v = p.cell(code, y)
            better = None
            if v.ok and value.ok and indicator.polarity != "neither" and v.number != value.number:
                better = (v.number > value.number) == (indicator.polarity == "high_good")  # type: ignore[operator]
            neighbours.append(Neighbour(self.registry.get(code), v, better))
            if v.number is not None:
                nb_numbers.append(v.number)
        mean = Value(fmean(nb_numbers)) if nb_numbers else Value(None, State.NOT_AVAILABLE)
        median = (
            Value(float(median_of(nb_numbers))) if nb_numbers else Value(None, State.NOT_AVAILABLE)
        )
        first = max(0, j - 4)
        series = [(yy, p.cell(la.code, yy)) for yy in p.years[first : j + 1]]
        i = p.row.get(la.code, -1)
        return Entry(
            indicator=indicator,
            la=la,
            year=y,
            value=value,
            previous_year=prev_year,
            previous=previous,
            change=change,
            neighbours_mean=mean,
            neighbours_median=median,
            neighbours_counted=len(nb_numbers),
            region=p.cell(la.region_code, y),
            england=p.cell(ENGLAND, y),
            rank=ranks.get(la.code),
            ranked=ranked,
            band=bands.get(la.code),
            series=series,
            neighbours=neighbours,
            source_id=int(p.sources[i, j]) if i >= 0 and p.sources[i, j] else None,
            note=str(p.notes[i, j]) if i >= 0 else "",
        )

    def profile(
        self, la: LA, year: str | int | None = None, indicator_ids: list[str] | None = None
    ) -> Profile:
        """Every headline indicator (or the ones given) for one LA."""
        ids = indicator_ids or [i.id for i in headline_indicators()]
        if year is not None and not any(self.pick_year(i, year) for i in ids):
            raise UserError(
                f"No published figures for {year}; years available: {self.year_span(ids)}."
            )
        entries = [e for e in (self.entry(la, i, year) for i in ids) if e is not None]
        return Profile(la, self.model, entries)

    def year_span(self, ids: list[str]) -> str:
        years = sorted({y for i in ids for y in self.years(i)}, key=_year_key)
        return f"{years[0]} to {years[-1]}" if years else "none"

    def table(self, indicator_id: str, year: str | int | None = None) -> pd.DataFrame:
        """All current LAs for one indicator and year, with rank, band and neighbour median."""
        indicator = lookup_indicator(indicator_id)
        y = self.pick_year(indicator.id, year)
        if y is None:
            raise UserError(
                f"No published figures for '{indicator.id}' in {year}; "
                f"years available: {self.year_span([indicator.id])}."
            )
        rows = []
        for code in self.current:
            e = self.entry(self.registry.get(code), indicator.id, y)
            assert e is not None
            rows.append(
                {
                    "la_code": code,
                    "old_code": e.la.old_code,
                    "la_name": e.la.name,
                    "region": e.la.region_name,
                    "year": y,
                    "value": e.value.number,
                    "state": e.value.state.value,
                    "rank": e.rank,
                    "band": e.band,
                    "neighbours_median": e.neighbours_median.number,
                    "region_value": e.region.number,
                    "england": e.england.number,
                }
            )
        return pd.DataFrame(rows)


def _year_key(label: str) -> tuple[int, str]:
    digits = "".join(ch for ch in label[:4] if ch.isdigit())
    return (int(digits) if digits else 0, label)


@cache
def get_benchmark(model: Model = "2025") -> Benchmark:
    """A shared, cached engine per neighbour model."""
    return Benchmark(model=model)


def published_value(la_code: str, indicator_id: str, year: str | int) -> Value:
    """The published figure for one LA, indicator and year (state MISSING when none)."""
    b = get_benchmark()
    y = b.pick_year(indicator_id, year)
    if y is None:
        return Value.missing()
    return b.panel(indicator_id).cell(la_code, y)


def fmt_change(change: float | None, decimals: int) -> str:
    if change is None or math.isnan(change):
        return ""
    return f"{change:+,.{decimals}f}"
