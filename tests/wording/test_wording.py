"""The one wording package: GOV.UK numbers, money, rates, dates and year conventions, and the same
text whichever layer (charts, signals, packs, web) asks for it."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lineofsight.values import State, Value
from lineofsight.wording import (
    date_text,
    day_month_year,
    end_year,
    fmt_change,
    fmt_number,
    fmt_range,
    fmt_value,
    money,
    say_number,
    signed_change,
    signed_money,
    year_phrase,
)


@pytest.mark.parametrize(
    ("pounds", "text"),
    [
        (85_548_553, "£85.5m"),
        (1_234_000_000, "£1.2bn"),
        (2_100, "£2,100"),
        (950_000, "£950,000"),
        (999_960, "£1m"),
        (-97_600_000, "-£97.6m"),
        (0, "£0"),
    ],
)
def test_money_as_govuk_writes_it(pounds: float, text: str) -> None:
    assert money(pounds) == text


def test_a_money_total_reads_the_same_in_a_table_and_a_sentence() -> None:
    assert fmt_number(85_548_553, 0, "gbp") == say_number(85_548_553, 0, "gbp") == "£85.5m"
    assert fmt_value(Value(85_548_553.0, State.VALUE), 0, "gbp") == "£85.5m"


def test_rates_and_percentages() -> None:
    assert fmt_number(2_100, 0, "gbp_per_week") == "£2,100"
    assert say_number(2_100, 0, "gbp_per_week") == "£2,100 a week"
    assert say_number(512.34, 1, "rate_per_10k") == "512.3 per 10,000 children"
    assert fmt_number(21, 1, "percent") == "21.0%"
    assert fmt_number(-0.04, 1, "percent") == "0.0%"  # no minus sign on a figure that rounds to 0
    assert fmt_range(11, 68, 0, "rate_per_10k") == "11 to 68 per 10,000 children"
    assert fmt_range(100, 200, 0, "gbp_per_week") == "£100 to £200 a week"
    assert fmt_change(-3.25, 1, "percent") == "3.2 percentage points"
    assert signed_change(1.25, 1) == "+1.2" and signed_change(None, 1) == ""


def test_missing_figures_say_why() -> None:
    assert fmt_value(Value(None, State.SUPPRESSED), 1, "percent") == "suppressed (small number)"


def test_dates_have_no_leading_zero() -> None:
    assert day_month_year(dt.date(2024, 1, 5)) == "5 January 2024"
    assert date_text("2024-01-29") == "29 January 2024"
    assert date_text(dt.date(2026, 4, 1)) == "1 April 2026"
    assert date_text("") == "" and date_text("soon") == "soon"


@given(st.text(max_size=30))
def test_date_text_never_raises(text: str) -> None:
    assert isinstance(date_text(text), str)


@given(st.dates())
def test_any_date_reads_back(d: dt.date) -> None:
    assert date_text(d.isoformat()) == f"{d.day} {d:%B} {d.year}"


def test_year_conventions() -> None:
    assert end_year("2024-25") == "2025"
    assert year_phrase("at 31 March", "2025") == "at 31 March 2025"
    assert year_phrase("financial year", "2024-25") == "2024-25 financial year"


def test_signed_money_is_one_spelling() -> None:
    assert signed_money(15_100_000) == "+£15.1m"
    assert signed_money(-300) == "-£300"
    assert signed_money(0) == "£0" and signed_money(0.2) == "£0"
    assert signed_money(-1_250, "gbp_per_week") == "-£1,250"
