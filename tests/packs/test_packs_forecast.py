"""The quartet pack's forecast of children looked after, read from the rendered HTML and the PDF."""

from __future__ import annotations

from bs4 import BeautifulSoup
from packs_support import STOKE, built, pdf_of, pdf_text

from lineofsight.forecast.published import backtest, forecast
from lineofsight.wording import fmt_number


def test_quartet_html_has_the_forecast_its_interval_and_what_it_cannot_tell() -> None:
    f = forecast(STOKE, "cla_count")
    nxt = f.ahead[0]
    _, html = built("quartet", STOKE)
    section = BeautifulSoup(html, "html.parser").find(id="forecast")
    assert section is not None, "no forecast section in the quartet pack"
    text = section.get_text(" ", strip=True)
    last_year, last = f.history[-1]
    assert (
        f"would look after about {fmt_number(nxt.value, 0)} children at 31 March {nxt.year} "
        f"(80% interval {fmt_number(nxt.low[80], 0)} to {fmt_number(nxt.high[80], 0)}), against "
        f"{fmt_number(last, 0)} at 31 March {last_year}" in text
    )
    rows = [
        [c.get_text(" ", strip=True) for c in tr.find_all(["td", "th"])]
        for tr in section.find("table").find_all("tr")
    ]
    assert [str(last_year), fmt_number(last, 0), "Published"] in rows
    for p in f.ahead:
        assert [
            str(p.year),
            f"{fmt_number(p.value, 0)} (forecast)",
            f"{fmt_number(p.low[80], 0)} to {fmt_number(p.high[80], 0)}",
        ] in rows
    assert "What it cannot tell" in text and "it is not a target" in text
    ours = next(s for s in backtest("cla_count") if s.horizon == 1 and s.method == "pooled")
    assert f"missed by {ours.mape:.1f}% on average" in text


def test_quartet_pdf_carries_the_forecast() -> None:
    nxt = forecast(STOKE, "cla_count").ahead[0]
    text = pdf_text(pdf_of("quartet", STOKE))
    assert "Children looked after: forecast" in text
    assert f"80% interval {fmt_number(nxt.low[80], 0)} to {fmt_number(nxt.high[80], 0)}" in text
