"""Fan chart: the published (or recorded) figures, then the forecast with its 80% and 95% bands.

Drawn like the other charts (:mod:`lineofsight.charts`): hand-written SVG with a title, a
description that says the forecast in words, and the same figures as a table. The bands are told
apart by more than colour: each is labelled at its right-hand end, and the forecast line is dashed
with square markers where the recorded line is solid with circles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lineofsight.charts import Chart
from lineofsight.charts.style import BORDER, BRAND, LIGHT_BLUE, TEXT, WHITE, marker
from lineofsight.charts.svg import (
    FONT_SIZE,
    el,
    nice_ticks,
    svg_root,
    text,
    text_width,
    tick_decimals,
)
from lineofsight.wording import fmt_number

BAND_80 = "#8fb8de"  # a darker tint of GOV.UK brand blue, on the light 95% band
FORECAST = TEXT


@dataclass(frozen=True)
class FanPoint:
    label: str
    value: float
    low80: float
    high80: float
    low95: float
    high95: float


def fan_chart(
    history: Sequence[tuple[str, float]],
    ahead: Sequence[FanPoint],
    *,
    title: str,
    measure: str,
    unit: str = "",
    decimals: int = 0,
    width: int = 640,
    plot_height: int = 220,
    label_every: int | None = None,
) -> Chart:
    """History then forecast on one axis; the last recorded point joins the forecast line."""
    labels = [h[0] for h in history] + [p.label for p in ahead]
    values = [v for _, v in history] + [b for p in ahead for b in (p.low95, p.high95, p.value)]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if low >= 0 and low <= 0.5 * high:
        low = 0.0
    ticks = nice_ticks(low, high)
    tdec = tick_decimals(ticks)
    tick_text = [fmt_number(t, tdec, unit) for t in ticks]
    top, right = 16.0, 44.0
    left = max(text_width(t) for t in tick_text) + 14
    plot_w = width - left - right
    bottom = top + plot_height
    pad = 16.0
    n = len(labels)
    step = (plot_w - 2 * pad) / (n - 1) if n > 1 else 0.0

    def x(i: int) -> float:
        return left + pad + i * step if n > 1 else left + plot_w / 2

    def y(v: float) -> float:
        return bottom - (v - ticks[0]) / (ticks[-1] - ticks[0]) * plot_height

    parts: list[str] = []
    grid = []
    for t, lab in zip(ticks, tick_text, strict=True):
        grid.append(el("line", x1=left, x2=width - right, y1=y(t), y2=y(t), stroke=BORDER))
        grid.append(el("text", text(lab), x=left - 8, y=y(t) + 5, text_anchor="end", fill=TEXT))
    parts.append(el("g", "".join(grid), class_="y-axis"))
    parts.append(el("line", x1=left, x2=width - right, y1=bottom, y2=bottom, stroke=TEXT))
    every = label_every or (1 if n <= 12 else max(2, n // 8))
    xl = [
        el("text", text(lab), x=x(i), y=bottom + 22, text_anchor="middle", fill=TEXT)
        for i, lab in enumerate(labels)
        if i % every == 0 or i == n - 1
    ]
    parts.append(el("g", "".join(xl), class_="x-axis"))
    h = len(history)
    if ahead:
        # bands start from the last recorded point (no uncertainty there)
        anchor = [(h - 1, history[-1][1], history[-1][1])] if history else []
        for lo_key, hi_key, fill, name in (
            ("low95", "high95", LIGHT_BLUE, "95%"),
            ("low80", "high80", BAND_80, "80%"),
        ):
            upper = anchor + [
                (h + i, getattr(p, lo_key), getattr(p, hi_key)) for i, p in enumerate(ahead)
            ]
            poly = [f"{x(i):.1f},{y(hi):.1f}" for i, _, hi in upper]
            poly += [f"{x(i):.1f},{y(lo):.1f}" for i, lo, _ in reversed(upper)]
            parts.append(
                el("polygon", points=" ".join(poly), fill=fill, class_=f"band-{name[:-1]}")
            )
            last = ahead[-1]
            mid = (getattr(last, lo_key) + getattr(last, hi_key)) / 2
            yy = y(getattr(last, hi_key)) + FONT_SIZE if name == "95%" else y(mid) + 5
            parts.append(el("text", text(name), x=x(n - 1) + 8, y=yy, fill=TEXT))
    if history:
        pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_, v) in enumerate(history))
        parts.append(el("polyline", points=pts, fill="none", stroke=BRAND, stroke_width=3))
        parts += [marker("circle", x(i), y(v), BRAND) for i, (_, v) in enumerate(history)]
    if ahead:
        start = [(h - 1, history[-1][1])] if history else []
        line = start + [(h + i, p.value) for i, p in enumerate(ahead)]
        pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in line)
        parts.append(
            el(
                "polyline",
                points=pts,
                fill="none",
                stroke=FORECAST,
                stroke_width=2.5,
                stroke_dasharray="8 5",
            )
        )
        parts += [marker("square", x(h + i), y(p.value), FORECAST) for i, p in enumerate(ahead)]
    # legend
    ly = bottom + 48
    legend = [
        el("line", x1=left, x2=left + 28, y1=ly - 5, y2=ly - 5, stroke=BRAND, stroke_width=3),
        marker("circle", left + 14, ly - 5, BRAND),
        el("text", text("Recorded"), x=left + 36, y=ly, fill=TEXT),
        el(
            "line",
            x1=left + 130,
            x2=left + 158,
            y1=ly - 5,
            y2=ly - 5,
            stroke=FORECAST,
            stroke_width=2.5,
            stroke_dasharray="8 5",
        ),
        marker("square", left + 144, ly - 5, FORECAST),
        el("text", text("Forecast"), x=left + 166, y=ly, fill=TEXT),
        el("rect", x=left + 260, y=ly - 12, width=20, height=14, fill=BAND_80, stroke=TEXT),
        el("text", text("80% interval"), x=left + 286, y=ly, fill=TEXT),
        el("rect", x=left + 400, y=ly - 12, width=20, height=14, fill=LIGHT_BLUE, stroke=TEXT),
        el("text", text("95% interval"), x=left + 426, y=ly, fill=TEXT),
    ]
    parts.append(el("g", "".join(legend), class_="legend"))
    height = ly + 16
    desc = describe_fan(history, ahead, measure, unit, decimals)
    svg = svg_root(
        width,
        height,
        title,
        desc,
        el("rect", width=width, height=height, fill=WHITE) + "".join(parts),
        "fan-chart",
    )
    columns = ["Period", "Recorded", "Forecast", "80% interval", "95% interval"]
    rows = [[lab, fmt_number(v, decimals, unit), "", "", ""] for lab, v in history]
    rows += [
        [
            p.label,
            "",
            fmt_number(p.value, decimals, unit),
            f"{fmt_number(p.low80, decimals, unit)} to {fmt_number(p.high80, decimals, unit)}",
            f"{fmt_number(p.low95, decimals, unit)} to {fmt_number(p.high95, decimals, unit)}",
        ]
        for p in ahead
    ]
    return Chart(svg, title, desc, columns, rows)


def describe_fan(
    history: Sequence[tuple[str, float]],
    ahead: Sequence[FanPoint],
    measure: str,
    unit: str = "",
    decimals: int = 0,
) -> str:
    """The sentence under the chart: where the figure was, where it is forecast to be, how sure."""
    if not ahead:
        return f"No forecast of {measure}: there is no recorded figure to start from."
    last = ahead[-1]

    def f(v: float) -> str:
        return fmt_number(v, decimals, unit)

    start = (
        f"{measure[0].upper()}{measure[1:]} was {f(history[-1][1])} in {history[-1][0]}; "
        if history
        else ""
    )
    return (
        f"{start}the forecast for {last.label} is {f(last.value)}, with an 80% chance of between "
        f"{f(last.low80)} and {f(last.high80)} and a 95% chance of between {f(last.low95)} and "
        f"{f(last.high95)}."
    )
