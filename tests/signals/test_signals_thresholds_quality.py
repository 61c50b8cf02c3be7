"""Thresholds from the national distribution or a fixed figure, and the data-quality signals."""

from __future__ import annotations

import pytest
from helpers import meta

from lineofsight.errors import UserError
from lineofsight.signals.model import Severity
from lineofsight.signals.quality import own_vs_published, validation_errors
from lineofsight.signals.thresholds import (
    cutoffs,
    load_thresholds,
    parse_thresholds,
    rule_for,
    threshold_signal,
)
from lineofsight.values import State, Value

NATIONAL = [float(v) for v in range(1, 101)]  # 1..100


def test_worst_decile_of_national_distribution() -> None:
    rule = rule_for("anything", parse_thresholds("defaults: {medium_percentile: 10}"))
    cut = cutoffs(meta("low_good"), rule, NATIONAL)
    assert cut is not None and cut.medium == pytest.approx(90.1)
    assert threshold_signal(meta(), "E1", "2024", Value(89.0), cut) == []
    [sig] = threshold_signal(meta(), "E1", "2024", Value(95.0), cut)
    assert sig.severity is Severity.MEDIUM and "worst 10% of 100 English LAs" in sig.sentence
    [high] = threshold_signal(meta(), "E1", "2024", Value(99.0), cut)
    assert high.severity is Severity.HIGH


def test_high_good_uses_the_bottom_of_the_distribution() -> None:
    cut = cutoffs(meta("high_good"), rule_for("x", load_thresholds()), NATIONAL)
    assert cut is not None and cut.medium == pytest.approx(10.9)
    assert threshold_signal(meta("high_good"), "E1", "2024", Value(5.0), cut)


def test_fixed_figure_and_disabled_rules() -> None:
    rules = parse_thresholds(
        "indicators:\n  a: {fixed_medium: 20, fixed_high: 30}\n  b: {disabled: true}\n"
    )
    cut = cutoffs(meta(), rule_for("a", rules), [])
    [sig] = threshold_signal(meta(), "E1", "2024", Value(25.0), cut)
    assert "past the threshold of 20.0%" in sig.sentence
    assert cutoffs(meta(), rule_for("b", rules), NATIONAL) is None
    assert cutoffs(meta("neither"), rule_for("a", rules), NATIONAL) is None


def test_bundled_thresholds_warn_early_on_agency() -> None:
    assert rule_for("sw_agency_rate_pct").medium_percentile == 20
    assert rule_for("ilacs_overall").disabled


def test_bad_threshold_file_names_entry_and_key() -> None:
    with pytest.raises(UserError, match="entry 'sw_agency_rate_pct': unknown key 'pct'"):
        parse_thresholds("indicators:\n  sw_agency_rate_pct: {pct: 5}\n")
    with pytest.raises(UserError, match="key 'medium_percentile': 80 must be"):
        parse_thresholds("defaults: {medium_percentile: 80}\n")


def test_suppressed_value_never_crosses_a_threshold() -> None:
    cut = cutoffs(meta(), rule_for("x", load_thresholds()), NATIONAL)
    assert threshold_signal(meta(), "E1", "2024", Value(None, State.SUPPRESSED), cut) == []


def test_own_data_far_from_published() -> None:
    [sig] = own_vs_published(meta(), "E1", "2024", Value(21.0), "2024", Value(12.0))
    assert sig.severity is Severity.MEDIUM
    assert "9.0 percentage points above the published 12.0%" in sig.sentence
    assert "should agree" in sig.sentence
    assert own_vs_published(meta(), "E1", "2024", Value(14.0), "2024", Value(12.0)) == []
    counts = meta(unit="count", title="Children in need")
    [big] = own_vs_published(counts, "E1", "2025-06-30", Value(1300.0), "2024", Value(1000.0))
    assert big.severity is Severity.HIGH and "12 months to 30 June 2025" in big.sentence


def test_validation_error_counts() -> None:
    assert validation_errors("E1", "SSDA903", "2024", 5, 10_000) == []
    [medium] = validation_errors("E1", "SSDA903", "2024", 50, 2_000)
    assert (
        medium.severity is Severity.MEDIUM
        and "50 validation errors (2.5% of 2,000 rows)" in medium.sentence
    )
    [high] = validation_errors("E1", "CIN census", "2024", 30, 200)
    assert high.severity is Severity.HIGH
