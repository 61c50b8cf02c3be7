"""Colours, dash patterns and marker shapes, chosen so a chart still reads in black and white.

Colours are from the GOV.UK Frontend 6 palette that the web service ships (see
``web/static/govuk/VERSION.txt``); each has at least 4.5:1 contrast on white (WCAG AA for text,
more than the 3:1 asked of graphics). Series never differ by colour alone: each also has its own
dash pattern and marker shape, and the legend shows both.
"""

from __future__ import annotations

from dataclasses import dataclass

from lineofsight.charts.svg import el

WHITE = "#ffffff"
TEXT = "#0b0c0c"  # GOV.UK text
SECONDARY = "#484949"  # GOV.UK secondary text
BRAND = "#1d70b8"  # GOV.UK brand blue
PURPLE = "#54319f"  # GOV.UK purple (visited link)
GREEN = "#0f7a52"  # GOV.UK green (success)
BORDER = "#cecece"  # GOV.UK border: gridlines only, never data
LIGHT_BLUE = "#d2e2f1"  # GOV.UK light blue tint: highlight fill behind an outlined bar

DATA_COLOURS = (BRAND, TEXT, PURPLE, SECONDARY, GREEN)


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    dash: str | None  # SVG stroke-dasharray; None is a solid line
    marker: str  # circle | square | triangle | diamond | cross
    width: float


# In order: the council, then its comparators (neighbour median, region, England, ...).
SERIES_STYLES = (
    SeriesStyle(BRAND, None, "circle", 3.5),
    SeriesStyle(TEXT, "8 5", "square", 2.5),
    SeriesStyle(PURPLE, "2 4", "triangle", 2.5),
    SeriesStyle(SECONDARY, "12 4 3 4", "diamond", 2.5),
    SeriesStyle(GREEN, "4 3", "cross", 2.5),
)


def series_style(index: int) -> SeriesStyle:
    return SERIES_STYLES[index % len(SERIES_STYLES)]


def marker(shape: str, x: float, y: float, colour: str, size: float = 5.0, **extra: object) -> str:
    """A marker centred on (x, y), filled white inside a coloured outline so overlaps stay visible."""
    common: dict[str, object] = {
        "fill": WHITE if shape != "cross" else "none",
        "stroke": colour,
        "stroke_width": 2,
        **extra,
    }
    s = size
    if shape == "circle":
        return el("circle", cx=x, cy=y, r=s, **common)
    if shape == "square":
        return el("rect", x=x - s, y=y - s, width=2 * s, height=2 * s, **common)
    if shape == "triangle":
        d = f"M{x:.1f},{y - s * 1.2:.1f}L{x + s * 1.1:.1f},{y + s * 0.9:.1f}L{x - s * 1.1:.1f},{y + s * 0.9:.1f}Z"
        return el("path", d=d, **common)
    if shape == "diamond":
        d = f"M{x:.1f},{y - s * 1.3:.1f}L{x + s:.1f},{y:.1f}L{x:.1f},{y + s * 1.3:.1f}L{x - s:.1f},{y:.1f}Z"
        return el("path", d=d, **common)
    d = f"M{x - s:.1f},{y - s:.1f}L{x + s:.1f},{y + s:.1f}M{x - s:.1f},{y + s:.1f}L{x + s:.1f},{y - s:.1f}"
    return el("path", d=d, **common)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
