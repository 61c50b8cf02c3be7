"""The quartet pack's forecast: children looked after one to three years ahead from the published
series, with the 80% interval, a sentence, a small table, and what the forecast cannot tell.

Why in the pack: the leader's budget and the director's sufficiency plan both start from how many
children the council will look after next year. The figures are the Forecast page's
(:mod:`lineofsight.forecast.published`), so the pack and the page say the same thing.
"""

from __future__ import annotations

from lineofsight.forecast.published import backtest, forecast
from lineofsight.packs.context import PackContext
from lineofsight.packs.model import Block, Paragraph, Section, Table
from lineofsight.wording import fmt_number

SERIES = "cla_count"


def _n(number: float) -> str:
    return fmt_number(number, 0)


def _record_sentence() -> str:
    """How this forecast has done before, from the backtest on all councils' published series."""
    one = {s.method: s for s in backtest(SERIES) if s.horizon == 1}
    ours, same = one.get("pooled"), one.get("last_year")
    if ours is None or same is None:
        return ""
    return (
        f"Tested on every council's published figures from earlier years, forecasts made this way "
        f"one year ahead missed by {ours.mape:.1f}% on average ('same as last year' missed by "
        f"{same.mape:.1f}%), and the 80% interval held the outcome {ours.coverage[80]:.0f}% of "
        "the time."
    )


def forecast_section(ctx: PackContext) -> Section:
    """A sentence, a three-year table with the 80% interval, and what it cannot tell."""
    f = forecast(ctx.la.code, SERIES)
    if not f.ahead or not f.history:
        return Section(
            "forecast",
            "Children looked after: forecast",
            (
                Paragraph(
                    f"No forecast of children looked after for {ctx.la.name}: no figure was "
                    "published for the latest year.",
                    "empty",
                ),
            ),
        )
    last_year, last = f.history[-1]
    nxt = f.ahead[0]
    interval = f" (80% interval {_n(nxt.low[80])} to {_n(nxt.high[80])})" if 80 in nxt.low else ""
    blocks: list[Block] = [
        Paragraph(
            f"On its published figures, {ctx.la.name} would look after about {_n(nxt.value)} "
            f"children at 31 March {nxt.year}{interval}, against {_n(last)} at 31 March "
            f"{last_year}: the recent trend carried forward, damped and shrunk towards its "
            "statistical neighbours'."
        ),
        Table(
            caption="Children looked after at 31 March: published and forecast",
            columns=("At 31 March", "Children looked after", "80% interval"),
            rows=(
                *((str(y), _n(v), "Published") for y, v in f.history[-2:]),
                *(
                    (
                        str(p.year),
                        f"{_n(p.value)} (forecast)",
                        f"{_n(p.low[80])} to {_n(p.high[80])}" if 80 in p.low else "Not given",
                    )
                    for p in f.ahead
                ),
            ),
            numeric=(False, True, True),
            widths=(30, 35, 35),
        ),
        Paragraph(
            "What it cannot tell: a forecast carries the recent past forward, so it cannot see a "
            "change in policy, practice or demand (a new edge-of-care service, a rise in "
            "unaccompanied children); it does not say which placements the children will need or "
            "what they will cost, and it is not a target. One year in five the outcome should fall "
            "outside the 80% interval. " + _record_sentence()
        ),
    ]
    return Section("forecast", "Children looked after: forecast", tuple(blocks))
