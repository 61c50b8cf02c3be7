"""Charts must meet WCAG AA contrast and read in black and white: every colour a chart uses for
text or data has enough contrast on white, and series differ by more than colour."""

from __future__ import annotations

from chart_xml import find, parse

from lineofsight.charts import Series, bar_chart, line_chart, sparkline
from lineofsight.charts.style import BORDER, LIGHT_BLUE, SERIES_STYLES, WHITE, contrast_ratio
from lineofsight.values import State, Value

V = Value


def all_charts() -> list[str]:
    pts = [("2023", V(1.0)), ("2024", V(None, State.SUPPRESSED)), ("2025", V(3.0))]
    return [
        line_chart([Series(f"s{i}", pts) for i in range(5)], title="t").svg,
        bar_chart(
            ("a", V(2.0)),
            [("b", V(1.0)), ("c", V.missing())],
            title="t",
            year="2025",
            reference=("England", V(1.5)),
        ).svg,
        sparkline(pts, title="t").svg,
    ]


def test_contrast_formula_matches_known_pairs() -> None:
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#1d70b8", "#ffffff"), 2) == 5.17  # GOV.UK blue, published figure
    assert contrast_ratio("#777777", "#ffffff") < 4.5  # a mid grey fails AA text


def test_text_and_data_colours_reach_aa_on_white() -> None:
    for svg in all_charts():
        root = parse(svg)
        for node in find(root, "//s:text"):
            assert contrast_ratio(node.get("fill"), WHITE) >= 4.5, node.text
        for node in find(root, "//*[@stroke]"):
            colour = node.get("stroke")
            if colour in {BORDER, WHITE}:  # gridlines and the halo behind labels carry no data
                continue
            assert contrast_ratio(colour, WHITE) >= 3.0, colour
        for node in find(root, "//*[@fill]"):
            colour = node.get("fill")
            if colour in {"none", WHITE, LIGHT_BLUE}:  # pale fills always sit inside a dark outline
                continue
            assert contrast_ratio(colour, WHITE) >= 3.0, colour


def test_series_styles_are_distinct_without_colour() -> None:
    looks = {(s.dash, s.marker) for s in SERIES_STYLES}
    assert len(looks) == len(SERIES_STYLES)
    assert len({s.marker for s in SERIES_STYLES}) == len(SERIES_STYLES)


def test_text_is_sized_for_print() -> None:
    for svg in all_charts()[:2]:
        root = parse(svg)
        assert int(root.get("font-size")) >= 14
        sizes = [int(n.get("font-size")) for n in find(root, "//s:text[@font-size]")]
        assert all(s >= 12 for s in sizes)
