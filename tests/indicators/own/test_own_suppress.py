"""Small-number suppression for figures shown beyond analysts (DfE style: 1 to 4 becomes c)."""

from __future__ import annotations

import math

import pandas as pd

from lineofsight.indicators.own.suppress import suppress


def test_counts_and_shares_resting_on_1_to_4_children_are_suppressed() -> None:
    df = pd.DataFrame(
        {
            "indicator_id": [
                "cla_count",
                "cla_count",
                "cla_missing_pct",
                "cpp_rate_per_10k",
                "sw_fte",
                "cin_count",
            ],
            "value": [3.0, 5.0, 25.0, 4.0, 2.0, 0.0],
            "state": ["value"] * 6,
            "numerator": [3.0, 5.0, 2.0, 4.0, 2.0, 0.0],
            "denominator": [None, None, 8.0, 10_000.0, None, None],
        }
    )
    out = suppress(df)
    assert out.state.tolist() == ["c", "value", "c", "c", "value", "value"]
    assert math.isnan(out.value[0]) and math.isnan(
        out.numerator[2]
    )  # the count cannot be recovered
    assert out.value[1] == 5.0  # 5 is at the threshold: shown
    assert out.value[4] == 2.0  # workforce FTE is not about children
    assert out.value[5] == 0.0  # zero is not disclosive
    assert df.state.tolist() == ["value"] * 6  # the input is left alone


def test_threshold_is_adjustable_and_x_stays_x() -> None:
    df = pd.DataFrame(
        {
            "indicator_id": ["cla_count", "cla_3plus_placements_pct"],
            "value": [9.0, None],
            "state": ["value", "x"],
            "numerator": [9.0, 0.0],
            "denominator": [None, 0.0],
        }
    )
    out = suppress(df, threshold=10)
    assert out.state.tolist() == ["c", "x"]
