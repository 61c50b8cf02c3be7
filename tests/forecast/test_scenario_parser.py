"""Scenario files: any text gives a Scenario or one sentence, never a traceback."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lineofsight.errors import UserError
from lineofsight.forecast.scenario import Scenario, from_mapping, parse

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=8,
)
fields = st.sampled_from(
    ["name", "entry_rate", "step_down", "in_house_fostering_share", "uasc_per_year",
     "unit_costs", "inflation", "window_months", "months", "other"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_a_scenario_or_one_sentence(text: str) -> None:
    try:
        assert isinstance(parse(text), Scenario)
    except UserError as exc:
        assert "\n" not in str(exc) and str(exc).endswith(".")


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(fields, values, max_size=5))
def test_any_mapping_is_a_scenario_or_one_sentence(data: dict[str, object]) -> None:
    try:
        s = from_mapping(data)
    except UserError as exc:
        assert "\n" not in str(exc)
        return
    assert 0 <= s.entry_rate <= 5 and 1 <= s.months <= 60


def test_a_good_file_and_named_errors() -> None:
    s = parse("name: Step down\nstep_down: 0.05\nunit_costs: {residential: 7000}\n")
    assert s.name == "Step down" and s.step_down == 0.05 and s.unit_costs == {"residential": 7000.0}
    assert parse('{"entry_rate": 1.1}').entry_rate == 1.1  # JSON too
    with pytest.raises(UserError, match=r"'step_down' must be between 0 and 0\.5"):
        parse("step_down: 0.9")
    with pytest.raises(UserError, match="Unknown unit cost 'foster'"):
        parse("unit_costs: {foster: 1}")
    with pytest.raises(UserError, match="not valid YAML or JSON at line"):
        parse("a: [1,\nb")
    with pytest.raises(UserError, match="'months' must be a whole number"):
        parse("months: 2.5")
