"""The fan chart: valid SVG with a title and a sentence, bands told apart by labels, data as a table."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from lineofsight.forecast.fan import FanPoint, fan_chart

NS = "{http://www.w3.org/2000/svg}"


def test_fan_chart_draws_history_bands_and_says_it_in_words() -> None:
    chart = fan_chart(
        [("2024", 100.0), ("2025", 110.0)],
        [FanPoint("2026", 112.0, 104.0, 120.0, 98.0, 127.0)],
        title="Children looked after",
        measure="children looked after",
    )
    root = ET.fromstring(chart.svg)
    assert root.get("role") == "img"
    assert root.find(f"{NS}title").text == "Children looked after"  # type: ignore[union-attr]
    assert len(root.findall(f".//{NS}polygon")) == 2  # the 95% and 80% bands
    labels = [t.text for t in root.iter(f"{NS}text")]
    assert "80%" in labels and "95%" in labels and "95% interval" in labels
    assert chart.desc == (
        "Children looked after was 110 in 2025; the forecast for 2026 is 112, with an 80% chance "
        "of between 104 and 120 and a 95% chance of between 98 and 127."
    )
    assert chart.rows[-1] == ["2026", "", "112", "104 to 120", "98 to 127"]
