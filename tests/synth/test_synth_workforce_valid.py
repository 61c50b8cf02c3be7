"""The generator's workforce census passes the project's own validation, for every council.

Why: ``synth --la Leeds --years 2024-2026`` (seeds 1 and 2) and the README's in-year command wrote a
0.6 FTE worker with 354.64 working days lost, which CSWW-ABSENCE rejects. Only the workforce part
is generated here (the children are not needed); the share of days is checked for any input, and
a spread of councils (every seventh, and the largest and smallest) for seeds 1-3.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lineofsight.reference.las import registry, resolve
from lineofsight.returns.findings import Severity
from lineofsight.returns.load import read_paths
from lineofsight.synth.calendar import sept30
from lineofsight.synth.generate import _rng
from lineofsight.synth.targets import targets
from lineofsight.synth.workforce import _share_days, simulate_workforce, write_xml

YEARS = list(range(2021, 2028))


@given(
    st.floats(0, 1e6),
    st.lists(st.tuples(st.floats(0, 50), st.sampled_from([0.0, 0.5, 0.6, 1.0])), max_size=40),
)
def test_days_are_shared_within_each_workers_cap(
    lost: float, workers: list[tuple[float, float]]
) -> None:
    weights, caps = [w for w, _ in workers], [f * 253 for _, f in workers]
    shares = _share_days(lost, weights, caps)
    assert all(0 <= s <= c for s, c in zip(shares, caps, strict=True))
    assert sum(shares) == pytest.approx(min(lost, sum(caps)), abs=0.01 * len(caps) + 1e-6)


def _sample() -> list[object]:
    las = sorted(registry().current(), key=lambda la: la.code)
    named = {resolve(n).code for n in ("Leeds", "Birmingham", "Rutland", "Isles of Scilly")}
    return [la for i, la in enumerate(las) if i % 7 == 0 or la.code in named]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_worker_loses_more_days_than_their_fte_allows(seed: int) -> None:
    for la in _sample():
        t = {y: targets(la.code, y) for y in YEARS}
        for wf in simulate_workforce(_rng(seed, la, "workforce"), t, YEARS):
            for w in wf.workers:
                assert 0 <= w.days_lost <= w.fte * 254, (la.name, seed, wf.year, w.fte, w.days_lost)


@pytest.mark.parametrize(
    ("seed", "first", "last", "as_at"),
    [(1, 2024, 2026, None), (2, 2024, 2026, None), (1, 2025, 2027, dt.date(2026, 11, 30))],
)
def test_leeds_readme_commands_validate_without_errors(
    tmp_path: Path, seed: int, first: int, last: int, as_at: dt.date | None
) -> None:
    """The issue's cases, written and read back as ``lineofsight validate`` reads them."""
    la = resolve("Leeds")
    t = {y: targets(la.code, y) for y in range(first, last + 1)}
    censuses = [
        y for y in range(first, last + 1) if as_at is None or sept30(y) <= as_at.toordinal()
    ]
    for wf in simulate_workforce(_rng(seed, la, "workforce"), t, censuses):
        write_xml(wf, la.old_code, tmp_path / f"csww_{wf.year}.xml")
    [result] = read_paths([tmp_path])
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert errors == []
