"""XmR limits, the large-change rule and the run rule fire on known series and stay quiet on noise.

These are the rules leaders will be told about, so each is checked on a series whose answer is known.
"""

from __future__ import annotations

import pytest
from helpers import meta, series

from lineofsight.signals.model import Severity
from lineofsight.signals.volatility import (
    beyond_limits,
    large_change,
    moving_ranges,
    run_on_one_side,
    volatility_signals,
    xmr_limits,
)

NOISE = [
    12.0,
    12.6,
    11.8,
    12.3,
    11.9,
    12.4,
    12.1,
    11.7,
    12.2,
    12.5,
    11.9,
    12.3,
]  # 12: enough for limits


def test_xmr_limits_are_mean_plus_minus_2_66_mean_moving_range() -> None:
    lo, centre, hi = xmr_limits(series([10, 12, 10, 12]))  # type: ignore[misc]
    assert centre == pytest.approx(11.0)
    assert hi - centre == pytest.approx(2.66 * 2.0)
    assert lo == pytest.approx(11.0 - 5.32)


def test_noise_within_limits_fires_nothing() -> None:
    assert volatility_signals(meta(), "E1", series(NOISE)) == []


def test_step_change_fires_beyond_limits_and_large_change_with_sentence() -> None:
    s = series([*NOISE, 21.0])
    kinds = {sig.kind: sig for sig in volatility_signals(meta(), "E1", s)}
    assert set(kinds) == {"xmr_beyond_limits", "large_change"}
    assert kinds["xmr_beyond_limits"].severity is Severity.HIGH
    change = kinds["large_change"]
    assert change.severity is Severity.MEDIUM
    assert change.sentence.startswith(
        "Agency social worker rate rose from 12.3% to 21.0% in the year to September 2027"
    )
    assert change.evidence["from_period"] == "2026" and change.period == "2027"


def test_polarity_decides_worsening() -> None:
    drop = series([*NOISE, 3.0])
    low_good = {s.kind: s.severity for s in volatility_signals(meta("low_good"), "E1", drop)}
    high_good = {s.kind: s.severity for s in volatility_signals(meta("high_good"), "E1", drop)}
    neither = {s.kind: s.severity for s in volatility_signals(meta("neither"), "E1", drop)}
    assert low_good["xmr_beyond_limits"] is Severity.LOW  # a fall in agency use is an improvement
    assert high_good["xmr_beyond_limits"] is Severity.HIGH
    assert neither["xmr_beyond_limits"] is Severity.MEDIUM


@pytest.mark.parametrize("gap", [None, "c"])
def test_missing_or_suppressed_latest_year_neither_fires_nor_crashes(gap: str | None) -> None:
    values: list[float | str | None] = [*NOISE, gap]
    assert volatility_signals(meta(), "E1", series(values)) == []


@pytest.mark.parametrize("gap", [None, "c"])
def test_missing_year_in_the_middle_is_skipped(gap: str | None) -> None:
    values: list[float | str | None] = [*NOISE[:4], gap, *NOISE[4:]]
    assert volatility_signals(meta(), "E1", series(values)) == []
    assert len(moving_ranges(series(values))) == len(NOISE) - 2
    stepped = series([*NOISE[:4], gap, *NOISE[4:], 21.0])
    assert [s.kind for s in beyond_limits(meta(), "E1", stepped)] == ["xmr_beyond_limits"]


def test_change_across_a_gap_is_not_measured() -> None:
    s = series([*NOISE, None, 21.0])
    assert large_change(meta(), "E1", s) == []


def test_short_series_is_quiet() -> None:
    assert volatility_signals(meta(), "E1", series([10, 30])) == []
    assert volatility_signals(meta(), "E1", []) == []


def test_run_of_seven_on_one_side_fires_six_does_not() -> None:
    base = [10.0, 10.2, 9.8, 10.1, 9.9]
    seven = series([*base, 11.0, 11.2, 10.9, 11.1, 11.0, 11.3, 11.1])
    six = series([*base, 9.0, 11.0, 11.2, 10.9, 11.1, 11.0, 11.3])
    fired = run_on_one_side(meta(), "E1", seven)
    assert len(fired) == 1 and fired[0].evidence["side"] == "above"
    assert "for 7 periods in a row" in fired[0].sentence
    assert run_on_one_side(meta(), "E1", six) == []


def test_same_data_same_signals() -> None:
    s = series([*NOISE, 21.0])
    assert volatility_signals(meta(), "E1", s) == volatility_signals(meta(), "E1", s)
