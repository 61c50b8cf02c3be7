"""Horizontal bar chart of the council among its statistical neighbours, England as a reference line.

Bars are sorted from highest to lowest; councils without a figure are listed last with the reason
in words instead of a bar. The council is picked out three ways that survive black-and-white
printing: a dark solid bar (neighbours are pale with an outline), a bold label, and its position
called out in the description.
"""

from __future__ import annotations

from collections.abc import Sequence

from lineofsight.charts.describe import describe_bars
from lineofsight.charts.style import BORDER, BRAND, LIGHT_BLUE, SECONDARY, TEXT, WHITE
from lineofsight.charts.svg import (
    Chart,
    el,
    nice_ticks,
    svg_root,
    text,
    text_width,
    tick_decimals,
)
from lineofsight.values import Value
from lineofsight.wording.numbers import fmt_value

ROW = 28.0
BAR = 18.0


def bar_chart(
    focus: tuple[str, Value],
    others: Sequence[tuple[str, Value]],
    *,
    title: str,
    year: str,
    decimals: int = 1,
    unit: str = "",
    reference: tuple[str, Value] | None = None,
    polarity: str = "neither",
    width: int = 640,
    note: str = "",
) -> Chart:
    """Draw one bar per council (``focus`` highlighted) and, if it has a figure, the reference line.

    ``note`` (a sentence, e.g. why a council is left out) ends the description, so the text
    alternative and the caption say it as well as the page."""
    desc = describe_bars(focus[0], focus[1], others, reference, decimals, unit, year, polarity)
    if note:
        desc = f"{desc} {note}"
    rows = [(name, value, i == 0) for i, (name, value) in enumerate([focus, *others])]
    with_value = sorted((r for r in rows if r[1].ok), key=lambda r: -(r[1].number or 0.0))
    without = [r for r in rows if not r[1].ok]
    ordered = with_value + without

    ref_value = reference[1].number if reference and reference[1].ok else None
    numbers = [r[1].number for r in with_value if r[1].number is not None]
    span = [*numbers, 0.0] + ([ref_value] if ref_value is not None else [])
    ticks = nice_ticks(min(span), max(span), 4) if numbers else [0.0, 1.0]
    tdec = tick_decimals(ticks)

    label_w = max(text_width(name) * 1.08 for name, _, _ in ordered) + 14
    shown_values = [text_width(fmt_value(v, decimals, unit)) for _, v, _ in with_value]
    value_w = max(shown_values, default=0.0) + 12
    top = 40.0 if ref_value is not None else 12.0
    left = label_w
    right = width - max(value_w, 24.0)
    lo, hi = ticks[0], ticks[-1]

    def xpos(v: float) -> float:
        return left + (v - lo) / (hi - lo) * (right - left)

    zero = xpos(0.0)
    parts: list[str] = []
    bottom = top + ROW * len(ordered)
    grid = []
    for t in ticks:
        x = xpos(t)
        grid.append(el("line", x1=x, x2=x, y1=top, y2=bottom, stroke=BORDER))
        grid.append(
            el("text", text(f"{t:,.{tdec}f}"), x=x, y=bottom + 20, text_anchor="middle", fill=TEXT)
        )
    parts.append(el("g", "".join(grid), class_="x-axis"))

    for i, (name, value, is_focus) in enumerate(ordered):
        y = top + ROW * i
        mid = y + ROW / 2
        label = el(
            "text",
            text(name),
            x=left - 10,
            y=mid + 5,
            text_anchor="end",
            fill=TEXT,
            font_weight="bold" if is_focus else None,
        )
        shown = fmt_value(value, decimals, unit)
        tip = el("title", text(f"{name}, {year}: {shown}"))
        if value.ok and value.number is not None:
            x = xpos(value.number)
            x0, x1 = min(zero, x), max(zero, x)
            bar = el(
                "rect",
                x=x0,
                y=mid - BAR / 2,
                width=max(x1 - x0, 1.0),
                height=BAR,
                fill=BRAND if is_focus else LIGHT_BLUE,
                stroke=TEXT if is_focus else SECONDARY,
                stroke_width=1.5 if is_focus else 1,
            )
            after = x1 + 6 if value.number >= 0 else x0 - 6
            figure = el(
                "text",
                text(shown),
                x=after,
                y=mid + 5,
                fill=TEXT,
                text_anchor="start" if value.number >= 0 else "end",
                font_weight="bold" if is_focus else None,
                stroke=WHITE,  # a halo keeps the figure legible where it crosses England's line
                stroke_width=3,
                paint_order="stroke",
            )
            klass = "bar focus" if is_focus else "bar"
            parts.append(el("g", tip + label + bar + figure, class_=klass, data_name=name))
        else:
            note = el(
                "text", text(shown), x=zero + 6, y=mid + 5, fill=SECONDARY, font_style="italic"
            )
            klass = "no-bar focus" if is_focus else "no-bar"
            parts.append(el("g", tip + label + note, class_=klass, data_name=name))

    parts.append(el("line", x1=zero, x2=zero, y1=top, y2=bottom, stroke=TEXT))
    if reference and ref_value is not None:
        rx = xpos(ref_value)
        ref_text = f"{reference[0]}: {fmt_value(reference[1], decimals, unit)}"
        half = text_width(ref_text) / 2
        tx = min(max(rx, half + 2), width - half - 2)
        parts.append(
            el(
                "g",
                el("title", text(ref_text))
                + el(
                    "line",
                    x1=rx,
                    x2=rx,
                    y1=top - 10,
                    y2=bottom,
                    stroke=TEXT,
                    stroke_width=2,
                    stroke_dasharray="6 4",
                )
                + el(
                    "text",
                    text(ref_text),
                    x=tx,
                    y=top - 16,
                    text_anchor="middle",
                    fill=TEXT,
                    stroke=WHITE,
                    stroke_width=3,
                    paint_order="stroke",
                ),
                class_="reference",
            )
        )
    height = bottom + 32
    svg = svg_root(width, height, title, desc, "".join(parts), "bar-chart")
    table = [[name, fmt_value(value, decimals, unit)] for name, value, _ in ordered]
    if reference:
        table.append([reference[0], fmt_value(reference[1], decimals, unit)])
    return Chart(svg, title, desc, ["Council", f"Value ({year})"], table)
