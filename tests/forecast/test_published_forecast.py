"""Forecast of the published series: no look-ahead, the same cases for every method, and the CLI."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from lineofsight.forecast import published as pub
from lineofsight.forecast.report import evaluation_markdown


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture(scope="module")
def scores() -> list[pub.Score]:
    return [s for series in pub.SERIES for s in pub.backtest(series)]


def test_a_forecast_never_sees_the_years_after_its_origin() -> None:
    p = pub.panel("cla_count")
    changed = p.values.copy()
    changed[:, -1] *= 3.0  # a wildly different last year
    f = pub._all_origins(p, "pooled")
    g = pub._all_origins(replace(p, values=changed), "pooled")
    # every origin before the last year forecasts exactly as before
    assert np.allclose(f.points[:-1], g.points[:-1], equal_nan=True)
    assert not np.allclose(f.points[-1], g.points[-1], equal_nan=True)


def test_every_method_is_scored_on_the_same_cases(scores: list[pub.Score]) -> None:
    for series in pub.SERIES:
        for h in pub.HORIZONS:
            cases = {s.cases for s in scores if s.series == series and s.horizon == h}
            assert len(cases) == 1 and cases.pop() > 200


def test_one_year_ahead_80_percent_interval_covers_70_to_90_percent(
    scores: list[pub.Score],
) -> None:
    for s in scores:
        if s.horizon == 1:
            assert 70 <= s.coverage[80] <= 90, s
            assert s.coverage[95] > s.coverage[80]


def test_baselines_are_what_they_say() -> None:
    logs = np.log(np.array([[100.0, 110.0, 120.0, 130.0, 140.0]]))
    nb = np.full((1, 10), -1)
    assert np.allclose(np.exp(pub._last_year(logs, nb, (1, 2))), [[140.0, 140.0]])
    assert np.allclose(np.exp(pub._straight_line(logs, nb, (1, 2))), [[150.0, 160.0]])


def test_intervals_contain_the_forecast_and_widen_with_the_horizon() -> None:
    f = pub.forecast("E06000021", "cla_count")
    assert [p.year for p in f.ahead] == [2026, 2027, 2028]
    for p in f.ahead:
        assert p.low[95] <= p.low[80] <= p.value <= p.high[80] <= p.high[95]
    widths = [p.high[80] - p.low[80] for p in f.ahead]
    assert widths == sorted(widths)


def test_all_councils_have_a_forecast_row() -> None:
    frame = pub.forecast_all("cla_count")
    assert frame.la_code.nunique() == 153
    assert frame.forecast.notna().sum() >= 150 * 3


def test_markdown_table_in_docs_matches_the_backtest(scores: list[pub.Score]) -> None:
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs" / "forecast.md"
    assert evaluation_markdown(scores) in docs.read_text(encoding="utf-8")


def test_cli_council_forecast_fits_100_columns() -> None:
    out = run("forecast", "Stoke-on-Trent")
    assert out.returncode == 0, out.stderr
    assert "Children looked after at 31 March" in out.stdout
    assert "80% interval" in out.stdout and "2026" in out.stdout
    assert max(len(line) for line in out.stdout.splitlines()) <= 100


def test_cli_evaluate_and_bad_input() -> None:
    out = run("forecast", "--evaluate")
    assert out.returncode == 0, out.stderr
    assert "Same as last year" in out.stdout and "Straight-line trend" in out.stdout
    bad = run("forecast", "Stoke-on-Trnt")
    assert bad.returncode == 2 and "Did you mean" in bad.stderr + bad.stdout
    assert "Traceback" not in bad.stderr
    none = run("forecast")
    assert none.returncode == 2 and "--evaluate" in none.stderr + none.stdout
