"""Compare: chosen councils side by side on chosen indicators, each in its latest published year.

The choice comes from a GET form, so a comparison is a link people can share and needs no
JavaScript. Bad choices (an unknown council or indicator, too many) are reported as a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.errors import UserError
from lineofsight.indicators.meta import IndicatorMeta, headline_indicators, lookup_indicator
from lineofsight.reference.las import LA
from lineofsight.wording import show, year_phrase

MAX_COUNCILS = 12
MAX_INDICATORS = 20
DEFAULT_INDICATORS = (
    "cla_rate_per_10k",
    "cin_rate_per_10k",
    "cpp_rate_per_10k",
    "rereferrals_12m_pct",
    "sw_agency_rate_pct",
)


@dataclass(frozen=True)
class Cell:
    text: str
    band: str | None


@dataclass(frozen=True)
class Line:
    indicator: IndicatorMeta
    year: str
    cells: list[Cell]
    england: str


@dataclass
class Comparison:
    councils: list[LA]
    indicators: list[IndicatorMeta]
    lines: list[Line] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field id, message)


def choices() -> tuple[list[LA], list[IndicatorMeta]]:
    """Every current council (by name) and every headline indicator (catalogue order)."""
    b = get_benchmark()
    las = sorted(b.registry.current(), key=lambda la: la.name)
    return las, [i for i in headline_indicators() if i.unit != "judgement"]


def compare(home: LA, la_codes: list[str], indicator_ids: list[str]) -> Comparison:
    """Validate the choice (defaults: the council, three neighbours, five headline indicators)."""
    b = get_benchmark()
    errors: list[tuple[str, str]] = []
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
        errors.append(("la", f"Choose {MAX_COUNCILS} councils or fewer."))
        councils = councils[:MAX_COUNCILS]
    indicators = []
    for ident in dict.fromkeys(indicator_ids):
        try:
            indicators.append(lookup_indicator(ident))
        except UserError as exc:
            errors.append(("indicator", exc.message))
    if len(indicators) > MAX_INDICATORS:
        errors.append(("indicator", f"Choose {MAX_INDICATORS} indicators or fewer."))
        indicators = indicators[:MAX_INDICATORS]
    result = Comparison(councils, indicators, errors=errors)
    for ind in indicators:
        try:
            year = b.pick_year(ind.id, None)
        except UserError as exc:
            errors.append(("indicator", exc.message))
            continue
        if year is None:
            continue
        entries = [b.entry(la, ind.id, year) for la in councils]
        cells = [
            Cell(show(e.value, ind), e.band) if e else Cell("not published", None) for e in entries
        ]
        england = next((e.england for e in entries if e), None)
        result.lines.append(
            Line(
                ind, year_phrase(ind.year_label, year), cells, show(england, ind) if england else ""
            )
        )
    return result
