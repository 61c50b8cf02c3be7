"""Disclosure control (docs/disclosure.md), tested for every own-data indicator.

Why: a list of name prefixes missed ``uasc_``, so a count of 3 unaccompanied asylum-seeking
children reached a leader's overview exactly. Which figures are about children now comes from the
definitions, and each indicator is checked: a small count, and a rate or percentage built on one,
is ``c``; staff figures are shown.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lineofsight.indicators.define import Definition
from lineofsight.indicators.own.disclosure import (
    SMALLEST_SHOWN,
    about_children,
    disclosive,
    suppress,
)
from lineofsight.indicators.own.registry import DEFINITIONS

CHILDREN = [d for d in DEFINITIONS if d.family in ("ssda903", "cin")]
STAFF = [d for d in DEFINITIONS if d.family == "workforce"]


def _row(
    indicator_id: str, kind: str, numerator: float, denominator: float | None
) -> dict[str, object]:
    value: float | None
    if kind == "pct":
        value = 100 * numerator / denominator if denominator else None
    elif kind == "rate":
        value, denominator = 10_000 * numerator / 45_000, None
    else:
        value = numerator
    return {
        "indicator_id": indicator_id,
        "value": value,
        "state": "value",
        "numerator": numerator,
        "denominator": denominator,
    }


def test_the_definitions_say_which_figures_are_about_children() -> None:
    assert CHILDREN and STAFF and len(CHILDREN) + len(STAFF) == len(DEFINITIONS)
    assert about_children("uasc_count") and about_children("uasc_pct")
    assert not about_children("sw_fte")
    assert about_children("a_figure_with_no_definition")  # unknown means suppressed


@pytest.mark.parametrize("d", CHILDREN, ids=lambda d: d.id)
def test_small_counts_and_figures_built_on_them_are_c(d: Definition) -> None:
    rows = [_row(d.id, d.kind, n, 40.0) for n in (1, 3, 5, SMALLEST_SHOWN, 0)]
    out = suppress(pd.DataFrame(rows))
    assert out.state.tolist() == ["c", "c", "c", "value", "value"]
    assert out.value[:3].isna().all() and out.numerator[:3].isna().all()
    assert out.denominator[:3].isna().all()  # nothing left to work the count back from
    assert out.value[4] == 0  # zero is not disclosive


@pytest.mark.parametrize("d", [d for d in CHILDREN if d.kind == "pct"], ids=lambda d: d.id)
def test_a_percentage_of_a_tiny_cohort_or_with_a_tiny_remainder_is_c(d: Definition) -> None:
    name = d.id
    assert disclosive(name, 0, 4)  # 0% of 4 children: all four are known
    assert disclosive(name, 37, 40)  # 92.5% of 40: three are not counted
    assert disclosive(name, 40, 41)
    assert not disclosive(name, 20, 40)
    assert not disclosive(name, 0, 0)  # no cohort: state x, not c


@pytest.mark.parametrize("d", STAFF, ids=lambda d: d.id)
def test_staff_figures_are_shown(d: Definition) -> None:
    rows = [_row(d.id, d.kind, n, 40.0) for n in (1, 3, 5)]
    out = suppress(pd.DataFrame(rows))
    assert out.state.tolist() == ["value"] * 3


def test_states_other_than_value_are_kept_and_the_input_is_untouched() -> None:
    df = pd.DataFrame(
        {
            "indicator_id": ["cla_count", "cla_3plus_placements_pct"],
            "value": [3.0, None],
            "state": ["value", "x"],
            "numerator": [3.0, 0.0],
            "denominator": [None, 0.0],
        }
    )
    out = suppress(df)
    assert out.state.tolist() == ["c", "x"]
    assert math.isnan(out.value[0])
    assert df.state.tolist() == ["value", "x"]
