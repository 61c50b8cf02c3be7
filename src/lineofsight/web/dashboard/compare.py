"""Compare: chosen councils side by side on chosen indicators, each in its latest published year.

The choice comes from a GET form of checkboxes (councils grouped by region, indicators by theme),
so a comparison is a link people can share and needs no JavaScript. Two presets choose the
councils in one step: the council's statistical neighbours, or the councils in its region. Each
indicator also shows the council's neighbour median, its region and England, and a bar chart
of the chosen councils (with its data as a table). Bad choices are reported as a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lineofsight.benchmark.engine import Entry, get_benchmark
from lineofsight.benchmark.export import comparison_sheet as sheet_of
from lineofsight.charts import Chart, bar_chart
from lineofsight.errors import UserError
from lineofsight.exports.xlsx import Sheet
from lineofsight.indicators.meta import IndicatorMeta, headline_indicators, lookup_indicator
from lineofsight.reference.las import LA
from lineofsight.values import Value
from lineofsight.wording import show, year_phrase

MAX_COUNCILS = 40  # London, the largest region, has 33 councils
MAX_INDICATORS = 20
DEFAULT_INDICATORS = (
    "cla_rate_per_10k",
    "cin_rate_per_10k",
    "cpp_rate_per_10k",
    "rereferrals_12m_pct",
    "sw_agency_rate_pct",
)
PRESETS = {
    "neighbours": "Your council and its statistical neighbours",
    "region": "Councils in your region",
}


@dataclass(frozen=True)
class Cell:
    text: str
    band: str | None


@dataclass(frozen=True)
class Line:
    indicator: IndicatorMeta
    year: str
    cells: list[Cell]
    median: str  # the home council's statistical neighbour median
    region: str  # the home council's region
    england: str
    entries: list[Entry] = field(default_factory=list)  # one per chosen council with figures
    chart: Chart | None = None


@dataclass
class Comparison:
    home: LA
    councils: list[LA]
    indicators: list[IndicatorMeta]
    lines: list[Line] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field id, message)
    preset: str = ""

    @property
    def entries(self) -> list[Entry]:
        """Every council's entry, indicator by indicator (the rows of the downloads)."""
        return [e for line in self.lines for e in line.entries]


def choices() -> tuple[list[LA], list[IndicatorMeta]]:
    """Every current council (by name) and every headline indicator (catalogue order)."""
    b = get_benchmark()
    las = sorted(b.registry.current(), key=lambda la: la.name)
    return las, [i for i in headline_indicators() if i.unit != "judgement"]


def by_region(councils: list[LA]) -> list[tuple[str, list[LA]]]:
    """Councils grouped by region, regions in name order."""
    groups: dict[str, list[LA]] = {}
    for la in councils:
        groups.setdefault(la.region_name, []).append(la)
    return sorted(groups.items())


def preset_codes(home: LA, preset: str) -> list[str]:
    """The councils a preset chooses, the home council first."""
    b = get_benchmark()
    if preset == "neighbours":
        return [home.code, *b.neighbours.get(home.code, [])]
    if preset == "region":
        same = sorted(
            (la for la in b.registry.current() if la.region_code == home.region_code),
            key=lambda la: la.name,
        )
        return [home.code, *(la.code for la in same if la.code != home.code)]
    return []


def compare(
    home: LA, la_codes: list[str], indicator_ids: list[str], preset: str = ""
) -> Comparison:
    """Validate the choice (defaults: the council, three neighbours, five headline indicators)."""
    b = get_benchmark()
    errors: list[tuple[str, str]] = []
    if preset and preset not in PRESETS:
        errors.append(("la", "Select statistical neighbours or your region, or choose councils."))
        preset = ""
    if preset:
        la_codes = preset_codes(home, preset)
    if not la_codes:
        la_codes = [home.code, *b.neighbours.get(home.code, [])[:3]]
    if not indicator_ids:
        indicator_ids = list(DEFAULT_INDICATORS)
    current = {la.code: la for la in b.registry.current()}
    councils = []
    for code in dict.fromkeys(la_codes):
        if code in current:
            councils.append(current[code])
        else:
            errors.append(("la", f"'{code}' is not a council in the list: choose from the list."))
    if len(councils) > MAX_COUNCILS:
        errors.append(("la", f"Select {MAX_COUNCILS} councils or fewer."))
        councils = councils[:MAX_COUNCILS]
    indicators = []
    for ident in dict.fromkeys(indicator_ids):
        try:
            indicators.append(lookup_indicator(ident))
        except UserError as exc:
            errors.append(("indicator", exc.message))
    if len(indicators) > MAX_INDICATORS:
        errors.append(("indicator", f"Select {MAX_INDICATORS} indicators or fewer."))
        indicators = indicators[:MAX_INDICATORS]
    result = Comparison(home, councils, indicators, errors=errors, preset=preset)
    for ind in indicators:
        try:
            year = b.pick_year(ind.id, None)
        except UserError as exc:
            errors.append(("indicator", exc.message))
            continue
        if year is None:
            continue
        result.lines.append(_line(home, councils, ind, year))
    return result


def _line(home: LA, councils: list[LA], ind: IndicatorMeta, year: str) -> Line:
    b = get_benchmark()
    entries = [b.entry(la, ind.id, year) for la in councils]
    cells = [
        Cell(show(e.value, ind), e.band) if e else Cell("not published", None) for e in entries
    ]
    mine = b.entry(home, ind.id, year)
    england = mine.england if mine else b.cell_value(ind.id, "E92000001", year)
    phrase = year_phrase(ind.year_label, year)
    chart = None
    shown = [(la.name, e.value) for la, e in zip(councils, entries, strict=True) if e]
    if ind.unit != "judgement" and shown:
        focus = next((s for s in shown if s[0] == home.name), shown[0])
        others = [s for s in shown if s is not focus]
        chart = bar_chart(
            focus,
            others,
            title=f"{ind.title}: the chosen councils, {phrase}",
            year=year,
            decimals=ind.decimals,
            unit=ind.unit,
            reference=("England", england),
            polarity=ind.polarity,
        )
    missing = Value.missing()
    return Line(
        ind,
        phrase,
        cells,
        median=show(mine.neighbours_median if mine else missing, ind),
        region=show(mine.region if mine else missing, ind),
        england=show(england, ind),
        entries=[e for e in entries if e is not None],
        chart=chart,
    )


def comparison_sheet(home: LA, result: Comparison) -> Sheet:
    """The page's table for the workbook (see ``benchmark.export.comparison_sheet``)."""
    b = get_benchmark()
    chosen = {c.code for c in result.councils}
    home_entries = {}
    if home.code not in chosen:
        for line in result.lines:
            e = b.entry(home, line.indicator.id)
            if e is not None:
                home_entries[line.indicator.id] = e
    return sheet_of(home, result.councils, result.entries, home_entries)
