"""Small, seeded statistics for the backtest and the agency/vacancy analysis.

Bootstrap intervals use a fixed numpy seed so every run prints the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.stats import rankdata
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

SEED = 20250331
N_BOOT = 2000


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float

    def text(self, digits: int = 2) -> str:
        return f"{self.estimate:.{digits}f} ({self.low:.{digits}f} to {self.high:.{digits}f})"


def auc(y: ArrayLike, p: ArrayLike) -> float:
    """Area under the ROC curve: the chance a random positive is ranked above a random negative."""
    return float(roc_auc_score(np.asarray(y), np.asarray(p)))


def brier(y: ArrayLike, p: ArrayLike) -> float:
    return float(brier_score_loss(np.asarray(y), np.asarray(p)))


def _percentile_interval(estimate: float, draws: list[float]) -> Interval:
    if not draws:
        return Interval(estimate, float("nan"), float("nan"))
    lo, hi = np.percentile(np.asarray(draws), [2.5, 97.5])
    return Interval(estimate, float(lo), float(hi))


def _boot_aucs(y: np.ndarray, p: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """AUC of every bootstrap resample at once (Mann-Whitney on mid-ranks); NaN if one class."""
    yb, pb = y[idx], p[idx]
    ranks = rankdata(pb, axis=1)
    n1 = yb.sum(axis=1).astype(float)
    n0 = yb.shape[1] - n1
    with np.errstate(divide="ignore", invalid="ignore"):
        out = ((ranks * yb).sum(axis=1) - n1 * (n1 + 1) / 2) / (n1 * n0)
    return np.where((n1 > 0) & (n0 > 0), out, np.nan)


def _indices(n: int, n_boot: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, n, (n_boot, n))


def auc_ci(y: ArrayLike, p: ArrayLike, n_boot: int = N_BOOT, seed: int = SEED) -> Interval:
    """AUC with a percentile bootstrap 95% interval over resampled inspections."""
    ya, pa = np.asarray(y, dtype=int), np.asarray(p, dtype=float)
    draws = _boot_aucs(ya, pa, _indices(len(ya), n_boot, seed))
    return _percentile_interval(auc(ya, pa), [float(d) for d in draws if not np.isnan(d)])


def auc_difference_ci(
    y: ArrayLike, p1: ArrayLike, p2: ArrayLike, n_boot: int = N_BOOT, seed: int = SEED
) -> Interval:
    """AUC(p1) − AUC(p2) on the same inspections, with a paired bootstrap 95% interval."""
    ya = np.asarray(y, dtype=int)
    a, b = np.asarray(p1, dtype=float), np.asarray(p2, dtype=float)
    idx = _indices(len(ya), n_boot, seed)
    d = _boot_aucs(ya, a, idx) - _boot_aucs(ya, b, idx)
    return _percentile_interval(auc(ya, a) - auc(ya, b), [float(x) for x in d if not np.isnan(x)])


def calibration_slope_intercept(y: ArrayLike, p: ArrayLike) -> tuple[float, float] | None:
    """Slope and intercept of the outcome on the logit of the prediction (ideal: 1 and 0).

    None where the predictions do not vary (a base-rate model has no slope).
    """
    pa = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
    if np.ptp(pa) < 1e-9:
        return None
    logit = np.log(pa / (1 - pa)).reshape(-1, 1)
    fit = LogisticRegression(C=np.inf, max_iter=1000).fit(logit, np.asarray(y))
    return float(fit.coef_[0][0]), float(fit.intercept_[0])


def bootstrap_diff(
    a: ArrayLike, b: ArrayLike, stat: str = "mean", n_boot: int = N_BOOT, seed: int = SEED
) -> Interval:
    """Difference in means (or medians) of two groups, with a percentile bootstrap 95% interval."""
    xa, xb = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    f = np.mean if stat == "mean" else np.median
    rng = np.random.default_rng(seed)
    draws = [float(f(rng.choice(xa, len(xa))) - f(rng.choice(xb, len(xb)))) for _ in range(n_boot)]
    return _percentile_interval(float(f(xa) - f(xb)), draws)


def rank_biserial(a: ArrayLike, b: ArrayLike) -> float:
    """Rank-biserial correlation: P(a > b) − P(a < b) over all pairs (ties count half each way)."""
    xa, xb = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    greater = (xa[:, None] > xb[None, :]).sum()
    less = (xa[:, None] < xb[None, :]).sum()
    return float((greater - less) / (len(xa) * len(xb)))
