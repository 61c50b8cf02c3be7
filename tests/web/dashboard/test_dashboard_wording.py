"""Every figure must say which year convention it follows, and bands must be explained in words:
these are the phrases leaders read beside each number."""

from __future__ import annotations

import pytest

from lineofsight.indicators.meta import lookup_indicator
from lineofsight.values import State, Value
from lineofsight.web.dashboard.own import OwnFigure, differs
from lineofsight.wording import band_words, date_text, show, year_phrase


@pytest.mark.parametrize(
    ("label", "year", "expected"),
    [
        ("at 31 March", "2025", "at 31 March 2025"),
        ("year to 31 March", "2025", "year to 31 March 2025"),
        ("at 30 September", "2025", "at 30 September 2025"),
        ("year to 30 September", "2025", "year to 30 September 2025"),
        ("financial year", "2024-25", "2024-25 financial year"),
        ("Financial Year", "2025", "financial year 2025"),
        ("calendar year", "2024", "calendar year 2024"),
        ("Calendar Year", "2018-20", "calendar years 2018-20"),
        ("academic year", "2023-24", "2023-24 academic year"),
        ("in January", "2025", "January 2025"),
        ("Annual (end of Sept)", "2024", "at 30 September 2024"),
        ("mid-year (30 June)", "2024", "at 30 June 2024"),
    ],
)
def test_year_phrase(label: str, year: str, expected: str) -> None:
    assert year_phrase(label, year) == expected


def test_band_words_follow_polarity() -> None:
    assert (
        band_words("A", "high_good") == "Band A: in the best quarter of councils (higher is better)"
    )
    assert (
        band_words("D", "low_good") == "Band D: in the worst quarter of councils (lower is better)"
    )
    assert band_words("Q1", "neither") == (
        "In the lowest quarter of councils (Q1; neither higher nor lower is better in itself)"
    )
    assert band_words(None, "neither", "count").startswith("Not ranked or banded: a count")
    assert band_words(None, "low_good", "judgement").endswith("not a number to average")
    assert band_words(None, "high_good").startswith("No band")


def test_show_uses_units_judgements_and_state_words() -> None:
    assert show(Value(12.345), lookup_indicator("rereferrals_12m_pct")) == "12.3%"
    assert show(Value(1234567.0), lookup_indicator("cs_spend_gross")) == "£1.2m"
    assert show(Value(950_000.0), lookup_indicator("cs_spend_gross")) == "£950,000"
    assert show(Value(2.0), lookup_indicator("ilacs_overall")) == "Good"
    assert show(Value(None, State.SUPPRESSED), lookup_indicator("cla_rate_per_10k")) == (
        "suppressed (small number)"
    )
    assert show(Value.missing(), lookup_indicator("cla_rate_per_10k")) == "not published"


def test_dates_and_own_figure_difference() -> None:
    assert date_text("2024-01-29") == "29 January 2024"
    assert date_text("") == ""
    own = OwnFigure("year to 31 October 2025", Value(170.4))
    assert not differs(own, Value(170.0), 0)
    assert differs(own, Value(170.0), 1)
    assert differs(own, Value(None, State.SUPPRESSED), 0)
    assert not differs(None, Value(1.0), 0)
