"""A sparkline has no axes, so its own title and description must carry the figures."""

from __future__ import annotations

from chart_xml import by_class, find, parse

from lineofsight.charts import sparkline
from lineofsight.values import State, Value

V = Value


def test_sparkline_has_its_own_title_desc_and_breaks_at_gaps() -> None:
    c = sparkline(
        [
            ("2021", V(98)),
            ("2022", V(105)),
            ("2023", V(None, State.SUPPRESSED)),
            ("2024", V(115)),
            ("2025", V(121)),
        ],
        title="Children looked after per 10,000 children in Stoke-on-Trent, 2021 to 2025",
        decimals=0,
        unit="rate_per_10k",
    )
    root = parse(c.svg)
    assert root.get("role") == "img"
    assert float(root.get("width")) <= 160
    assert find(root, "/s:svg/s:title")[0].text.startswith("Children looked after")
    assert find(root, "/s:svg/s:desc")[0].text == (
        "Rose from 98 to 121 per 10,000 children between 2021 and 2025; no figure for 2023."
    )
    assert len(by_class(root, "point")) == 4
    assert len(by_class(root, "last")) == 1
    assert [len(p.get("points").split()) for p in by_class(root, "line")] == [2, 2]
    assert c.rows[2] == ["2023", "suppressed (small number)"]


def test_flat_single_and_empty_sparklines() -> None:
    flat = sparkline([("2024", V(5.0)), ("2025", V(5.0))], title="t", unit="percent")
    assert flat.desc == "Stayed at 5.0% between 2024 and 2025."
    one = sparkline([("2024", V.missing()), ("2025", V(7))], title="t", decimals=0)
    assert one.desc == "Was 7 in 2025; no figure for 2024."
    assert by_class(parse(one.svg), "line") == []
    empty = sparkline([("2024", V.missing())], title="t")
    assert empty.desc == "No published figure from 2024 to 2024."
    assert by_class(parse(empty.svg), "point") == []
    dip = sparkline([("2023", V(3.0)), ("2024", V(1.0)), ("2025", V(3.0))], title="t", decimals=0)
    assert dip.desc == "Was 3 in both 2023 and 2025."
