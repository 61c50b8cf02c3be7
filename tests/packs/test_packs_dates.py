"""``--as-at`` and ``--since`` parsing, fuzzed: a date comes back or one sentence, never a crash.

Why: these options come straight from the command line; a traceback there breaks the promise
that bad input gets one sentence and exit code 2.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lineofsight.errors import UserError
from lineofsight.packs.dates import parse_day


@given(st.dates())
def test_any_real_date_round_trips(day: dt.date) -> None:
    assert parse_day(day.isoformat()) == day
    assert parse_day(f"  {day.isoformat()}\n") == day


@given(st.text(max_size=60))
def test_any_text_is_a_date_or_one_sentence(text: str) -> None:
    try:
        day = parse_day(text, "--since")
    except UserError as exc:
        assert exc.message.startswith("--since '")
        assert exc.message.endswith("e.g. 2026-04-01.")
        assert "\n" not in exc.message and "\r" not in exc.message
        return
    assert day.isoformat() == text.strip()


@pytest.mark.parametrize(
    "bad", ["٢٠٢٥-٠١-٠١", "2025-02-30", "2025-13-01", "1/4/2026", "20260401", "", "2026-4-1"]
)
def test_impossible_or_other_formats_are_refused(bad: str) -> None:
    with pytest.raises(UserError, match="is not a date; give it as YYYY-MM-DD"):
        parse_day(bad)
