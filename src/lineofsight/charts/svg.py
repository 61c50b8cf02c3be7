"""Small building blocks for hand-written SVG: escaped elements, the chart result, number text.

No plotting library: the three chart kinds are small, and writing the markup ourselves keeps
every title, description and data table under our control (accessibility, print, no JavaScript).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from lineofsight.values import State, Value

# The packs' bundled typeface first (Arial's metrics, so labels lay out the same), then the
# GOV.UK stack that browsers use, where the bundled face is not installed.
FONT = "Line of Sight Sans, Arial, Helvetica, sans-serif"
FONT_SIZE = 14  # user units; at the default width this prints at about 10.5 pt on A4
CHAR_WIDTH = 7.6  # a generous average Arial advance at FONT_SIZE, for laying out labels


@dataclass(frozen=True)
class Chart:
    """An SVG chart and the same figures as a table for the "Show data" details beneath it.

    ``svg`` is complete, escaped markup; ``__html__`` lets Jinja2 embed it without re-escaping.
    """

    svg: str
    title: str
    desc: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    def __html__(self) -> str:
        return self.svg

    def __str__(self) -> str:
        return self.svg


def attrs(**values: object) -> str:
    """Attributes as escaped text; ``class_`` becomes ``class``, ``_`` becomes ``-``; None is dropped."""
    out = []
    for key, val in values.items():
        if val is None:
            continue
        name = "class" if key == "class_" else key.rstrip("_").replace("_", "-")
        text = f"{val:.1f}".rstrip("0").rstrip(".") if isinstance(val, float) else str(val)
        out.append(f" {name}={quoteattr(text)}")
    return "".join(out)


def el(tag: str, body: str = "", /, **values: object) -> str:
    """One element; ``body`` is markup already escaped (use :func:`text` for plain text)."""
    if not body:
        return f"<{tag}{attrs(**values)}/>"
    return f"<{tag}{attrs(**values)}>{body}</{tag}>"


def text(content: str) -> str:
    """Plain text escaped for element content."""
    return escape(content)


def svg_root(width: float, height: float, title: str, desc: str, body: str, class_: str) -> str:
    """The outer ``<svg role="img">`` with its title and description, labelled by both."""
    digest = hashlib.sha1(
        f"{title}\x00{desc}\x00{body}".encode(), usedforsecurity=False
    ).hexdigest()[:10]
    ident = f"{class_}-{digest}"  # stable, and distinct for distinct charts on one page
    head = el("title", text(title), id=f"{ident}-t") + el("desc", text(desc), id=f"{ident}-d")
    return el(
        "svg",
        head + body,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {width:.0f} {height:.0f}",
        width=f"{width:.0f}",
        height=f"{height:.0f}",
        role="img",
        aria_labelledby=f"{ident}-t {ident}-d",
        class_=f"los-chart {class_}",
        font_family=FONT,
        font_size=FONT_SIZE,
    )


def state_code(value: Value) -> str:
    """The short DfE code shown at a gap: ``[c]``, ``[x]``; ``[-]`` where nothing was published."""
    return "[" + (value.state.value if value.state is not State.MISSING else "-") + "]"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round axis ticks covering ``low``..``high`` (steps of 1, 2, 2.5 or 5 times a power of ten)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0, 1.0]
    if high < low:
        low, high = high, low
    if high - low < 1e-6:  # one value (or values equal to print precision): pad around it
        pad = max(abs(high) * 0.1, 1.0)
        low, high = low - pad, high + pad
    raw = (high - low) / max(1, count)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step + 1e-9) * step
    ticks = []
    tick = start
    while tick < high + step * 0.999:
        ticks.append(round(tick, 10))
        tick += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def tick_decimals(ticks: list[float]) -> int:
    """Decimals needed so that no two tick labels read the same."""
    for d in range(4):
        if all(abs(t - round(t, d)) < 1e-9 for t in ticks):
            return d
    return 4


def text_width(content: str, size: float = FONT_SIZE) -> float:
    """An estimate of rendered width, enough to leave room for labels."""
    return len(content) * CHAR_WIDTH * size / FONT_SIZE
