"""Synthetic returns generated once per test session (small council, few years) for the synth tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_synth_helpers import FIRST, LAST, SEED

from lineofsight.reference.las import LA, registry
from lineofsight.synth.generate import Summary, generate


@pytest.fixture(scope="session")
def small_la() -> LA:
    """Hartlepool: about 20,000 children, so generation takes seconds but counts are not tiny."""
    return registry().resolve("Hartlepool")


@pytest.fixture(scope="session")
def clean(tmp_path_factory: pytest.TempPathFactory, small_la: LA) -> tuple[Path, Summary]:
    out = tmp_path_factory.mktemp("synth_clean")
    return out / small_la.code, generate(small_la, out, FIRST, LAST, SEED, 0.0)


@pytest.fixture(scope="session")
def faulty(tmp_path_factory: pytest.TempPathFactory, small_la: LA) -> tuple[Path, Summary]:
    out = tmp_path_factory.mktemp("synth_faulty")
    return out / small_la.code, generate(small_la, out, FIRST, LAST, SEED, 0.05)
