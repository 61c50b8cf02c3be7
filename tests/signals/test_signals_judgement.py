"""One judgement per indicator: constructed series where common sense says what the answer must be.

Stoke-on-Trent's children-in-care rate (170 per 10,000 against a neighbour median of 90, 150th of
151) was once Low; care leavers in touch at 89% was High from limits worked out on four points, with
a range of "91 to 102%". These cases pin the combined method down.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lineofsight.indicators.meta import lookup_indicator
from lineofsight.signals.judgement import MIN_LIMIT_POINTS, judge
from lineofsight.signals.model import Severity
from lineofsight.values import Value

CLI = str(Path(sys.executable).with_name("lineofsight"))
CLA_RATE = lookup_indicator("cla_rate_per_10k")  # neither higher nor lower is better
IN_TOUCH = lookup_indicator("care_leavers_in_touch_19_21_pct")  # higher is better
REPEAT_CPP = lookup_indicator("cpp_repeat_pct")  # lower is better


def series(*numbers: float, start: int = 2010) -> list[tuple[str, Value]]:
    return [(str(start + i), Value(n)) for i, n in enumerate(numbers)]


def spread(low: float, high: float, n: int) -> list[float]:
    return [low + (high - low) * i / (n - 1) for i in range(n)]


def test_far_from_every_neighbour_and_near_the_top_of_england_is_not_low() -> None:
    national = [*spread(20, 160, 149), 170.0, 200.0]  # 150th of 151
    neighbours = [80, 84, 86, 88, 90, 90, 92, 95, 98, 100]
    j = judge(CLA_RATE, "E06000021", series(171, 175, 187, 190, 170), neighbours, national, [])
    assert j is not None and j.severity is Severity.HIGH
    assert "among the 2 highest of 151 councils" in j.reasons[0]
    assert "neither higher nor lower is better in itself" in j.reasons[0]


def test_worst_decile_and_apart_from_neighbours_on_a_directed_measure_is_not_low() -> None:
    national = spread(5, 40, 150)
    neighbours = [10, 11, 12, 12, 13, 13, 14, 15, 15, 16]
    j = judge(REPEAT_CPP, "X", series(20, 21, 20, 22, 37), neighbours, national, [])
    assert j is not None and j.severity is not None and j.severity <= Severity.MEDIUM


def test_a_one_year_wobble_in_a_short_noisy_history_is_never_high() -> None:
    national = spread(60, 100, 150)
    neighbours = [76, 78, 79, 80, 80, 81, 82, 83, 84, 85]
    changes = [*spread(-3, 3, 149), -12.0]  # even if the fall is the largest in England
    j = judge(IN_TOUCH, "X", series(86, 75, 88, 74, 86, 74), neighbours, national, changes)
    assert j is not None and j.severity in (None, Severity.LOW)


def test_fewer_points_than_limits_need_gives_no_limits_and_says_so() -> None:
    """The care leavers case: four earlier points, so no range at all, and never High."""
    national = spread(70, 100, 152)
    neighbours = [90, 92, 93, 94, 94, 95, 95, 96, 97, 98]
    changes = [*spread(-5, 5, 151), -10.0]
    j = judge(IN_TOUCH, "X", series(93, 96, 97, 99, 89, start=2020), neighbours, national, changes)
    assert j is not None and j.limits is None
    assert j.variation_kind == "unusual"
    assert f"process limits need {MIN_LIMIT_POINTS}, so none are drawn" in " ".join(j.reasons)
    assert j.severity is not Severity.HIGH
    assert "102%" not in " ".join(j.reasons)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.floats(min_value=0, max_value=100, allow_nan=False),
        min_size=MIN_LIMIT_POINTS + 1,
        max_size=MIN_LIMIT_POINTS + 6,
    )
)
def test_limits_never_leave_what_a_percentage_can_take(numbers: list[float]) -> None:
    j = judge(IN_TOUCH, "X", series(*numbers), [], numbers, [])
    assert j is not None and j.limits is not None
    lower, _, upper = j.limits
    assert 0 <= lower <= upper <= 100


def test_special_cause_in_the_worse_direction_is_shown_in_words() -> None:
    history = [20, 21, 19, 20, 22, 21, 20, 19, 21, 20, 22, 21, 20]
    j = judge(REPEAT_CPP, "X", series(*history, 35), [], spread(5, 40, 150), [])
    assert j is not None and j.variation_kind == "concern"
    assert j.variation_words == "Special cause: concerning"
    assert any(
        r.startswith("Special cause, concerning: outside its process limits") for r in j.reasons
    )


def test_cli_gives_one_judgement_per_indicator_with_reasons_question_and_page() -> None:
    r = subprocess.run(
        [CLI, "signals", "Stoke-on-Trent", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    ids = [d["indicator_id"] for d in data]
    assert len(ids) == len(set(ids)) >= 50
    by_id = {d["indicator_id"]: d for d in data}
    assert by_id["cla_rate_per_10k"]["severity"] in ("high", "medium")
    assert by_id["cla_spend_per_child"]["severity"] in ("high", "medium")
    assert (
        by_id["cla_spend_gross"]["severity"] == "none"
    )  # a total: read through its per-child figure
    in_touch = by_id["care_leavers_in_touch_19_21_pct"]
    assert in_touch["severity"] != "high" and in_touch["limits"] is None
    assert "102%" not in json.dumps(in_touch)
    order = {"high": 0, "medium": 1, "low": 2, "none": 3}
    assert [order[d["severity"]] for d in data] == sorted(order[d["severity"]] for d in data)
    top = data[0]
    assert top["reasons"] and top["page"] == f"/indicators/{top['indicator_id']}/"
    assert any(d["question"] and d["question_page"].startswith("/key-questions/") for d in data)


def test_every_headline_indicator_bears_on_a_key_question() -> None:
    """Each attention item asks a question: linked in key_questions.yaml, or by its theme."""
    from lineofsight.assurance.content import key_questions
    from lineofsight.indicators.meta import headline_indicators
    from lineofsight.signals.judgement import THEME_QUESTIONS, question_for

    known = {q.id for q in key_questions().questions}
    assert set(THEME_QUESTIONS.values()) <= known
    for ind in headline_indicators():
        qid, text = question_for(ind.id)
        assert qid in known and text, ind.id
    assert question_for("cla_rate_per_10k")[0] == "kq_lead_member_04"  # the yaml's own link first
