"""What the Finance page and the overview's Money block show, built from the bundled published
figures and the council's current budget monitoring."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.errors import UserError
from lineofsight.finance.demo import DEMO_LABEL
from lineofsight.finance.monitoring import LineVariance, month_text, total, variances
from lineofsight.finance.published import source_gaps
from lineofsight.finance.signals import monitoring_signals
from lineofsight.reference.las import LA
from lineofsight.signals.model import Signal, sort_signals
from lineofsight.web.dashboard.themes import Row, published_themes
from lineofsight.wording import money, signed_money

# The Money block on the overview: four figures a leader asks about first.
MONEY_BLOCK = (
    "cs_spend_per_child",
    "cla_weekly_unit_cost",
    "residential_weekly_unit_cost",
    "dsg_cumulative_balance_pct",
)


@dataclass(frozen=True)
class VarianceRow:
    label: str
    budget: str
    forecast: str
    variance: str
    variance_pct: str
    movement: str
    actual: str
    over: bool


@dataclass(frozen=True)
class MonitoringView:
    version: int
    uploaded_at: Any
    file_name: str
    financial_year: str
    latest_period: str
    is_demo: bool
    demo_label: str
    rows: list[VarianceRow]
    total: VarianceRow
    signals: list[Signal]
    months: int


def published_rows(la: LA) -> tuple[Row, ...]:
    """The finance theme's rows as the overview builds them (value, neighbours, region, England),
    from the overview's per-council cache of published rows."""
    theme = next((t for t in published_themes(la.code) if t.id == "finance"), None)
    return tuple(theme.rows) if theme else ()


def money_rows(la: LA) -> list[Row]:
    by_id = {r.entry.indicator.id: r for r in published_rows(la)}
    return [by_id[i] for i in MONEY_BLOCK if i in by_id]


def gaps(la: LA) -> list[tuple[str, str, str, str]]:
    """(year, section 251 £, RO3 £, gap %) where the two returns disagree by more than 10%."""
    out = []
    for g in source_gaps(la.code):
        out.append((g.year, money(g.s251), money(g.ro3), f"{g.gap_pct:.0f}%"))
    return out


def _signed(number: float | None) -> str:
    if number is None:
        return "Not known"
    return signed_money(number)


def variance_row(v: LineVariance) -> VarianceRow:
    pct = v.variance_pct
    return VarianceRow(
        label=v.label,
        budget=money(v.budget),
        forecast=money(v.forecast),
        variance=_signed(v.variance),
        variance_pct="" if pct is None else f"{pct:+.1f}%",
        movement="First month" if v.movement is None else _signed(v.movement),
        actual="Not given" if v.actual is None else money(v.actual),
        over=v.variance > 0,
    )


def monitoring_view(la: LA, stored: Any, parsed: Any) -> MonitoringView:
    lines = variances(parsed)
    return MonitoringView(
        version=stored.version,
        uploaded_at=stored.uploaded_at,
        file_name=stored.file_name,
        financial_year=parsed.financial_year,
        latest_period=month_text(parsed.latest),
        is_demo=stored.is_demo,
        demo_label=DEMO_LABEL,
        rows=[variance_row(v) for v in lines],
        total=variance_row(total(lines)),
        signals=sort_signals(monitoring_signals(parsed, la, get_benchmark())),
        months=len(parsed.periods),
    )


@dataclass(frozen=True)
class MoneyBlock:
    rows: list[Row]
    monitoring: MonitoringView | None
    mix: Any = None  # MixView: what drives cost, when a placement mix is kept


def finance_block(la_code: str) -> MoneyBlock | None:
    """The overview's Money block: four published figures and the monitoring position."""
    from lineofsight.web.finance.store import current

    try:
        la = get_benchmark().registry.get(la_code)
    except (KeyError, UserError):
        return None
    found = current(la_code)
    rows = money_rows(la)
    if not rows and found is None:
        return None
    return MoneyBlock(rows, monitoring_view(la, *found) if found else None, mix_view(la_code))


MIX_DEMO_LABEL = "Synthetic 903 returns made for the demo, not the council's real children"


@dataclass(frozen=True)
class MixView:
    """The 'What drives cost' section: the placement mix with disclosure control applied."""

    period: str
    sentence: str
    rows: list[tuple[str, str, str, str, str]]
    sources: list[tuple[str, str]]
    source: str
    is_demo: bool
    demo_label: str
    suppressed: bool  # whether any figure is shown as c


def mix_view(la_code: str) -> MixView | None:
    """The kept placement mix priced and disclosed, or None before any was kept."""
    from lineofsight.finance.drivers import disclosed, highest_sentence, period_text, table_rows
    from lineofsight.web.finance.store import current_mix

    found = current_mix(la_code)
    if found is None:
        return None
    row, exact = found
    d = disclosed(exact)
    rows = table_rows(d)
    return MixView(
        period=period_text(d),
        sentence=highest_sentence(d),
        rows=rows,
        sources=[(g.name, g.cost_source) for g in d.groups],
        source=row.source,
        is_demo=row.synthetic,
        demo_label=MIX_DEMO_LABEL,
        suppressed=any("c" in r[1:] for r in rows),
    )
