"""The agency/vacancy analysis: effect sizes on known data and an accessible chart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lineofsight.risk import stats
from lineofsight.risk.analysis import comparisons, strip_chart


def test_effect_sizes_on_known_groups() -> None:
    a, b = [5.0, 6.0, 7.0], [1.0, 2.0, 3.0]
    assert stats.rank_biserial(a, b) == 1.0
    assert stats.rank_biserial(b, a) == -1.0
    assert stats.rank_biserial([1.0, 2.0], [1.0, 2.0]) == 0.0
    diff = stats.bootstrap_diff(a, b, "median", n_boot=200)
    assert diff.estimate == 4.0 and diff.low >= 2.0


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    judgements = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"] * 10
    shift = {"Outstanding": 0, "Good": 2, "Requires improvement to be good": 6, "Inadequate": 10}
    return pd.DataFrame(
        {
            "overall": judgements,
            "agency": [10 + shift[j] + rng.normal() for j in judgements],
            "vacancy": [12 + rng.normal() for _ in judgements],
        }
    )


def test_comparisons_find_a_built_in_difference_and_not_a_missing_one() -> None:
    by = {(c.measure, c.contrast): c for c in comparisons(_frame())}
    agency = by[("agency", "inadequate vs all other judgements")]
    assert agency.mean_diff.low > 0 and agency.auc.estimate > 0.9
    vacancy = by[("vacancy", "inadequate vs all other judgements")]
    assert vacancy.mean_diff.low < 0 < vacancy.mean_diff.high
    assert agency.n_a == 10 and agency.n_b == 30


def test_chart_is_accessible_svg() -> None:
    svg = strip_chart(_frame())
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="chart-title">' in svg and '<desc id="chart-desc">' in svg
    assert svg.count("<circle") == 80


@pytest.mark.parametrize("measure", ["agency", "vacancy"])
def test_real_data_groups_are_all_present(measure: str) -> None:
    from lineofsight.risk.analysis import inspection_rates

    frame = inspection_rates()
    assert frame[measure].notna().sum() > 250
    assert frame["overall"].value_counts()["Inadequate"] == 35


def test_docs_page_is_what_the_command_writes() -> None:
    from pathlib import Path

    from lineofsight.risk.analysis import inspection_rates, report_markdown

    docs = Path(__file__).resolve().parents[2] / "docs"
    page = docs / "agency-vacancy-and-judgements.md"
    if not page.exists():
        pytest.skip("docs/agency-vacancy-and-judgements.md is not in this checkout")
    frame = inspection_rates()
    assert page.read_text(encoding="utf-8") == report_markdown(frame)
    svg = (docs / "agency-vacancy-and-judgements.svg").read_text(encoding="utf-8")
    assert svg == strip_chart(frame)
