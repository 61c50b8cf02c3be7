"""The risk model's pieces: the fit recovers known effects, AUC behaves, no feature is from the future."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from lineofsight.risk import stats
from lineofsight.risk.data import available_from, inspections_dataset, latest_year
from lineofsight.risk.model import columns, estimate, fit, intercept_shift, unpenalised, window


def test_regularised_fit_recovers_known_coefficients_on_simulated_data() -> None:
    rng = np.random.default_rng(7)
    n = 4000
    x = rng.normal(size=(n, 2))
    logit = -0.3 + 1.2 * x[:, 0] - 0.6 * x[:, 1]
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    model = unpenalised(x, y)
    assert model.coef_[0] == pytest.approx([1.2, -0.6], abs=0.12)
    train = pd.DataFrame(
        {
            "y_overall": y,
            "overall_prev_poor": x[:, 0],
            "overall_prev_inadequate": x[:, 1],
            "overall_prev_outstanding": 0.0,
            "short_inspection": 0.0,
        }
    )
    fitted = fit(train, "overall", "previous")
    assert fitted.pipeline is not None
    coef = dict(zip(fitted.cols, fitted.pipeline[-1].coef_[0], strict=True))
    # standardised coefficients: the simulated features already have unit variance
    assert coef["overall_prev_poor"] == pytest.approx(1.2, abs=0.15)
    assert coef["overall_prev_inadequate"] == pytest.approx(-0.6, abs=0.15)


def test_auc_of_perfect_and_reversed_rankings() -> None:
    y = np.array([0, 0, 0, 1, 1])
    p = np.array([0.1, 0.2, 0.3, 0.8, 0.9])
    assert stats.auc(y, p) == 1.0
    assert stats.auc(y, -p) == 0.0
    ci = stats.auc_ci(y, p, n_boot=200)
    assert ci.low == 1.0 and ci.high == 1.0


def test_bootstrap_auc_matches_sklearn_on_each_draw() -> None:
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, 60)
    p = rng.random(60) + 0.3 * y
    ci = stats.auc_ci(y, p, n_boot=300)
    assert ci.low < ci.estimate < ci.high
    assert ci.estimate == pytest.approx(stats.auc(y, p))


def test_publication_rules() -> None:
    assert latest_year(["2021", "2022", "2023"], "year to 31 March", date(2023, 6, 1)) == "2022"
    assert latest_year(["2021", "2022", "2023"], "at 30 September", date(2023, 6, 1)) == "2022"
    assert latest_year(["2021-22", "2022-23"], "financial year", date(2023, 6, 1)) == "2021-22"
    assert available_from("2022", "at 30 September") == date(2023, 3, 1)


def test_no_feature_is_dated_after_its_inspection() -> None:
    data = inspections_dataset()
    assert len(data) == 271
    asof = [c for c in data.columns if c.startswith("asof_")]
    assert len(asof) >= 15
    for col in asof:
        dated = data[data[col].notna()]
        late = dated[dated[col] >= dated["inspection_date"]]
        assert late.empty, f"{col} is dated on or after the inspection for {len(late)} rows"
    # and every feature's year obeys its convention independently of the stored date
    for r in data.itertuples(index=False):
        assert date(int(r.year_agency) + 1, 3, 1) < r.inspection_date
        assert date(int(r.year_cla), 12, 1) < r.inspection_date


def test_previous_judgement_comes_from_an_earlier_publication() -> None:
    data = inspections_dataset()
    twice = data[data.duplicated("la_code", keep="first")]
    assert not twice.empty
    assert set(columns("previous", "overall")) <= set(data.columns)


def test_intercept_shift_matches_the_recent_share_and_survives_an_all_good_window() -> None:
    lp = np.linspace(-2, 2, 25)
    y = np.r_[np.ones(5), np.zeros(20)]
    shift = intercept_shift(lp, y)
    assert (1 / (1 + np.exp(-(lp + shift)))).mean() == pytest.approx(0.2, abs=1e-6)
    assert np.isfinite(intercept_shift(lp, np.zeros(25)))


def test_window_takes_recent_reports_but_at_least_twenty() -> None:
    published = pd.Series([date(2024, 1, 1) + pd.Timedelta(days=5 * i) for i in range(120)])
    busy = window(published, date(2025, 6, 1), months=6)
    assert 34 <= busy.sum() <= 38  # a report every 5 days for about 183 days
    assert published[busy].max() < date(2025, 6, 1)
    assert published[busy].min() >= date(2024, 11, 29)
    quiet = window(published, date(2026, 6, 1))  # nothing in the months before
    assert quiet.sum() == 20 and published[quiet].min() == published.iloc[100]


def test_estimate_gives_interval_points_and_the_data_date() -> None:
    e = estimate("E06000021", "overall", date(2026, 11, 1))
    assert 0.0 < e.low <= e.probability <= e.high < 1.0
    assert len(e.factors) == 5
    assert all(f.label for f in e.factors)
    assert e.data_date == "2025-03-31"
    assert e.possibly_reinspected  # last inspected October 2022, more than three years before
    assert 0.1 < e.national_share < 0.3


def test_stored_backtest_has_calibration_in_the_large_per_test_year() -> None:
    import json
    from importlib import resources

    record = json.loads(
        resources.files("lineofsight.risk").joinpath("backtest.json").read_text("utf-8")
    )
    assert record["folds"] == ["2021-22", "2022-23", "2023-24", "2024-25"]
    rows = {(r["fold"], r["target"], r["model"]): r for r in record["results"]}
    latest = rows[("2024-25", "overall", "current")]
    assert (latest["n_test"], latest["positives"]) == (52, 9)
    assert latest["citl_points"] == pytest.approx(
        100 * (latest["mean_predicted"] - latest["observed"])
    )
    # recalibrating the intercept helps where it matters: the latest year, against no recalibration
    assert abs(latest["citl_points"]) < abs(rows[("2024-25", "overall", "full")]["citl_points"])
    pooled = rows[("all", "overall", "current")]
    assert pooled["auc_low"] > rows[("all", "overall", "recent_share")]["auc"]
    # the window was the best of the choices on the folds before the latest
    choice = {int(k): v for k, v in record["window_choice"].items()}
    assert min(choice, key=lambda k: choice[k]) == record["window_months"]
