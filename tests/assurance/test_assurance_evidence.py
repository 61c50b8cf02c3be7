"""Evidence links must lead somewhere: every indicator the content names resolves to a catalogue
indicator with published values for a real council, and every key-question theme has at least one
link to a live figure, so the self-assessment pages never show an empty or broken evidence box."""

from __future__ import annotations

import pytest

from lineofsight.assurance.content import enablers, key_questions, self_evaluation_template
from lineofsight.benchmark.engine import get_benchmark
from lineofsight.indicators.catalogue import load_catalogue
from lineofsight.reference.las import resolve
from lineofsight.values import State


def _all_linked_ids() -> set[str]:
    ids = {i for t in key_questions().themes for i in t.indicator_ids}
    ids |= {i for e in enablers().enablers for i in e.evidence.indicators}
    tpl = self_evaluation_template()
    ids |= {i for s in tpl.sections for i in s.indicators} | set(tpl.phrases)
    return ids


@pytest.mark.parametrize("indicator_id", sorted(_all_linked_ids()))
def test_each_linked_indicator_has_a_value_or_an_explicit_state_for_stoke(
    indicator_id: str,
) -> None:
    assert indicator_id in load_catalogue()
    entry = get_benchmark().entry(resolve("Stoke-on-Trent"), indicator_id)
    assert entry is not None, f"{indicator_id} has no published year"
    # a number, or a state DfE/Ofsted published (suppressed, not available, ...), never "no row"
    assert entry.value.ok or entry.value.state is not State.MISSING, entry.value
    assert entry.year and (entry.ranked > 0) == entry.indicator.compared


def test_every_theme_links_to_at_least_one_live_figure() -> None:
    la = resolve("Stoke-on-Trent")
    for theme in key_questions().themes:
        live = [
            i
            for i in theme.indicator_ids
            if (e := get_benchmark().entry(la, i)) is not None and e.value.ok
        ]
        assert live, f"theme {theme.id} has no evidence with a published value"


def test_the_guide_s_named_links_are_there() -> None:
    """The issue's examples: agency and vacancy rates to the workforce/Ofsted questions, the care
    rate and placement stability to corporate parenting, spend to finance."""
    kq = key_questions()
    assert {"sw_agency_rate_pct", "sw_vacancy_rate_pct"} <= set(kq.theme("ofsted").indicator_ids)
    assert {"cla_rate_per_10k", "cla_long_term_stability_pct"} <= set(
        kq.theme("corporate_parenting").indicator_ids
    )
    assert {"cs_spend_gross", "cla_weekly_unit_cost"} <= set(kq.theme("finance").indicator_ids)
    assert "volatility" in kq.question("kq_ofsted_02").evidence.signals


def test_questions_without_indicators_say_what_the_evidence_is() -> None:
    for q in key_questions().questions:
        assert q.evidence.indicators or len(q.evidence.note) > 20, q.id
