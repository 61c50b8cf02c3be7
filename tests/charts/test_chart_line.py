"""The time-series chart must say in words what it shows, break (never zero) at missing years,
and stay valid, escaped SVG whatever names and states it is given."""

from __future__ import annotations

from chart_xml import by_class, find, parse
from hypothesis import given, settings
from hypothesis import strategies as st

from lineofsight.charts import Series, line_chart
from lineofsight.values import State, Value

V = Value
STOKE = Series(
    "Stoke-on-Trent",
    [
        ("2021", V(98)),
        ("2022", V(105)),
        ("2023", V(None, State.SUPPRESSED)),
        ("2024", V(115)),
        ("2025", V(121)),
    ],
)
MEDIAN = Series(
    "neighbour median",
    [(str(y), V(v)) for y, v in zip(range(2021, 2026), [90, 91, 93, 95, 96], strict=True)],
)
ENGLAND = Series("England", [(str(y), V(67)) for y in range(2021, 2026)])


def chart() -> tuple[object, object]:
    c = line_chart(
        [STOKE, MEDIAN, ENGLAND],
        title="Children looked after per 10,000 children, Stoke-on-Trent",
        decimals=0,
        unit="rate_per_10k",
        measure="rate",
    )
    return c, parse(c.svg)


def test_root_is_an_accessible_image_with_title_and_one_sentence_desc() -> None:
    _, root = chart()
    assert root.get("role") == "img"
    title = find(root, "/s:svg/s:title")[0]
    desc = find(root, "/s:svg/s:desc")[0]
    assert title.text == "Children looked after per 10,000 children, Stoke-on-Trent"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert desc.text == (
        "Stoke-on-Trent's rate rose from 98 to 121 per 10,000 children between 2021 and 2025; "
        "the neighbour median rose from 90 to 96; England stayed at 67; "
        "Stoke-on-Trent's figure for 2023 is suppressed (small number)."
    )
    assert desc.text.count(".") == 1  # one sentence


def test_missing_year_breaks_the_line_and_is_marked_not_drawn_as_zero() -> None:
    _, root = chart()
    stoke = find(root, "//s:g[@data-series='Stoke-on-Trent']")[0]
    points = by_class(stoke, "point")
    assert [p.get("data-year") for p in points] == ["2021", "2022", "2024", "2025"]
    lines = by_class(stoke, "line")
    assert [len(line.get("points").split()) for line in lines] == [2, 2]
    gap = by_class(stoke, "gap")
    assert [g.get("data-year") for g in gap] == ["2023"]
    assert find(gap[0], ".//s:text")[0].text == "[c]"
    assert find(gap[0], ".//s:title")[0].text == "Stoke-on-Trent, 2023: suppressed (small number)"
    # Comparators are complete: one unbroken line of five points each.
    for name in ("neighbour median", "England"):
        g = find(root, f"//s:g[@data-series='{name}']")[0]
        assert len(by_class(g, "point")) == 5
        assert [len(x.get("points").split()) for x in by_class(g, "line")] == [5]


def test_show_data_rows_name_the_reason_in_words() -> None:
    c, _ = chart()
    assert c.columns == ["Year", "Stoke-on-Trent", "neighbour median", "England"]
    assert c.rows[2] == ["2023", "suppressed (small number)", "93", "67"]
    assert c.rows[-1] == ["2025", "121", "96", "67"]


def test_series_differ_by_dash_and_marker_not_only_colour() -> None:
    _, root = chart()
    items = by_class(root, "legend-item")
    assert [find(i, "s:text")[0].text for i in items] == [s.name for s in (STOKE, MEDIAN, ENGLAND)]
    samples = [
        (
            find(i, "s:line")[0].get("stroke-dasharray"),
            find(i, "s:line/following-sibling::*[1]")[0].tag,
        )
        for i in items
    ]
    assert len(set(samples)) == 3


def test_text_is_escaped() -> None:
    name = 'Bob\'s <script>alert("x")</script> & Co'
    c = line_chart([Series(name, [("2024", V(1)), ("2025", V(2))])], title=f"{name} title")
    assert "<script>" not in c.svg
    root = parse(c.svg)
    assert find(root, "/s:svg/s:title")[0].text == f"{name} title"
    assert find(root, "//s:g[contains(@class,'legend-item')]/s:text")[0].text == name
    assert find(root, "/s:svg/s:desc")[0].text.startswith(f"{name}'s figure rose from 1.0 to 2.0")


def test_percent_units_and_single_and_empty_series() -> None:
    one = line_chart([Series("Leeds", [("2025", V(12.5))])], title="t", unit="percent")
    assert parse(one.svg).xpath("string(/*/*[2])") == "Leeds' figure was 12.5% in 2025."
    none = line_chart(
        [Series("Leeds", [("2024", V(None, State.NOT_AVAILABLE)), ("2025", V.missing())])],
        title="t",
    )
    root = parse(none.svg)
    assert by_class(root, "point") == []
    assert len(by_class(root, "gap")) == 2
    assert none.desc == "Leeds has no published figure between 2024 and 2025."


STATES = st.sampled_from([State.VALUE] * 4 + [State.SUPPRESSED, State.NOT_AVAILABLE, State.MISSING])


@st.composite
def series_lists(draw: st.DrawFn) -> list[Series]:
    years = [str(y) for y in range(2015, 2015 + draw(st.integers(1, 11)))]
    out = []
    for k in range(draw(st.integers(1, 4))):
        pts = []
        for y in years:
            state = draw(STATES)
            num = draw(st.floats(-500, 5000, allow_nan=False)) if state is State.VALUE else None
            pts.append((y, V(num, state)))
        out.append(
            Series(draw(st.text(min_size=1, max_size=30).filter(str.isprintable)) + str(k), pts)
        )
    return out


@settings(max_examples=60, deadline=None)
@given(series_lists())
def test_any_input_gives_valid_svg_with_one_mark_per_year(series: list[Series]) -> None:
    c = line_chart(series, title="Any chart", decimals=1)
    root = parse(c.svg)
    groups = by_class(root, "series")
    assert len(groups) == len(series)
    for g in groups:
        name = g.get("data-series")
        s = next(s for s in series if s.name == name)
        ok = [y for y, v in s.points if v.ok]
        assert [p.get("data-year") for p in by_class(g, "point")] == ok
        assert [x.get("data-year") for x in by_class(g, "gap")] == [
            y for y, v in s.points if not v.ok
        ]
        drawn = sum(len(x.get("points").split()) for x in by_class(g, "line"))
        assert drawn <= len(ok)
    for y in find(root, "//@y | //@cy | //@y1 | //@y2 | //@x | //@cx"):
        assert float(y) == float(y)  # no NaN coordinates


def test_equal_ends_with_a_dip_between_are_not_called_flat() -> None:
    pts = [("2022", V(100.0)), ("2023", V(89.0)), ("2024", V(100.0))]
    c = line_chart([Series("Rutland", pts)], title="t", decimals=0, unit="percent")
    assert c.desc == "Rutland's figure was 100% in both 2022 and 2024."
    flat = line_chart([Series("Rutland", [(y, V(5.0)) for y, _ in pts])], title="t", decimals=0)
    assert flat.desc == "Rutland's figure stayed at 5 between 2022 and 2024."
