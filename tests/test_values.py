"""Published cells become (number, state) pairs: DfE codes stay codes, garbage never crashes."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lineofsight.values import State, Value, parse_cell


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("67", (67.0, State.VALUE)),
        ("81,770", (81770.0, State.VALUE)),
        ("12.5%", (12.5, State.VALUE)),
        ("c", (None, State.SUPPRESSED)),
        ("[c]", (None, State.SUPPRESSED)),
        ("x", (None, State.NOT_AVAILABLE)),
        ("z", (None, State.NOT_APPLICABLE)),
        ("low", (None, State.LOW)),
        ("k", (None, State.K)),
        ("u", (None, State.UNRELIABLE)),
        (":", (None, State.NOT_AVAILABLE)),
        ("-", (None, State.NOT_AVAILABLE)),
        ("", (None, State.MISSING)),
        (None, (None, State.MISSING)),
        (float("nan"), (None, State.MISSING)),
        ("0", (0.0, State.VALUE)),
        ("nan", (None, State.NOT_AVAILABLE)),
        ("inf", (None, State.NOT_AVAILABLE)),
    ],
)
def test_known_cells(raw: object, expected: tuple[float | None, State]) -> None:
    assert parse_cell(raw) == expected


@settings(max_examples=300)
@given(st.one_of(st.text(), st.floats(), st.integers(), st.none()))
def test_any_cell_gives_a_finite_number_or_a_state(raw: object) -> None:
    number, state = parse_cell(raw)
    if state is State.VALUE:
        assert number is not None and math.isfinite(number)
    else:
        assert number is None


def test_display_marks_states() -> None:
    assert Value(None, State.SUPPRESSED).display() == "[c]"
    assert Value.missing().display() == "[-]"
    assert Value(13.0).display(1) == "13.0"
    assert Value(81770.0).display(0) == "81,770"
