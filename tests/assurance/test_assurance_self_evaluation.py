"""The self-evaluation draft must quote the council's actual published figures with their years,
say plainly when a figure is suppressed or missing, and carry signals and validation counts that
later work passes in as plain data. Done-when of issue 6 ("the self-evaluation draft containing the
council's actual figures")."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lineofsight.assurance.prose import figure, when
from lineofsight.assurance.self_evaluation import SignalNote, draft_as_text, draft_self_evaluation
from lineofsight.benchmark.engine import get_benchmark
from lineofsight.errors import UserError
from lineofsight.indicators.meta import lookup_indicator
from lineofsight.reference.las import resolve
from lineofsight.values import LABELS


@pytest.fixture(scope="module")
def stoke_text() -> str:
    return draft_as_text(draft_self_evaluation("Stoke-on-Trent"))


def test_the_children_in_care_rate_reads_as_a_sentence_with_the_real_figures(
    stoke_text: str,
) -> None:
    e = get_benchmark().entry(resolve("Stoke-on-Trent"), "cla_rate_per_10k")
    assert e is not None and e.value.ok and e.neighbours_median.ok and e.england.ok
    expected = (
        f"At 31 March {e.year}, {e.value.number:.0f} children per 10,000 were looked after, "
        f"against {e.neighbours_median.number:.0f} among statistical neighbours "
        f"(median of {e.neighbours_counted}) and {e.england.number:.0f} in England."
    )
    assert expected in stoke_text


def test_every_quoted_figure_matches_the_benchmark_engine() -> None:
    la = resolve("Stoke-on-Trent")
    draft = draft_self_evaluation(la)
    assert len(draft.figures) >= 25
    for f in draft.figures:
        e = get_benchmark().entry(la, f.indicator_id)
        meta = lookup_indicator(f.indicator_id)
        assert e is not None and e.year == f.year
        assert when(meta.year_label, e.year) in f.sentence
        for v in (e.value, e.neighbours_median, e.england):
            if v.ok and v.number is not None and meta.unit != "judgement":
                assert figure(v.number, meta.unit, meta.decimals) in f.sentence, f.indicator_id
        if not e.value.ok:
            assert LABELS[e.value.state] in f.sentence


def test_a_suppressed_or_unpublished_value_is_said_not_skipped() -> None:
    bench = get_benchmark()
    table = bench.table("care_leavers_in_touch_19_21_pct")
    gaps = table[table.state != "value"]
    assert not gaps.empty
    row = gaps.iloc[0]
    draft = draft_self_evaluation(str(row.la_code))
    found = next(f for f in draft.figures if f.indicator_id == "care_leavers_in_touch_19_21_pct")
    assert "no figure for care leavers aged 19 to 21" in found.sentence
    assert LABELS[found.value.state] in found.sentence and found.value.number is None


def test_worst_quarter_figures_become_plan_points(stoke_text: str) -> None:
    la = resolve("Stoke-on-Trent")
    e = get_benchmark().entry(la, "sw_vacancy_rate_pct")
    assert e is not None
    plans = draft_self_evaluation(la).section("leadership").answers["plans"]
    says_worst = any("social worker vacancy rate" in p and "worst quarter" in p for p in plans)
    assert says_worst == (e.band == "D")


def test_signals_and_validation_counts_passed_as_plain_data_are_used() -> None:
    signal = {
        "indicator_id": "sw_agency_rate_pct",
        "kind": "divergence",
        "severity": "high",
        "sentence": "The agency social worker rate is above 9 of 10 statistical neighbours.",
    }
    draft = draft_self_evaluation(
        "E06000021",
        signals=[signal],
        findings=[{"kind": "ssda903", "year": "2025", "errors": 3, "queries": 1}],
    )
    assert any(signal["sentence"] in p for p in draft.section("leadership").answers["know"])
    assert any(
        "No early-warning signal" in p for p in draft.section("care_leavers").answers["know"]
    )
    how = " ".join(draft.section("context").answers["how"])
    assert "SSDA903 (children looked after) for 2025 had 3 errors and 1 query" in how


def test_without_signals_or_findings_the_draft_says_they_were_not_supplied() -> None:
    how = " ".join(draft_self_evaluation("Stoke-on-Trent").section("context").answers["how"])
    assert "No validation results" in how and "signals were not supplied" in how


def test_a_signal_from_the_signals_module_is_read_and_grouped_by_family() -> None:
    from dataclasses import dataclass
    from enum import IntEnum

    class Severity(IntEnum):
        HIGH = 0

        @property
        def label(self) -> str:
            return self.name.lower()

    @dataclass
    class Signal:
        indicator_id: str
        kind: str
        severity: Severity
        sentence: str

    note = SignalNote.from_data(
        Signal("cpp_rate_per_10k", "xmr_beyond_limits", Severity.HIGH, "Plans rose sharply.")
    )
    assert (note.family, note.severity) == ("volatility", "high")
    draft = draft_self_evaluation("Stoke-on-Trent", signals=[note])
    know = draft.section("help_and_protection").answers["know"]
    assert "Early-warning signals: (high) Plans rose sharply." in know


def test_a_bad_signal_is_refused_with_one_sentence() -> None:
    with pytest.raises(UserError, match=r"signal 1, field 'sentence': give some text"):
        draft_self_evaluation(
            "Stoke-on-Trent",
            signals=[{"indicator_id": "cla_rate_per_10k", "kind": "threshold", "severity": "low"}],
        )
    with pytest.raises(UserError, match="Unknown indicator 'cla_rate'"):
        draft_self_evaluation(
            "Stoke-on-Trent",
            signals=[
                {"indicator_id": "cla_rate", "kind": "run", "severity": "low", "sentence": "x"}
            ],
        )


def test_cli_prints_the_draft_as_json_and_refuses_an_unknown_council() -> None:
    cmd = [sys.executable, "-c", "from lineofsight.cli import run; run()"]
    cmd += ["assurance", "self-evaluation"]
    ok = subprocess.run(
        [*cmd, "Stoke-on-Trent", "--format", "json"], capture_output=True, text=True, check=False
    )
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert data["la_code"] == "E06000021"
    assert [s["id"] for s in data["sections"]][:2] == ["context", "leadership"]
    bad = subprocess.run([*cmd, "Nowhereshire"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "No local authority matches 'Nowhereshire'" in bad.stderr


def test_a_council_that_no_longer_exists_is_pointed_to_its_successors() -> None:
    with pytest.raises(UserError, match="North Northamptonshire"):
        draft_self_evaluation("Northamptonshire")


def test_an_extreme_figure_where_neither_direction_is_better_is_on_the_plan() -> None:
    """Stoke-on-Trent's children in care rate ranks near the top of 151 councils; "Our plans"
    must not read as if nothing stands out."""
    la = resolve("Stoke-on-Trent")
    e = get_benchmark().entry(la, "cla_rate_per_10k")
    assert e is not None and e.band == "Q4"
    draft = draft_self_evaluation(la)
    section = next(
        s for s in draft.sections if any(f.indicator_id == "cla_rate_per_10k" for f in s.figures)
    )
    plans = " ".join(section.answers["plans"])
    assert "highest quarter of councils for children looked after per 10,000" in plans
    assert "neither higher nor lower is better in itself" in plans
