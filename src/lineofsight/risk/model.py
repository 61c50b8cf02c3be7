"""A risk model of the next ILACS judgement, recalibrated for drift, and its time-ordered backtest.

Outcome: requires improvement or inadequate (1) against good or outstanding (0), for the overall
judgement and for the impact of leaders. Model: L2-regularised logistic regression on standardised
features (missing values take the training median), the penalty chosen by 5-fold cross-validation
inside the training inspections only.

Drift: the share of inspections judged RI or worse moves a lot from year to year (57% in 2022-23,
17% in 2024-25), far more than the features explain. So the slopes are fitted on every earlier
inspection, but the intercept is re-estimated on the most recent published reports: a shift that
makes the model's mean prediction on the inspections published in the last ``WINDOW_MONTHS``
months (at least ``WINDOW_MIN`` reports) equal their observed share. The window was chosen on the
earlier folds only (docs/early-warning.md).

Validation never looks forward: one fold per April–March year from 2021-22; the slopes are fitted
on inspections before the fold's 1 April, and each test inspection's intercept uses only reports
published before its own inspection date. Compared with the previous judgement alone (recalibrated
the same way) and with a constant at the recent share of RI-or-worse.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import brentq
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from lineofsight.published.freshness import ofsted_as_at
from lineofsight.risk import stats
from lineofsight.risk.data import (
    INDICATOR_FEATURES,
    PREVIOUS,
    PREVIOUS_LABELS,
    TARGETS,
    current_features,
    inspections_dataset,
)

FOLD_YEARS = [2021, 2022, 2023, 2024]  # April–March years tested (2020-21 had no inspections)
WINDOW_MONTHS = 3
WINDOW_CHOICES = [3, 6, 9, 12, 18, 24]  # compared on the folds before the latest one
WINDOW_MIN = 20
NATIONAL_MONTHS = 12  # the "current national share" a council's estimate is compared with
USUAL_CYCLE_YEARS = 3  # Ofsted's usual gap between ILACS inspections
CS = np.logspace(-3, 1, 9)
N_BOOT_ESTIMATE = 200
MODEL_NAMES = {
    "current": "Indicators+previous, recent intercept",
    "full": "Same, without recent intercept",
    "previous": "Previous judgement alone",
    "recent_share": "Recent share RI or worse",
}
FEATURE_LABELS = {f.name: f.label for f in INDICATOR_FEATURES} | {
    "short_inspection": "Short inspection due (previously good or outstanding)"
}


def columns(model: str, target: str) -> list[str]:
    previous = [f"{target}_{p}" for p in PREVIOUS] + ["short_inspection"]
    indicators = [f.name for f in INDICATOR_FEATURES]
    return {
        "current": indicators + previous,
        "full": indicators + previous,
        "previous": previous,
        "recent_share": [],
    }[model]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


def intercept_shift(lp: np.ndarray, y: np.ndarray) -> float:
    """The shift of the log-odds that makes the mean prediction equal the observed share.

    This is the maximum-likelihood intercept with the model's linear predictor as an offset. Only
    a window with no (or only) RI judgements, which has no finite answer, gets half a report added.
    """
    if len(lp) == 0:
        return 0.0
    share = float(np.mean(y))
    if share in (0.0, 1.0):
        share = (float(np.sum(y)) + 0.5) / (len(y) + 1.0)
    return float(brentq(lambda a: float(_sigmoid(lp + a).mean()) - share, -15.0, 15.0))


def window(published: pd.Series, before: date, months: int = WINDOW_MONTHS) -> np.ndarray:
    """Reports published in the ``months`` before ``before`` (at least the latest ``WINDOW_MIN``)."""
    pub = published.to_numpy()
    earlier = pub < before
    inside = earlier & (pub >= before - timedelta(days=round(months * 30.44)))
    if inside.sum() < WINDOW_MIN and earlier.sum() > 0:
        dates = np.sort(pub[earlier])
        inside = earlier & (pub >= dates[max(0, len(dates) - WINDOW_MIN)])
    return np.asarray(inside)


@dataclass
class Fitted:
    """Slopes from the training inspections; ``shift`` moves the intercept to recent reports."""

    cols: list[str]
    base_rate: float
    pipeline: Pipeline | None = None
    shift: float = 0.0

    def linear(self, frame: pd.DataFrame) -> np.ndarray:
        """Log-odds before the shift; the constant model's is its base rate's."""
        if self.pipeline is None:
            rate = min(max(self.base_rate, 1e-6), 1 - 1e-6)
            return np.full(len(frame), np.log(rate / (1 - rate)))
        x = frame[self.cols].astype(float).to_numpy()
        return np.asarray(self.pipeline.decision_function(x))

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        return _sigmoid(self.linear(frame) + self.shift)

    def recalibrated(self, recent: pd.DataFrame, target: str) -> Fitted:
        """The same slopes with the intercept re-estimated on ``recent`` inspections."""
        y = recent[f"y_{target}"].to_numpy()
        shift = intercept_shift(self.linear(recent), y)
        return replace(self, shift=shift)

    def points(self, row: pd.DataFrame) -> dict[str, float]:
        """Percentage points each feature adds: the estimate minus the estimate with that feature
        at the average of the inspections the model was fitted on."""
        if self.pipeline is None:
            return {}
        x = row[self.cols].astype(float).to_numpy()
        z = self.pipeline[:-1].transform(x)[0]
        coef = self.pipeline[-1].coef_[0]
        lp = float(self.pipeline.decision_function(x)[0]) + self.shift
        now = 1 / (1 + np.exp(-lp))
        return {
            c: float(100 * (now - 1 / (1 + np.exp(-(lp - b * v)))))
            for c, b, v in zip(self.cols, coef, z, strict=True)
        }

    def typical(self, col: str) -> float:
        """The average of ``col`` over the training inspections (after filling gaps)."""
        assert self.pipeline is not None
        return float(self.pipeline[1].mean_[self.cols.index(col)])


def _pipeline(model: Any) -> Pipeline:
    return Pipeline(
        [
            ("impute", SimpleImputer(strategy="median", keep_empty_features=True)),
            ("scale", StandardScaler()),
            ("model", model),
        ]
    )


def fit(train: pd.DataFrame, target: str, model: str) -> Fitted:
    y = train[f"y_{target}"].to_numpy()
    cols = columns(model, target)
    if not cols:
        return Fitted(cols, float(y.mean()))
    cv = StratifiedKFold(5, shuffle=True, random_state=stats.SEED % 2**31)
    pipeline = _pipeline(
        LogisticRegressionCV(
            Cs=CS,
            l1_ratios=(0.0,),
            cv=cv,
            scoring="neg_log_loss",
            solver="newton-cholesky",  # exact on 22 features, and ten times faster than lbfgs
            max_iter=200,
            use_legacy_attributes=False,
        )
    )
    pipeline.fit(train[cols].astype(float).to_numpy(), y)
    return Fitted(cols, float(y.mean()), pipeline)


def april_year(d: date) -> int:
    """The April–March year an inspection falls in, by its first calendar year."""
    return d.year if d.month >= 4 else d.year - 1


def year_label(start: int) -> str:
    return f"{start}-{(start + 1) % 100:02d}"


# ----------------------------------------------------------------------------------------------
# Backtest


@dataclass(frozen=True)
class Result:
    target: str
    model: str
    fold: str  # "2024-25", or "all" for the folds pooled
    n_train: int
    n_test: int
    positives: int
    mean_predicted: float
    auc: stats.Interval
    brier: float

    @property
    def observed(self) -> float:
        return self.positives / self.n_test

    def record(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "model": self.model,
            "fold": self.fold,
            "n_train": self.n_train,
            "n_test": self.n_test,
            "positives": self.positives,
            "observed": self.observed,
            "mean_predicted": self.mean_predicted,
            "citl_points": 100 * (self.mean_predicted - self.observed),
            "auc": self.auc.estimate,
            "auc_low": self.auc.low,
            "auc_high": self.auc.high,
            "brier": self.brier,
        }


def _result(
    target: str, model: str, fold: str, n_train: int, y: np.ndarray, p: np.ndarray
) -> Result:
    return Result(
        target=target,
        model=model,
        fold=fold,
        n_train=n_train,
        n_test=len(y),
        positives=int(y.sum()),
        mean_predicted=float(p.mean()),
        auc=stats.auc_ci(y, p),
        brier=stats.brier(y, p),
    )


_FOLD_FITS: dict[tuple[str, str, int, int], Fitted] = {}  # a fold's fit serves every window


def fold_predictions(
    data: pd.DataFrame, target: str, model: str, start: int, months: int = WINDOW_MONTHS
) -> tuple[int, np.ndarray, np.ndarray]:
    """Fit before 1 April ``start``; predict that year, each inspection's intercept from the
    reports published before its own date."""
    first = date(start, 4, 1)
    train = data[data.inspection_date < first]
    test = data[(data.inspection_date >= first) & (data.inspection_date < date(start + 1, 4, 1))]
    key = (target, model, start, len(data))
    if key not in _FOLD_FITS:
        _FOLD_FITS[key] = fit(train, target, model)
    fitted = _FOLD_FITS[key]
    y = test[f"y_{target}"].to_numpy()
    if model == "full":
        return len(train), y, fitted.predict(test)
    lp_all = fitted.linear(data)
    ys = data[f"y_{target}"].to_numpy()
    positions = np.flatnonzero(data.index.isin(test.index))
    out = []
    for pos in positions:
        recent = window(data.publication_date, data.inspection_date.iloc[pos], months)
        if model == "recent_share":
            out.append(float(ys[recent].mean()))
            continue
        shift = intercept_shift(lp_all[recent], ys[recent])
        out.append(float(1 / (1 + np.exp(-(lp_all[pos] + shift)))))
    return len(train), y, np.asarray(out)


@dataclass(frozen=True)
class Backtest:
    results: list[Result]
    differences: dict[str, stats.Interval]  # target -> AUC(current) − AUC(previous), pooled
    window_choice: dict[int, float]  # months -> mean |CITL| (points) on the folds before the last

    def record(self) -> dict[str, Any]:
        return {
            "folds": [year_label(y) for y in FOLD_YEARS],
            "window_months": WINDOW_MONTHS,
            "window_min": WINDOW_MIN,
            "window_choice": {str(k): v for k, v in self.window_choice.items()},
            "results": [r.record() for r in self.results],
            "auc_current_minus_previous": {
                k: {"estimate": v.estimate, "low": v.low, "high": v.high}
                for k, v in self.differences.items()
            },
        }


def choose_window(data: pd.DataFrame, target: str = "overall") -> dict[int, float]:
    """Mean absolute calibration-in-the-large (points) of each window on the earlier folds."""
    out = {}
    for months in WINDOW_CHOICES:
        errors = []
        for start in FOLD_YEARS[:-1]:
            _, y, p = fold_predictions(data, target, "current", start, months)
            errors.append(abs(100 * (p.mean() - y.mean())))
        out[months] = float(np.mean(errors))
    return out


@cache
def backtest() -> Backtest:
    """Every model on every fold and pooled, for both targets."""
    data = inspections_dataset()
    results: list[Result] = []
    diffs: dict[str, stats.Interval] = {}
    for target in TARGETS:
        pooled: dict[str, tuple[list[np.ndarray], list[np.ndarray]]] = {
            m: ([], []) for m in MODEL_NAMES
        }
        for start in FOLD_YEARS:
            for model in MODEL_NAMES:
                n, y, p = fold_predictions(data, target, model, start)
                results.append(_result(target, model, year_label(start), n, y, p))
                pooled[model][0].append(y)
                pooled[model][1].append(p)
        for model, (ys, ps) in pooled.items():
            results.append(_result(target, model, "all", 0, np.concatenate(ys), np.concatenate(ps)))
        y_all = np.concatenate(pooled["current"][0])
        diffs[target] = stats.auc_difference_ci(
            y_all, np.concatenate(pooled["current"][1]), np.concatenate(pooled["previous"][1])
        )
    return Backtest(results, diffs, choose_window(data))


# ----------------------------------------------------------------------------------------------
# Today's estimate


@dataclass(frozen=True)
class Current:
    """The model for today's estimates, with bootstrap refits for the interval."""

    fitted: Fitted
    boots: tuple[Fitted, ...]
    window_from: date
    window_to: date
    window_n: int
    national_share: float  # share RI or worse of reports published in the last 12 months of data
    national_n: int
    national_from: date
    national_to: date


def _boot_pipeline(fitted: Pipeline, z: np.ndarray, y: np.ndarray) -> Pipeline:
    """The final model's penalty refitted on resampled rows of its standardised features (the
    imputation and scaling of the full fit are kept): a few milliseconds, so 200 are cheap."""
    c = float(fitted[-1].C_) if hasattr(fitted[-1], "C_") else 1.0
    model = LogisticRegression(C=c, solver="newton-cholesky", max_iter=200).fit(z, y)
    return Pipeline([("impute", fitted[0]), ("scale", fitted[1]), ("model", model)])


@cache
def current_model(target: str, today: date) -> Current:
    """Slopes from every inspection published before ``today``; the intercept from the latest
    reports; 200 bootstrap refits (inspections and recent reports resampled) for the interval."""
    data = inspections_dataset()
    data = data[data.publication_date < today].reset_index(drop=True)
    fitted = fit(data, target, "current")
    recent_mask = window(data.publication_date, today)
    recent = data[recent_mask]
    fitted = fitted.recalibrated(recent, target)
    assert fitted.pipeline is not None
    rng = np.random.default_rng(stats.SEED)
    z = fitted.pipeline[:-1].transform(data[fitted.cols].astype(float).to_numpy())
    y = data[f"y_{target}"].to_numpy()
    boots = []
    for _ in range(N_BOOT_ESTIMATE):
        idx = rng.integers(0, len(data), len(data))
        if len(set(y[idx])) < 2:
            continue
        pipe = _boot_pipeline(fitted.pipeline, z[idx], y[idx])
        boot = Fitted(fitted.cols, float(y[idx].mean()), pipe)
        ridx = rng.integers(0, len(recent), len(recent))
        boots.append(boot.recalibrated(recent.iloc[ridx], target))
    last = max(data.publication_date)
    national = window(data.publication_date, last + timedelta(days=1), NATIONAL_MONTHS)
    year = data[national]
    return Current(
        fitted=fitted,
        boots=tuple(boots),
        window_from=min(recent.publication_date),
        window_to=max(recent.publication_date),
        window_n=len(recent),
        national_share=float(year[f"y_{target}"].mean()),
        national_n=len(year),
        national_from=min(year.publication_date),
        national_to=max(year.publication_date),
    )


@dataclass(frozen=True)
class Factor:
    feature: str
    label: str
    value: float | None
    typical: float | None  # the average inspected council's figure
    year: str
    points: float  # percentage points this factor adds to the estimate (negative lowers it)


def _number(raw: object) -> float | None:
    if raw is None:
        return None
    number = float(str(raw))
    return None if np.isnan(number) else number


@dataclass(frozen=True)
class Estimate:
    la_code: str
    target: str
    probability: float
    low: float
    high: float
    national_share: float
    national_n: int
    factors: list[Factor]
    last_inspection: str | None
    last_judgement: str | None
    data_date: str  # the Ofsted data's "as at" date
    window: str = ""
    possibly_reinspected: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def base_rate(self) -> float:
        return self.national_share


def estimate(
    la_code: str, target: str = "overall", today: date | None = None, top: int = 5
) -> Estimate:
    """The chance the next inspection finds requires improvement or inadequate, with an interval
    and its largest factors in percentage points."""
    today = today or date.today()
    row = current_features(la_code, today)
    frame = pd.DataFrame([row])
    model = current_model(target, today)
    fitted = model.fitted
    probability = float(fitted.predict(frame)[0])
    draws = np.array([float(b.predict(frame)[0]) for b in model.boots])
    low, high = (float(v) for v in np.percentile(draws, [2.5, 97.5]))
    points = fitted.points(frame)
    ordered = sorted(points.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:top]
    factors = []
    for name, pts in ordered:
        plain = name.removeprefix(f"{target}_")
        flag = name.endswith(("_poor", "_inadequate", "_outstanding", "short_inspection"))
        factors.append(
            Factor(
                feature=name,
                label=FEATURE_LABELS.get(plain) or PREVIOUS_LABELS.get(plain, plain),
                value=_number(row.get(name)),
                typical=None if flag else fitted.typical(name),
                year=str(row.get(f"year_{plain}", "")),
                points=pts,
            )
        )
    last = row.get(f"last_{target}")
    last_date = None if row["last_inspection"] is None else str(row["last_inspection"])
    stale = last_date is None or (
        date.fromisoformat(last_date) < today - timedelta(days=round(USUAL_CYCLE_YEARS * 365.25))
    )
    return Estimate(
        la_code=la_code,
        target=target,
        probability=probability,
        low=low,
        high=high,
        national_share=model.national_share,
        national_n=model.national_n,
        factors=factors,
        last_inspection=last_date,
        last_judgement=None if last is None else str(last),
        data_date=ofsted_as_at(),
        window=f"{model.window_from.isoformat()} to {model.window_to.isoformat()}",
        possibly_reinspected=stale,
    )


def coefficients(target: str, today: date | None = None) -> dict[str, float]:
    """Standardised coefficients of today's model (log-odds per standard deviation)."""
    fitted = current_model(target, today or date.today()).fitted
    assert fitted.pipeline is not None
    return {c: float(v) for c, v in zip(fitted.cols, fitted.pipeline[-1].coef_[0], strict=True)}


def unpenalised(x: np.ndarray, y: np.ndarray) -> LogisticRegression:
    """A plain maximum-likelihood fit, used to check the pipeline recovers known coefficients."""
    return LogisticRegression(C=np.inf, max_iter=5000).fit(x, y)
