"""Server-side SVG charts with a text alternative and their data as table rows (no JavaScript)."""

from lineofsight.charts.bars import bar_chart
from lineofsight.charts.line import Series, line_chart
from lineofsight.charts.sparkline import sparkline
from lineofsight.charts.svg import Chart

__all__ = ["Chart", "Series", "bar_chart", "line_chart", "sparkline"]
