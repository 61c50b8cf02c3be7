"""The overview page: what needs attention first, the signatures of risk, and every headline
indicator by theme with the council's own in-year figure beside the published one.

The published rows come from :mod:`.themes` (built once per council); the own-data slot is added
per request.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from lineofsight.reference.las import LA
from lineofsight.values import Value
from lineofsight.web.dashboard.own import OwnFigure, own_values
from lineofsight.web.dashboard.themes import Row, Theme, published_themes
from lineofsight.wording import show

# The leader's guide's signatures of risk, shown as tiles under the attention list.
TILES = (
    "sw_agency_rate_pct",
    "sw_vacancy_rate_pct",
    "sw_turnover_rate_pct",
    "sw_absence_rate_pct",
    "sw_caseload_avg",
    "cpp_rate_per_10k",
    "cla_rate_per_10k",
    "cla_spend_gross",
)  # the high needs position is in the Money block just below (web/finance)
ATTENTION_MAX = 7


@dataclass(frozen=True)
class Tile:
    row: Row
    variation: str  # Making Data Count variation, in words


def attention(la_code: str) -> list[Any]:
    """At most seven judgements with something to ask about, most severe first: the published
    indicators' and the material finance judgements (budget monitoring, the forecast's cost)."""
    from lineofsight.finance.attention import sort_key
    from lineofsight.web.finance.attention import finance_attention

    found = [j for j in _judgements(la_code) if j.severity is not None]
    found = sorted([*finance_attention(la_code), *found], key=sort_key)
    return found[:ATTENTION_MAX]


def _judgements(la_code: str) -> tuple[Any, ...]:
    from lineofsight.web.dashboard.judgements import council_judgements

    return council_judgements(la_code)


def tiles(themes: list[Theme], la_code: str) -> list[Tile]:
    """The signatures of risk, each with its latest value, neighbours and sparkline."""
    rows = {r.entry.indicator.id: r for t in themes for r in t.rows}
    words = {j.indicator_id: j.variation_words for j in _judgements(la_code)}
    return [Tile(rows[i], words.get(i, "")) for i in TILES if i in rows]


def material(own: OwnFigure, published: Value, unit: str) -> bool:
    """The written rule for the own-vs-published tag: more than 5 percentage points apart for a
    percentage, more than 10% of the published figure otherwise (the ``own_vs_published`` signal's
    medium threshold); a published figure that is missing is not a difference."""
    if not own.value.ok or own.value.number is None or not published.ok:
        return False
    if published.number is None:
        return False
    gap = abs(own.value.number - published.number)
    if unit == "percent":
        return gap > 5
    return gap > 0.1 * abs(published.number) if published.number else gap > 0


def own_period(period: str, year_label: str) -> str:
    """A point-in-time count is 'at <date>', not 'year to <date>'."""
    if year_label.startswith("at ") and period.startswith("year to "):
        return "at " + period.removeprefix("year to ")
    return period


def overview(la: LA) -> list[Theme]:
    """Themes of rows for the council, with its own in-year figures where it has any."""
    themes = published_themes(la.code)
    own = own_values(la.code)
    if not own:
        return themes
    out = []
    for theme in themes:
        rows = []
        for row in theme.rows:
            ind = row.entry.indicator
            fig = own.get(ind.id)
            if fig is not None:
                row = replace(
                    row,
                    own=replace(fig, period=own_period(fig.period, ind.year_label)),
                    own_text=show(fig.value, ind),
                    own_differs=material(fig, row.entry.value, ind.unit),
                )
            rows.append(row)
        out.append(Theme(theme.id, theme.label, rows))
    return out
