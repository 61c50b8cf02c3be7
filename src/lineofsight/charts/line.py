"""Time-series line chart: the council against its neighbour median, region and England.

A year without a figure (suppressed, not available, not published) breaks the line and is
marked at the foot of the chart with its DfE code; it is never drawn as zero.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lineofsight.charts.describe import describe_lines
from lineofsight.charts.style import BORDER, TEXT, WHITE, marker, series_style
from lineofsight.charts.svg import (
    FONT_SIZE,
    Chart,
    el,
    nice_ticks,
    state_code,
    svg_root,
    text,
    text_width,
    tick_decimals,
)
from lineofsight.values import LABELS, State, Value, is_digits
from lineofsight.wording.numbers import fmt_value


@dataclass(frozen=True)
class Series:
    """One line: a name for the legend and (year label, value) pairs, oldest first."""

    name: str
    points: Sequence[tuple[str, Value]]


def year_key(label: str) -> tuple[int, str]:
    digits = "".join(ch for ch in label[:4] if is_digits(ch))
    return (int(digits) if digits else 0, label)


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    decimals: int = 1,
    unit: str = "",
    measure: str = "figure",
    axis_label: str = "",
    year_heading: str = "Year",
    width: int = 640,
    plot_height: int = 220,
) -> Chart:
    """Draw the series (the first is the council, drawn heaviest) over the union of their years."""
    years = sorted({y for s in series for y, _ in s.points}, key=year_key)
    lookup = [dict(s.points) for s in series]
    full = [[(y, d.get(y, Value.missing())) for y in years] for d in lookup]
    desc = describe_lines([s.name for s in series], full, decimals, unit, measure)

    numbers = [v.number for pts in full for _, v in pts if v.ok and v.number is not None]
    if numbers:
        low, high = min(numbers), max(numbers)
        if low >= 0 and low <= 0.5 * high:
            low = 0.0
        ticks = nice_ticks(low, high)
    else:
        ticks = [0.0, 1.0]
    tdec = tick_decimals(ticks)
    tick_text = [f"{t:,.{tdec}f}" for t in ticks]

    top = 34 if axis_label else 16
    left = max(text_width(t) for t in tick_text) + 14
    right = 20.0
    plot_w = width - left - right
    bottom_axis = top + plot_height
    y_lo, y_hi = ticks[0], ticks[-1]

    def ypos(v: float) -> float:
        return bottom_axis - (v - y_lo) / (y_hi - y_lo) * plot_height

    pad = 24.0
    step = (plot_w - 2 * pad) / (len(years) - 1) if len(years) > 1 else 0.0

    def xpos(i: int) -> float:
        return left + pad + i * step if len(years) > 1 else left + plot_w / 2

    parts: list[str] = []
    if axis_label:
        parts.append(el("text", text(axis_label), x=0, y=FONT_SIZE, fill=TEXT, class_="axis-label"))
    grid = []
    for t, label in zip(ticks, tick_text, strict=True):
        y = ypos(t)
        grid.append(el("line", x1=left, x2=width - right, y1=y, y2=y, stroke=BORDER))
        grid.append(el("text", text(label), x=left - 8, y=y + 5, text_anchor="end", fill=TEXT))
    parts.append(el("g", "".join(grid), class_="y-axis"))
    parts.append(el("line", x1=left, x2=width - right, y1=bottom_axis, y2=bottom_axis, stroke=TEXT))
    label_every = 1 if len(years) <= 10 else 2
    xlabels = [
        el("text", text(y), x=xpos(i), y=bottom_axis + 22, text_anchor="middle", fill=TEXT)
        for i, y in enumerate(years)
        if i % label_every == 0 or i == len(years) - 1
    ]
    parts.append(el("g", "".join(xlabels), class_="x-axis"))

    # Draw comparators first so the council's line sits on top.
    for si in reversed(range(len(series))):
        parts.append(
            _draw_series(si, series[si].name, full[si], xpos, ypos, bottom_axis, decimals, unit)
        )
    if not numbers:
        parts.append(
            el(
                "text",
                text("No published figures for these years"),
                x=left + plot_w / 2,
                y=top + plot_height / 2,
                text_anchor="middle",
                fill=TEXT,
            )
        )

    legend, legend_h = _legend([s.name for s in series], left, bottom_axis + 44, width - right)
    parts.append(legend)
    height = bottom_axis + 44 + legend_h
    svg = svg_root(width, height, title, desc, "".join(parts), "line-chart")

    columns = [year_heading, *[s.name for s in series]]
    rows = [
        [y, *[fmt_value(full[si][i][1], decimals, unit) for si in range(len(series))]]
        for i, y in enumerate(years)
    ]
    return Chart(svg, title, desc, columns, rows)


def _draw_series(
    si: int,
    name: str,
    points: list[tuple[str, Value]],
    xpos: Callable[[int], float],
    ypos: Callable[[float], float],
    bottom_axis: float,
    decimals: int,
    unit: str,
) -> str:
    style = series_style(si)
    segments: list[list[tuple[float, float]]] = [[]]
    marks: list[str] = []
    for i, (year, value) in enumerate(points):
        if value.ok and value.number is not None:
            x, y = xpos(i), ypos(value.number)
            segments[-1].append((x, y))
            tip = f"{name}, {year}: {fmt_value(value, decimals, unit)}"
            marks.append(
                el(
                    "g",
                    el("title", text(tip))
                    + marker(style.marker, x, y, style.colour, 4.5 if si else 5.5),
                    class_="point",
                    data_year=year,
                )
            )
        else:
            if segments[-1]:
                segments.append([])
            label = LABELS[value.state] or LABELS[State.MISSING]
            gy = bottom_axis - 8 - 17 * si
            marks.append(
                el(
                    "g",
                    el("title", text(f"{name}, {year}: {label}"))
                    + el(
                        "text",
                        text(state_code(value)),
                        x=xpos(i),
                        y=gy,
                        text_anchor="middle",
                        font_size=12,
                        fill=style.colour,
                        stroke=WHITE,
                        stroke_width=3,
                        paint_order="stroke",
                    ),
                    class_="gap",
                    data_year=year,
                )
            )
    lines = [
        el(
            "polyline",
            points=" ".join(f"{x:.1f},{y:.1f}" for x, y in seg),
            fill="none",
            stroke=style.colour,
            stroke_width=style.width,
            stroke_dasharray=style.dash,
            stroke_linejoin="round",
            class_="line",
        )
        for seg in segments
        if len(seg) >= 2
    ]
    return el("g", "".join(lines) + "".join(marks), class_="series", data_series=name)


def _legend(names: list[str], left: float, top: float, right: float) -> tuple[str, float]:
    """Legend entries (a line sample with dash and marker, then the name), wrapping onto rows."""
    entries = []
    x, y = left, top
    for si, name in enumerate(names):
        style = series_style(si)
        w = 44 + text_width(name) + 24
        if x > left and x + w > right:
            x, y = left, y + 24
        sample = el(
            "line",
            x1=x,
            x2=x + 36,
            y1=y - 5,
            y2=y - 5,
            stroke=style.colour,
            stroke_width=style.width,
            stroke_dasharray=style.dash,
        ) + marker(style.marker, x + 18, y - 5, style.colour, 4.5)
        entries.append(
            el("g", sample + el("text", text(name), x=x + 44, y=y, fill=TEXT), class_="legend-item")
        )
        x += w
    return el("g", "".join(entries), class_="legend"), (y - top) + 16
