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
  "neither" the bands are neutral: Q1 is the lowest quarter, Q4 the highest, and no letter suggests
  that one end is better.
- Only measures (rates, shares, averages, unit costs) are ranked and banded. Counts and money
  totals are context, as much the size of the council as its performance: they carry their rate
  beside them (the catalogue's ``rate`` measure, or per 10,000 children / per child from the ONS
  population) and no rank or band. Ofsted judgements are grades, not numbers: no rank, band, mean
  or median.
- Neighbour mean and median use the neighbours with a published value that year (LAIT drops
  neighbours with no value from its mean; the DfE dashboard uses the median): both are given,
  with how many neighbours they cover.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from statistics import fmean
from statistics import median as median_of
from typing import Any, Literal

import numpy as np
import pandas as pd

from lineofsight.errors import UserError
from lineofsight.indicators.meta import IndicatorMeta, headline_indicators, lookup_indicator
from lineofsight.published.store import Store, load_store
from lineofsight.reference.las import LA, registry
from lineofsight.values import State, Value, is_digits

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
    closeness: str = ""  # DfE's closeness of this neighbour, e.g. "Very close", "Not close"
    joint: bool = False  # the same joint return as the council: not counted in mean or median


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
    rate: Value = _MISSING  # a count or money total's rate (per 10,000 children or per child)
    rate_unit: str = ""
    rate_decimals: int = 0

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
        self.closeness: dict[tuple[str, str], str] = {
            (str(a), str(b)): str(c).strip().capitalize()
            for a, b, c in zip(nb.la_code, nb.neighbour_code, nb.closeness, strict=True)
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
            if not indicator.compared:
                ok = np.zeros_like(ok)
            vals = pd.Series(p.numbers[rows, j][ok], index=np.array(codes)[ok])
            # A joint return (one figure for two councils) is ranked once; both councils show it.
            partner_of: dict[str, str] = {}
            first_of_note: dict[str, str] = {}
            for code in list(vals.index):
                note = str(p.notes[p.row[code], j])
                if note.startswith(JOINT):
                    if note in first_of_note:
                        partner_of[str(code)] = first_of_note[note]
                    else:
                        first_of_note[note] = str(code)
            vals = vals.drop(list(partner_of))
            ascending = indicator.polarity != "high_good"
            ranks = vals.rank(method="min", ascending=ascending).astype(int).to_dict()
            bands: dict[str, str] = {}
            if len(vals) >= 4:
                q1, q2, q3 = np.percentile(vals.to_numpy(), [25, 50, 75])
                for code, v in vals.items():
                    if indicator.polarity == "neither":
                        band = "Q1" if v <= q1 else "Q2" if v <= q2 else "Q3" if v <= q3 else "Q4"
                    elif ascending:
                        band = "A" if v <= q1 else "B" if v <= q2 else "C" if v <= q3 else "D"
                    else:
                        band = "A" if v >= q3 else "B" if v >= q2 else "C" if v >= q1 else "D"
                    bands[str(code)] = band
            for code, first in partner_of.items():
                ranks[code] = ranks[first]
                if first in bands:
                    bands[code] = bands[first]
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
        own_note = self._note(p, la.code, j)
        for code in self.neighbours.get(la.code, []):
            v = p.cell(code, y)
            # a neighbour in the same joint return holds the council's own figure: shown, but
            # neither counted in the median nor called better or worse
            joint = own_note.startswith(JOINT) and self._note(p, code, j) == own_note
            better = None
            if (
                v.ok
                and value.ok
                and not joint
                and indicator.polarity != "neither"
                and v.number != value.number
            ):
                better = (v.number > value.number) == (indicator.polarity == "high_good")  # type: ignore[operator]
            closeness = self.closeness.get((la.code, code), "")
            neighbours.append(Neighbour(self.registry.get(code), v, better, closeness, joint))
            if v.number is not None and not joint:
                nb_numbers.append(v.number)
        mean = Value(fmean(nb_numbers)) if nb_numbers else Value(None, State.NOT_AVAILABLE)
        median = (
            Value(float(median_of(nb_numbers))) if nb_numbers else Value(None, State.NOT_AVAILABLE)
        )
        if indicator.kind == "judgement":  # a grade has no mean: 2.5 is no judgement at all
            mean = median = Value(None, State.NOT_APPLICABLE)
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
            **self._rate(indicator, la, y),
        )

    @staticmethod
    def _note(p: Panel, area: str, j: int) -> str:
        i = p.row.get(area)
        return str(p.notes[i, j]) if i is not None else ""

    def neighbour_list(self, la: LA) -> list[tuple[LA, str]]:
        """The council's statistical neighbours, closest first, with DfE's closeness."""
        return [
            (self.registry.get(code), self.closeness.get((la.code, code), ""))
            for code in self.neighbours.get(la.code, [])
        ]

    def closeness_caveat(self, la: LA) -> str:
        """A warning where DfE rates most of the council's neighbours 'not close', else ''."""
        rated = [c for _, c in self.neighbour_list(la)]
        far = sum(1 for c in rated if c.lower() == "not close")
        if not rated or far * 2 <= len(rated):
            return ""
        return (
            f"DfE rates {far} of {la.name}'s {len(rated)} statistical neighbours 'not close': "
            "no council is much like it, so its neighbour median, rank and band say little "
            "about how it is doing."
        )

    def _rate(self, indicator: IndicatorMeta, la: LA, year: str) -> dict[str, Any]:
        """A count or money total's rate: its catalogue ``rate`` measure, else per head of children."""
        if indicator.kind not in ("count", "money"):
            return {}
        if indicator.rate_id:
            rate = lookup_indicator(indicator.rate_id)
            y = self.pick_year(rate.id, year)
            value = self.panel(rate.id).cell(la.code, y) if y == year else _MISSING
            return {"rate": value, "rate_unit": rate.unit, "rate_decimals": rate.decimals}
        value, population = (
            self.cell_value(indicator.id, la.code, year),
            self.population(la.code, year, indicator.year_label),
        )
        if not value.ok or value.number is None or not population:
            number: Value = Value(None, State.NOT_AVAILABLE)
        elif indicator.kind == "money":
            number = Value(value.number / population)
        else:
            number = Value(value.number / population * 10_000)
        if indicator.kind == "money":
            return {"rate": number, "rate_unit": "gbp_per_child", "rate_decimals": 0}
        return {"rate": number, "rate_unit": "rate_per_10k", "rate_decimals": 1}

    def cell_value(self, indicator_id: str, area: str, year: str) -> Value:
        return self.panel(indicator_id).cell(area, year)

    def population(self, area: str, year: str, year_label: str) -> float | None:
        """Children aged 0 to 17 in the ONS mid-year estimate nearest before the figure's date.

        A figure at or to 31 March, or in January, of year N takes mid-(N-1); a financial year
        2024-25 or a September figure of 2024 takes mid-2024; the latest earlier estimate otherwise.
        """
        digits = year[:4]
        if not is_digits(digits):
            return None
        want = int(digits) - (1 if year_label in _SPRING and len(year) == 4 else 0)
        p = self.panel("population_0_17")
        for y in sorted((y for y in p.years if is_digits(y) and int(y) <= want), reverse=True):
            v = p.cell(area, y)
            if v.ok and v.number:
                return v.number
        return None

    def profile(
        self, la: LA, year: str | int | None = None, indicator_ids: list[str] | None = None
    ) -> Profile:
        """Every headline indicator (or the ones given) for one LA."""
        ids = indicator_ids or [i.id for i in headline_indicators()]
        if year is not None and not any(self.pick_year(i, year) for i in ids):
            raise UserError(
                f"No published figures for {year}; years available: {self.year_span(ids)}."
            )
        entries = []
        for i in ids:
            e = self.entry(la, i, year)
            if e is None and year is not None:
                # not published for that year yet: kept at its latest earlier year (which the
                # entry says), not silently dropped
                earlier = self.latest_before(i, year)
                e = self.entry(la, i, earlier) if earlier else None
            if e is not None:
                entries.append(e)
        return Profile(la, self.model, entries)

    def latest_before(self, indicator_id: str, year: str | int) -> str | None:
        """The latest year with LA values that ends before ``year`` ends ('2024' < '2025')."""
        want = _year_key(_end(str(year)))[0]
        earlier = [y for y in self.years(indicator_id) if _year_key(_end(y))[0] < want]
        return earlier[-1] if earlier else None

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


_SPRING = {"at 31 March", "year to 31 March", "in January"}
JOINT = "joint return"


def _end(label: str) -> str:
    """'2024-25' -> '2025'; '2025' stays."""
    if len(label) == 7 and label[4] == "-" and is_digits(label[:4]) and is_digits(label[5:]):
        return label[:2] + label[5:]
    return label


def _year_key(label: str) -> tuple[int, str]:
    digits = "".join(ch for ch in label[:4] if is_digits(ch))
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
