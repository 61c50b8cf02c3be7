"""signals_for over the real bundled data: stable, sorted, and own data through the same interface."""

from __future__ import annotations

import pandas as pd

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.reference.las import resolve
from lineofsight.signals.engine import own_data_signals, signals_for


def test_signals_for_is_stable_and_sorted_by_severity() -> None:
    la = resolve("Stoke-on-Trent")
    first = signals_for(la)
    assert first, "the bundled data should give Stoke-on-Trent some signals"
    assert first == signals_for(la)
    severities = [int(s.severity) for s in first]
    assert severities == sorted(severities)
    assert all(s.la == la.code and s.sentence.endswith(".") for s in first)
    assert not any(s.indicator_id.startswith("ilacs_") for s in first)


def test_neighbour_sentence_matches_benchmark_counts() -> None:
    la = resolve("Stoke-on-Trent")
    b = get_benchmark()
    for s in signals_for(la):
        if s.kind == "neighbour_divergence":
            e = b.entry(la, s.indicator_id)
            assert e is not None and e.value.number == s.evidence["value"]
            assert f"your {e.neighbours_counted} statistical neighbours" in s.sentence


def test_own_data_rolling_series_uses_the_same_rules() -> None:
    la = resolve("Stoke-on-Trent")
    ends = pd.date_range("2023-01-31", periods=13, freq="ME")  # 12 earlier points for limits
    values = [20.0, 20.5, 19.8, 20.2, 20.1, 19.9, 20.3, 20.0, 20.2, 20.1, 19.9, 20.2, 34.0]
    frame = pd.DataFrame(
        {
            "indicator_id": "sw_agency_rate_pct",
            "period_start": ends - pd.DateOffset(years=1),
            "period_end": ends,
            "value": values,
            "state": "value",
            "numerator": None,
            "denominator": None,
        }
    )
    found = own_data_signals(la, frame, {"SSDA903": (250, 4000)}, period="2024")
    kinds = {s.kind for s in found}
    assert {"xmr_beyond_limits", "large_change", "validation_errors"} <= kinds
    change = next(s for s in found if s.kind == "large_change")
    assert "12 months to 31 January 2024" in change.sentence


def test_own_data_suppressed_rows_are_quiet() -> None:
    la = resolve("Stoke-on-Trent")
    ends = pd.date_range("2023-01-31", periods=6, freq="ME")
    frame = pd.DataFrame(
        {
            "indicator_id": "sw_agency_rate_pct",
            "period_end": ends,
            "value": [None] * 6,
            "state": "c",
        }
    )
    assert own_data_signals(la, frame) == []
