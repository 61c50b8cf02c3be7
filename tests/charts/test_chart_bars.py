"""The neighbour bar chart must rank the council among its neighbours in words and in bars, show
councils without a figure by reason (no zero-length bar), and mark England as a reference line."""

from __future__ import annotations

from chart_xml import by_class, find, parse

from lineofsight.charts import bar_chart
from lineofsight.values import State, Value

V = Value
NEIGHBOURS = [
    ("Telford and Wrekin", V(104.0)),
    ("Bournemouth, Christchurch and Poole", V(130.0)),
    ("Rotherham", V(None, State.SUPPRESSED)),
    ("Doncaster", V(95.5)),
]


def chart():  # type: ignore[no-untyped-def]
    return bar_chart(
        ("Stoke-on-Trent", V(121.0)),
        NEIGHBOURS,
        title="Children looked after per 10,000 children: Stoke-on-Trent and its neighbours, 2025",
        year="2025",
        decimals=0,
        unit="rate_per_10k",
        reference=("England", V(67.0)),
        polarity="low_good",
    )


def test_title_and_desc_place_the_council_among_its_neighbours() -> None:
    root = parse(chart().svg)
    assert root.get("role") == "img"
    assert find(root, "/s:svg/s:title")[0].text.endswith("its neighbours, 2025")
    assert find(root, "/s:svg/s:desc")[0].text == (
        "Stoke-on-Trent's figure for 2025 was 121 per 10,000 children, higher than 2 of its 3 "
        "neighbours with a figure and lower than 1 (lower is better); 1 neighbour has no figure; "
        "England was 67."
    )


def test_bars_sorted_highest_first_council_highlighted_missing_listed_last() -> None:
    root = parse(chart().svg)
    bars = by_class(root, "bar")
    assert [b.get("data-name") for b in bars] == [
        "Bournemouth, Christchurch and Poole",
        "Stoke-on-Trent",
        "Telford and Wrekin",
        "Doncaster",
    ]
    widths = [float(find(b, "s:rect")[0].get("width")) for b in bars]
    assert widths == sorted(widths, reverse=True) and widths[-1] > 0
    focus = by_class(root, "focus")
    assert [f.get("data-name") for f in focus] == ["Stoke-on-Trent"]
    assert find(focus[0], "s:text[1]")[0].get("font-weight") == "bold"
    assert find(focus[0], "s:rect")[0].get("fill") != find(bars[0], "s:rect")[0].get("fill")
    missing = by_class(root, "no-bar")
    assert [m.get("data-name") for m in missing] == ["Rotherham"]
    assert find(missing[0], "s:rect") == []
    assert [t.text for t in find(missing[0], "s:text")] == [
        "Rotherham",
        "suppressed (small number)",
    ]


def test_england_reference_line_sits_at_its_value() -> None:
    root = parse(chart().svg)
    ref = by_class(root, "reference")[0]
    assert find(ref, "s:text")[0].text == "England: 67"
    line_x = float(find(ref, "s:line")[0].get("x1"))
    # 67 lies between the axis ticks 50 and 100, interpolated linearly.
    ticks = {t.text: float(t.get("x")) for t in find(root, "//s:g[@class='x-axis']/s:text")}
    assert abs(line_x - (ticks["50"] + (ticks["100"] - ticks["50"]) * 17 / 50)) < 0.2
    assert find(ref, "s:line")[0].get("stroke-dasharray")


def test_show_data_rows_follow_the_bars_then_england() -> None:
    c = chart()
    assert c.columns == ["Council", "Value (2025)"]
    assert c.rows == [
        ["Bournemouth, Christchurch and Poole", "130"],
        ["Stoke-on-Trent", "121"],
        ["Telford and Wrekin", "104"],
        ["Doncaster", "96"],
        ["Rotherham", "suppressed (small number)"],
        ["England", "67"],
    ]


def test_council_without_a_figure_and_negative_values() -> None:
    c = bar_chart(
        ("Rutland", V(None, State.SUPPRESSED)),
        [("A & B <x>", V(-0.25)), ("C", V(0.5))],
        title="Progress 8 <score>",
        year="2024",
        decimals=2,
    )
    root = parse(c.svg)
    assert find(root, "/s:svg/s:title")[0].text == "Progress 8 <score>"
    assert c.desc == (
        "Rutland's figure for 2024 is suppressed (small number); its 2 neighbours with a figure "
        "range from -0.25 to 0.50."
    )
    neg = next(b for b in by_class(root, "bar") if b.get("data-name") == "A & B <x>")
    rect = find(neg, "s:rect")[0]
    zero = float(find(root, "//s:g[@class='x-axis']/s:text[.='0.0']")[0].get("x"))
    # drawn leftwards from zero: the bar ends where the axis reads 0.0
    assert abs(float(rect.get("x")) + float(rect.get("width")) - zero) < 0.2
    assert by_class(root, "reference") == []
    assert [f.get("class") for f in by_class(root, "focus")] == ["no-bar focus"]


def test_desc_words_for_top_bottom_and_ties() -> None:
    def desc(x: float, others: list[float]) -> str:
        return bar_chart(
            ("Leeds", V(x)),
            [(f"n{i}", V(v)) for i, v in enumerate(others)],
            title="t",
            year="2024",
            decimals=0,
        ).desc

    assert (
        desc(9, [1, 2])
        == "Leeds' figure for 2024 was 9, higher than all 2 of its neighbours with a figure."
    )
    assert (
        desc(0, [1, 2])
        == "Leeds' figure for 2024 was 0, lower than all 2 of its neighbours with a figure."
    )
    assert desc(2, [1, 2, 3]) == (
        "Leeds' figure for 2024 was 2, higher than 1 of its 3 neighbours with a figure and lower "
        "than 1 (level with 1)."
    )
