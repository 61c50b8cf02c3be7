"""A risk model of the next ILACS judgement, and its strictly time-ordered backtest.

Outcome: requires improvement or inadequate (1) against good or outstanding (0), for the overall
judgement and for the impact of leaders. Model: L2-regularised logistic regression on standardised
features (missing values take the training median), the penalty chosen by 5-fold cross-validation
inside the training inspections only. Compared with two baselines: the previous judgement alone,
and no features at all (the training base rate for everyone).

Validation never looks forward: the split trains on inspections before ``CUT`` and tests on those
on or after it; the rolling-origin variant refits at each 1 January from 2021 and predicts the next
year, pooling the held-out predictions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from lineofsight.signals import stats
from lineofsight.signals.risk_data import (
    INDICATOR_FEATURES,
    PREVIOUS,
    PREVIOUS_LABELS,
    TARGETS,
    current_features,
    inspections_dataset,
)

CUT = date(2023, 1, 1)
ORIGINS = [date(2021, 1, 1), date(2022, 1, 1), date(2023, 1, 1), date(2024, 1, 1)]
CS = np.logspace(-3, 1, 9)
MODEL_NAMES = {
    "full": "Indicators and previous judgement",
    "indicators": "Indicators only",
    "previous": "Previous judgement alone",
    "base_rate": "No indicators (base rate)",
}
FEATURE_LABELS = {f.name: f.label for f in INDICATOR_FEATURES} | {
    "short_inspection": "Short inspection due (previously good or outstanding)"
}


def columns(model: str, target: str) -> list[str]:
    previous = [f"{target}_{p}" for p in PREVIOUS] + ["short_inspection"]
    indicators = [f.name for f in INDICATOR_FEATURES]
    return {
        "full": indicators + previous,
        "indicators": indicators,
        "previous": previous,
        "base_rate": [],
    }[model]


@dataclass
class Fitted:
    cols: list[str]
    base_rate: float
    pipeline: Pipeline | None = None

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        if self.pipeline is None:
            return np.full(len(frame), self.base_rate)
        x = frame[self.cols].astype(float).to_numpy()
        return np.asarray(self.pipeline.predict_proba(x)[:, 1])

    def contributions(self, row: pd.DataFrame) -> dict[str, float]:
        """Coefficient × standardised feature (log-odds) for one row."""
        if self.pipeline is None:
            return {}
        x = row[self.cols].astype(float).to_numpy()
        z = self.pipeline[:-1].transform(x)[0]
        coef = self.pipeline[-1].coef_[0]
        return {c: float(v) for c, v in zip(self.cols, coef * z, strict=True)}


def fit(train: pd.DataFrame, target: str, model: str) -> Fitted:
    y = train[f"y_{target}"].to_numpy()
    cols = columns(model, target)
    if not cols:
        return Fitted(cols, float(y.mean()))
    cv = StratifiedKFold(5, shuffle=True, random_state=stats.SEED % 2**31)
    pipeline = Pipeline(
        [
            ("impute", SimpleImputer(strategy="median", keep_empty_features=True)),
            ("scale", StandardScaler()),
            (
                "model",
                LogisticRegressionCV(
                    Cs=CS,
                    l1_ratios=(0.0,),
                    cv=cv,
                    scoring="neg_log_loss",
                    max_iter=5000,
                    use_legacy_attributes=False,
                ),
            ),
        ]
    )
    pipeline.fit(train[cols].astype(float).to_numpy(), y)
    return Fitted(cols, float(y.mean()), pipeline)


@dataclass(frozen=True)
class Result:
    target: str
    model: str
    design: str  # "split" or "rolling"
    n_train: int
    n_test: int
    positives: int
    auc: stats.Interval
    brier: float
    calibration: tuple[float, float] | None
    reliability: list[tuple[float, float, int]] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "model": self.model,
            "design": self.design,
            "n_train": self.n_train,
            "n_test": self.n_test,
            "positives": self.positives,
            "auc": self.auc.estimate,
            "auc_low": self.auc.low,
            "auc_high": self.auc.high,
            "brier": self.brier,
            "calibration_slope": None if self.calibration is None else self.calibration[0],
            "calibration_intercept": None if self.calibration is None else self.calibration[1],
            "reliability": [list(r) for r in self.reliability],
        }


def reliability(y: np.ndarray, p: np.ndarray, bins: int = 5) -> list[tuple[float, float, int]]:
    """(mean predicted, observed share, inspections) in quantile bins of the prediction."""
    if np.ptp(p) < 1e-9:
        return [(float(p.mean()), float(y.mean()), len(y))]
    groups = pd.qcut(pd.Series(p), bins, labels=False, duplicates="drop")
    out = []
    for g in sorted(groups.unique()):
        m = (groups == g).to_numpy()
        out.append((float(p[m].mean()), float(y[m].mean()), int(m.sum())))
    return out


def _result(
    target: str, model: str, design: str, n_train: int, y: np.ndarray, p: np.ndarray
) -> Result:
    return Result(
        target=target,
        model=model,
        design=design,
        n_train=n_train,
        n_test=len(y),
        positives=int(y.sum()),
        auc=stats.auc_ci(y, p),
        brier=stats.brier(y, p),
        calibration=stats.calibration_slope_intercept(y, p),
        reliability=reliability(y, p),
    )


@dataclass(frozen=True)
class Backtest:
    results: list[Result]
    differences: dict[str, stats.Interval]  # "<design>/<target>" -> AUC(full) − AUC(previous)
    cut: date

    def record(self) -> dict[str, Any]:
        return {
            "cut": self.cut.isoformat(),
            "origins": [o.isoformat() for o in ORIGINS],
            "results": [r.record() for r in self.results],
            "auc_full_minus_previous": {
                k: {"estimate": v.estimate, "low": v.low, "high": v.high}
                for k, v in self.differences.items()
            },
        }


def _split_predictions(
    data: pd.DataFrame, target: str, model: str, cut: date
) -> tuple[int, np.ndarray, np.ndarray]:
    train = data[data.inspection_date < cut]
    test = data[data.inspection_date >= cut]
    fitted = fit(train, target, model)
    return len(train), test[f"y_{target}"].to_numpy(), fitted.predict(test)


def _rolling_predictions(
    data: pd.DataFrame, target: str, model: str
) -> tuple[int, np.ndarray, np.ndarray]:
    ys, ps, n_train = [], [], 0
    ends = [*ORIGINS[1:], date.max]
    for origin, end in zip(ORIGINS, ends, strict=True):
        train = data[data.inspection_date < origin]
        test = data[(data.inspection_date >= origin) & (data.inspection_date < end)]
        if test.empty:
            continue
        fitted = fit(train, target, model)
        ys.append(test[f"y_{target}"].to_numpy())
        ps.append(fitted.predict(test))
        n_train = len(train)
    return n_train, np.concatenate(ys), np.concatenate(ps)


@cache
def backtest(cut: date = CUT) -> Backtest:
    """Every model on the held-out later inspections, for both targets and both designs."""
    data = inspections_dataset()
    results: list[Result] = []
    diffs: dict[str, stats.Interval] = {}
    for design in ("split", "rolling"):
        for target in TARGETS:
            preds: dict[str, np.ndarray] = {}
            y = np.array([])
            for model in MODEL_NAMES:
                if design == "split":
                    n, y, p = _split_predictions(data, target, model, cut)
                else:
                    n, y, p = _rolling_predictions(data, target, model)
                preds[model] = p
                results.append(_result(target, model, design, n, y, p))
            diffs[f"{design}/{target}"] = stats.auc_difference_ci(
                y, preds["full"], preds["previous"]
            )
    return Backtest(results, diffs, cut)


@cache
def final_model(target: str) -> Fitted:
    """The model refitted on every inspection, for today's estimates."""
    return fit(inspections_dataset(), target, "full")


@dataclass(frozen=True)
class Factor:
    feature: str
    label: str
    value: float | None
    year: str
    contribution: float  # log-odds; positive raises the estimate


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
    base_rate: float
    factors: list[Factor]
    last_inspection: str | None
    last_judgement: str | None


def estimate(
    la_code: str, target: str = "overall", today: date | None = None, top: int = 5
) -> Estimate:
    """The chance the next inspection finds requires improvement or inadequate, with its factors."""
    row = current_features(la_code, today or date.today())
    frame = pd.DataFrame([row])
    fitted = final_model(target)
    contributions = fitted.contributions(frame)
    ordered = sorted(contributions.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:top]
    factors = []
    for name, c in ordered:
        plain = name.removeprefix(f"{target}_")
        raw = row.get(name)
        factors.append(
            Factor(
                feature=name,
                label=FEATURE_LABELS.get(plain) or PREVIOUS_LABELS.get(plain, plain),
                value=_number(raw),
                year=str(row.get(f"year_{plain}", "")),
                contribution=c,
            )
        )
    last = row.get(f"last_{target}")
    return Estimate(
        la_code=la_code,
        target=target,
        probability=float(fitted.predict(frame)[0]),
        base_rate=fitted.base_rate,
        factors=factors,
        last_inspection=None if row["last_inspection"] is None else str(row["last_inspection"]),
        last_judgement=None if last is None else str(last),
    )


def coefficients(target: str) -> dict[str, float]:
    """Standardised coefficients of the final model (log-odds per standard deviation)."""
    fitted = final_model(target)
    assert fitted.pipeline is not None
    return {c: float(v) for c, v in zip(fitted.cols, fitted.pipeline[-1].coef_[0], strict=True)}


def unpenalised(x: np.ndarray, y: np.ndarray) -> LogisticRegression:
    """A plain maximum-likelihood fit, used to check the pipeline recovers known coefficients."""
    return LogisticRegression(C=np.inf, max_iter=5000).fit(x, y)
