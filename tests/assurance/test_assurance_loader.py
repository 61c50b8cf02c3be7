"""The content files are edited by hand, so the loader must refuse bad content with one sentence
naming the file, the entry and the field (never a traceback or a silently dropped question)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lineofsight.assurance.content import (
    _read,
    parse_enablers,
    parse_key_questions,
    parse_self_evaluation,
)
from lineofsight.errors import UserError

KQ = _read("key_questions.yaml")
EN = _read("enablers.yaml")
SE = _read("self_evaluation.yaml")


def _error(parse: object, text: str) -> str:
    with pytest.raises(UserError) as caught:
        parse(text, "key_questions.yaml")  # type: ignore[operator]
    message = caught.value.message
    assert "\n" not in message and message.endswith((".", "?"))
    return message


def test_the_bundled_files_load() -> None:
    assert len(parse_key_questions(KQ).questions) == 25
    assert len(parse_enablers(EN).enablers) == 7
    assert [q.id for q in parse_self_evaluation(SE).questions] == ["know", "how", "plans"]


def test_an_evidence_id_not_in_the_catalogue_is_named_with_a_suggestion() -> None:
    bad = KQ.replace(
        "- sw_vacancy_rate_pct\n        - sw_absence", "- sw_vacancy_rate\n        - sw_absence"
    )
    message = _error(parse_key_questions, bad)
    assert "theme 'ofsted'" in message and "'sw_vacancy_rate'" in message
    assert "Did you mean 'sw_vacancy_rate_pct'?" in message


def test_an_unknown_key_is_named_with_its_question() -> None:
    bad = KQ.replace(
        "      - id: kq_finance_02\n        text:", "      - id: kq_finance_02\n        txt:"
    )
    message = _error(parse_key_questions, bad)
    assert "question 'kq_finance_02'" in message and "'txt'" in message and "unknown key" in message


def test_a_repeated_question_id_is_refused() -> None:
    bad = KQ.replace("id: kq_finance_03", "id: kq_finance_02")
    assert "'kq_finance_02' appears more than once" in _error(parse_key_questions, bad)


def test_a_key_repeated_in_one_entry_is_refused_with_its_line() -> None:
    bad = KQ.replace("    heading: Governance\n", "    heading: Governance\n    heading: Finance\n")
    line = KQ.splitlines().index("    heading: Governance") + 2
    message = _error(parse_key_questions, bad)
    assert f"line {line}" in message and "'heading' appears twice" in message


def test_broken_yaml_names_the_line() -> None:
    assert "is not valid YAML at line" in _error(parse_key_questions, KQ + "\n  - [unclosed\n")


def test_a_theme_without_any_live_evidence_link_is_refused() -> None:
    start = KQ.index("  - id: voices")
    end = KQ.index("  - id: finance")
    section = KQ[start:end]
    section = section.replace(
        "          indicators:\n            - care_leavers_in_touch_19_21_pct\n"
        "            - care_leavers_in_touch_17_18_pct\n            - cla_3plus_social_workers_pct\n",
        "",
    ).replace("          indicators: [ehcp_20wk_excl_exceptions_pct]\n", "")
    message = _error(parse_key_questions, KQ[:start] + section + KQ[end:])
    assert "theme 'voices' has no evidence indicator" in message


def test_a_question_with_neither_indicators_nor_a_note_is_refused() -> None:
    bad = KQ.replace(
        "          note: >-\n            No published indicator: the evidence is board attendance",
        "          signals: [volatility]\n          xnote: >-\n            No published",
    )
    assert "question 'kq_finance_03'" in _error(parse_key_questions, bad)


def test_enablers_must_be_numbered_in_order() -> None:
    bad = EN.replace("    number: 7\n", "    number: 8\n")
    assert "numbered 1, 2, 3" in _error(parse_enablers, bad)


def test_a_phrase_must_carry_the_value_once() -> None:
    bad = SE.replace('were looked after"', 'were looked after {value}"')
    assert "'cla_rate_per_10k' must contain {value} exactly once" in _error(
        parse_self_evaluation, bad
    )


def test_a_self_evaluation_judgement_must_be_an_ofsted_indicator() -> None:
    bad = SE.replace("judgement: ilacs_leadership", "judgement: sw_agency_rate_pct")
    assert "section 'leadership'" in _error(parse_self_evaluation, bad)


@settings(max_examples=50, deadline=None)
@example("off")  # YAML 1.1 read it as False, and the message named field 'False'
@example("yes")
@given(
    st.from_regex(r"[a-z]{2,12}", fullmatch=True).filter(
        lambda k: k not in {"id", "text", "evidence"}
    )
)
def test_any_unknown_question_key_is_refused(key: str) -> None:
    bad = KQ.replace("      - id: kq_voices_01\n", f"      - id: kq_voices_01\n        {key}: x\n")
    message = _error(parse_key_questions, bad)
    assert f"'{key}'" in message and "kq_voices_01" in message
