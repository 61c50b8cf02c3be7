"""Neighbour divergence (robust z over the ten neighbours) and entry into the worst quartile."""

from __future__ import annotations

from helpers import meta

from lineofsight.signals.divergence import (
    neighbour_clause,
    neighbour_divergence,
    robust_z,
    worst_quartile_entry,
)
from lineofsight.signals.model import Severity
from lineofsight.values import State, Value

NEIGHBOURS = [Value(v) for v in [10.0, 11.0, 12.0, 13.0, 14.0, 12.5, 11.5, 12.0, 13.5, 10.5]]


def test_far_worse_than_neighbours_fires_with_count_sentence() -> None:
    [sig] = neighbour_divergence(meta(), "E1", "2024", Value(21.0), NEIGHBOURS)
    assert sig.kind == "neighbour_divergence"
    assert sig.severity is Severity.HIGH
    assert sig.sentence.endswith("10 of your 10 statistical neighbours are lower.")
    assert "at 30 September 2024" in sig.sentence
    assert sig.evidence["neighbour_median"] == 12.0


def test_far_better_than_neighbours_does_not_fire() -> None:
    assert neighbour_divergence(meta(), "E1", "2024", Value(2.0), NEIGHBOURS) == []


def test_close_to_neighbours_does_not_fire() -> None:
    assert neighbour_divergence(meta(), "E1", "2024", Value(13.9), NEIGHBOURS) == []


def test_neither_polarity_is_low() -> None:
    [sig] = neighbour_divergence(meta("neither"), "E1", "2024", Value(2.0), NEIGHBOURS)
    assert sig.severity is Severity.LOW


def test_suppressed_values_and_identical_neighbours_are_quiet() -> None:
    assert (
        neighbour_divergence(meta(), "E1", "2024", Value(None, State.SUPPRESSED), NEIGHBOURS) == []
    )
    same = [Value(12.0)] * 10
    assert neighbour_divergence(meta(), "E1", "2024", Value(30.0), same) == []
    assert robust_z(30.0, [1.0, 2.0]) is None


def test_neighbour_clause_counts_only_neighbours_with_a_number() -> None:
    nbs = [*NEIGHBOURS[:9], Value(None, State.SUPPRESSED)]
    assert neighbour_clause(21.0, nbs) == "9 of your 9 statistical neighbours are lower"


def test_worst_quartile_entry() -> None:
    [sig] = worst_quartile_entry(meta(), "E1", "2024", "D", "2023", "B")
    assert "worst quarter" in sig.sentence and "band B in 2023" in sig.sentence
    assert worst_quartile_entry(meta(), "E1", "2024", "D", "2023", "D") == []
    assert worst_quartile_entry(meta(), "E1", "2024", "C", "2023", "A") == []
    assert worst_quartile_entry(meta("neither"), "E1", "2024", "D", "2023", "A") == []
