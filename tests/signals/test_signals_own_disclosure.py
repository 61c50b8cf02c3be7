"""Signals on own figures never carry a figure resting on 1 to 5 children (docs/disclosure.md).

Why: a signal's sentence quotes the figure ("... of 3 in the 12 months to ..."), and signals are
read by leaders; the own figures go through the same disclosure rules as the overview's.
"""

from __future__ import annotations

import pandas as pd

from lineofsight.reference.las import resolve
from lineofsight.signals.engine import own_data_signals


def _frame(values: list[float]) -> pd.DataFrame:
    ends = pd.date_range("2023-01-31", periods=len(values), freq="ME")
    return pd.DataFrame(
        {
            "indicator_id": "uasc_count",
            "period_start": ends - pd.DateOffset(years=1),
            "period_end": ends,
            "value": values,
            "state": "value",
            "numerator": values,
            "denominator": None,
        }
    )


def test_small_counts_give_no_signal_beyond_analysts() -> None:
    la = resolve("Stoke-on-Trent")
    small = _frame([1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 5.0])
    assert own_data_signals(la, small) == []
    exact = own_data_signals(la, small, exact=True)
    assert exact, "the same series does signal for analysts"
