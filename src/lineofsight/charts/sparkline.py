"""A sparkline: the shape of one council's last few years, small enough for a table cell.

It has no axes, so its own title and description carry the figures; the latest point is marked
and missing years break the line, as in the full chart.
"""

from __future__ import annotations

from collections.abc import Sequence

from lineofsight.charts.describe import known, movement
from lineofsight.charts.style import BRAND, TEXT
from lineofsight.charts.svg import Chart, el, svg_root
from lineofsight.values import Value
from lineofsight.wording.numbers import fmt_value

WIDTH = 120
HEIGHT = 36
PAD = 5.0


def sparkline(
    points: Sequence[tuple[str, Value]],
    *,
    title: str,
    decimals: int = 1,
    unit: str = "",
    year_heading: str = "Year",
) -> Chart:
    """Draw ``points`` (oldest first); ``title`` should say what and where, e.g. the indicator and council."""
    vals = known(points)
    years = [y for y, _ in points]
    desc = movement(points, decimals, unit)
    if len(vals) >= 2 and " in both " not in desc:
        desc = f"{desc[0].upper()}{desc[1:]} between {vals[0][0]} and {vals[-1][0]}"
    elif not vals:  # nothing to describe but the gap
        desc = "No published figure" + (f" from {years[0]} to {years[-1]}" if years else "")
    else:
        desc = desc[0].upper() + desc[1:]
    gaps = [y for y, v in points if not v.ok]
    if gaps and vals:
        desc += f"; no figure for {', '.join(gaps)}"
    desc += "."

    numbers = [v for _, v in vals]
    lo, hi = (min(numbers), max(numbers)) if numbers else (0.0, 1.0)
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    step = (WIDTH - 2 * PAD) / (len(points) - 1) if len(points) > 1 else 0.0

    def xy(i: int, v: float) -> tuple[float, float]:
        x = PAD + i * step if len(points) > 1 else WIDTH / 2
        return x, HEIGHT - PAD - (v - lo) / (hi - lo) * (HEIGHT - 2 * PAD)

    segments: list[list[tuple[float, float]]] = [[]]
    for i, (_, value) in enumerate(points):
        if value.ok and value.number is not None:
            segments[-1].append(xy(i, value.number))
        elif segments[-1]:
            segments.append([])
    body = "".join(
        el(
            "polyline",
            points=" ".join(f"{x:.1f},{y:.1f}" for x, y in seg),
            fill="none",
            stroke=BRAND,
            stroke_width=2,
            stroke_linejoin="round",
            class_="line",
        )
        for seg in segments
        if len(seg) >= 2
    )
    for i, (_, value) in enumerate(points):
        if value.ok and value.number is not None:
            x, y = xy(i, value.number)
            last = i == max(j for j, (_, v) in enumerate(points) if v.ok)
            body += el(
                "circle",
                cx=x,
                cy=y,
                r=3.5 if last else 2,
                fill=TEXT if last else BRAND,
                class_="point last" if last else "point",
            )
    svg = svg_root(WIDTH, HEIGHT, title, desc, body, "sparkline")
    rows = [[y, fmt_value(v, decimals, unit)] for y, v in points]
    return Chart(svg, title, desc, [year_heading, "Value"], rows)
