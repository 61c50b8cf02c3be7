"""Forecast of published series (children looked after, starts, child protection plans), 1-3 years ahead.

The method, chosen on the backtest below: the level is the last figure (stocks: children looked
after) or an exponentially smoothed level (flows: starts and plans, which are noisier), and each
council's recent growth (in logs) is shrunk towards its statistical neighbours' and England's recent
growth, then damped as it is carried forward. The backtest found growth carries little forward:
the result is close to "same as last year", slightly better for the noisy flows.
Intervals are not assumed normal: they are the empirical quantiles of earlier forecasts' errors
(pooled over all councils, scaled by each council's own volatility), using only errors whose outcome
was known at the forecast's origin, so the backtest never sees the future.

Everything is one NumPy array per series (councils x years), so all 153 councils take well under a
second.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from lineofsight.errors import UserError

SERIES: dict[str, str] = {
    "cla_count": "Children looked after at 31 March",
    "cla_rate_per_10k": "Children looked after per 10,000 children at 31 March",
    "cla_starts_count": "Children who started to be looked after in the year to 31 March",
    "cpp_count": "Children on child protection plans at 31 March",
}
DECIMALS = {"cla_count": 0, "cla_rate_per_10k": 0, "cla_starts_count": 0, "cpp_count": 0}
HORIZONS = (1, 2, 3)
LEVELS = (80, 95)
METHODS = ("pooled", "last_year", "straight_line")
METHOD_NAMES = {
    "pooled": "Pooled damped growth (ours)",
    "last_year": "Same as last year",
    "straight_line": "Straight-line trend (5 years)",
}

# Chosen on the same backtest (a small grid, so the figures are slightly optimistic; see
# docs/forecast.md): recent growth over 3 years, weight on a council's own growth n/(n+KAPPA), the
# rest split between neighbours (NEIGHBOUR_SHARE) and England, each further year's growth multiplied
# by PHI; the level smoothed with weight ALPHA on the latest year (1 = the last figure).
RECENT = 3
KAPPA = 20.0
NEIGHBOUR_SHARE = 0.6
PHI = 0.3
ALPHA = {"cla_count": 1.0, "cla_rate_per_10k": 1.0, "cla_starts_count": 0.7, "cpp_count": 0.7}
LINE_YEARS = 5
MIN_CALIBRATION = 100  # errors needed before an interval is given at a horizon


@dataclass(frozen=True)
class Panel:
    """One series for the current councils: ``values[i, t]`` for council ``codes[i]`` in ``years[t]``."""

    series: str
    codes: list[str]
    years: list[int]
    values: np.ndarray  # float, NaN where no figure was published
    neighbours: np.ndarray  # (n_councils, 10) row indices into codes, -1 where none


@cache
def panel(series: str) -> Panel:
    """The published series as an array; predecessors' series are left out (their area changed)."""
    from lineofsight.published.store import load_store
    from lineofsight.reference.las import registry

    store = load_store()
    codes = [la.code for la in registry().current()]
    index = {code: i for i, code in enumerate(codes)}
    rows = store.values[
        (store.values.indicator_id == series) & (store.values.state == "value")
    ].copy()
    rows = rows[rows.area_code.astype(str).isin(index)]
    years = sorted({int(str(y)) for y in rows.year.astype(str)})
    grid = np.full((len(codes), len(years)), np.nan)
    col = {y: j for j, y in enumerate(years)}
    for code, year, value in zip(
        rows.area_code.astype(str), rows.year.astype(str), rows.value, strict=True
    ):
        grid[index[code], col[int(year)]] = value
    grid[grid <= 0] = np.nan  # a log-growth model needs positive figures
    nb = store.neighbours[store.neighbours.model.astype(str) == "2025"]
    neighbours = np.full((len(codes), 10), -1, dtype=int)
    for la_code, rank, other in zip(
        nb.la_code.astype(str), nb["rank"], nb.neighbour_code.astype(str), strict=True
    ):
        if la_code in index and other in index and 1 <= int(rank) <= 10:
            neighbours[index[la_code], int(rank) - 1] = index[other]
    return Panel(series, codes, years, grid, neighbours)


# --- point forecasts: each takes the history up to the origin (columns 0..o) and returns log points


def _recent_growth(logs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean of each council's last RECENT growths and how many there were (NaN, 0 where none)."""
    growth = np.diff(logs, axis=1)[:, -RECENT:]
    n = np.sum(~np.isnan(growth), axis=1)
    with np.errstate(invalid="ignore"):
        mean = np.where(n > 0, np.nansum(growth, axis=1) / np.maximum(n, 1), np.nan)
    return mean, n


def _smoothed(logs: np.ndarray, alpha: float) -> np.ndarray:
    """Exponentially smoothed log level at the last year (a gap keeps the level it had)."""
    level = logs[:, 0].copy()
    for t in range(1, logs.shape[1]):
        x = logs[:, t]
        mixed = alpha * x + (1 - alpha) * level
        level = np.where(np.isnan(level), x, np.where(np.isnan(x), level, mixed))
    return level


def _pooled(
    logs: np.ndarray, neighbours: np.ndarray, horizons: tuple[int, ...], alpha: float = 1.0
) -> np.ndarray:
    own, n = _recent_growth(logs)
    england = float(np.nanmedian(own))
    nb_growth = np.where(neighbours >= 0, own[np.clip(neighbours, 0, None)], np.nan)
    nb_n = np.sum(~np.isnan(nb_growth), axis=1)
    nb_mean = np.where(
        nb_n > 0,
        np.nansum(np.nan_to_num(nb_growth, nan=0.0), axis=1) / np.maximum(nb_n, 1),
        england,
    )
    w_own = n / (n + KAPPA)
    shrunk = w_own * np.nan_to_num(own, nan=0.0) + (1 - w_own) * (
        NEIGHBOUR_SHARE * nb_mean + (1 - NEIGHBOUR_SHARE) * england
    )
    cumulative = np.array([sum(PHI**k for k in range(1, h + 1)) for h in horizons])
    level = logs[:, -1] if alpha >= 1 else _smoothed(logs, alpha)
    level = np.where(np.isnan(logs[:, -1]), np.nan, level)
    return np.asarray(level[:, None] + shrunk[:, None] * cumulative[None, :])


def _last_year(logs: np.ndarray, neighbours: np.ndarray, horizons: tuple[int, ...]) -> np.ndarray:
    return np.repeat(logs[:, -1:], len(horizons), axis=1)


def _straight_line(
    logs: np.ndarray, neighbours: np.ndarray, horizons: tuple[int, ...]
) -> np.ndarray:
    """Least-squares line through the last LINE_YEARS levels (not logs), floored at one child."""
    level = np.exp(logs[:, -LINE_YEARS:])
    t = np.arange(level.shape[1], dtype=float)
    ok = ~np.isnan(level)
    n = ok.sum(axis=1)
    tt = np.where(ok, t, 0.0)
    yy = np.where(ok, level, 0.0)
    t_mean = tt.sum(axis=1) / np.maximum(n, 1)
    y_mean = yy.sum(axis=1) / np.maximum(n, 1)
    sxx = (np.where(ok, (t - t_mean[:, None]) ** 2, 0.0)).sum(axis=1)
    sxy = (np.where(ok, (t - t_mean[:, None]) * (level - y_mean[:, None]), 0.0)).sum(axis=1)
    slope = np.where(sxx > 0, sxy / np.where(sxx > 0, sxx, 1.0), 0.0)
    last_t = t[-1]
    ahead = np.array(horizons, dtype=float)
    points = y_mean[:, None] + slope[:, None] * (last_t + ahead[None, :] - t_mean[:, None])
    return np.asarray(np.log(np.maximum(points, 1.0)))


POINTS: dict[str, Callable[[np.ndarray, np.ndarray, tuple[int, ...]], np.ndarray]] = {
    "pooled": _pooled,
    "last_year": _last_year,
    "straight_line": _straight_line,
}


def _scale(logs: np.ndarray) -> np.ndarray:
    """Each council's volatility: the spread of its last six growths, shrunk to the median spread."""
    growth = np.diff(logs, axis=1)[:, -6:]
    n = np.sum(~np.isnan(growth), axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        sd = np.where(
            n >= 2, np.nanstd(np.where(n[:, None] >= 2, growth, 0.0), axis=1, ddof=1), np.nan
        )
    pool = float(np.nanmedian(sd)) if np.any(~np.isnan(sd)) else 0.05
    local = np.nan_to_num(sd, nan=pool)
    return np.asarray(np.sqrt((n * local**2 + 3 * pool**2) / (n + 3)))


def volatility(series: str, la_code: str | None) -> float:
    """How much a council's series moves from year to year (log scale, shrunk to the median);
    England's median spread when the council is unknown. The own-data model uses it to let its
    rates drift, which the rates' sampling error alone does not cover."""
    p = panel(series)
    scale = _scale(np.log(p.values))
    if la_code in p.codes:
        return float(scale[p.codes.index(la_code)])
    return float(np.median(scale))


@dataclass(frozen=True)
class Forecasts:
    """Point forecasts (logs) and scaled errors for every origin, for one series and method."""

    origins: list[int]  # column index of each origin
    points: np.ndarray  # (origins, councils, horizons), logs
    scale: np.ndarray  # (origins, councils)


def _all_origins(p: Panel, method: str, first: int = 2) -> Forecasts:
    logs = np.log(p.values)
    origins = list(range(first, len(p.years)))
    if method == "pooled":
        alpha = ALPHA[p.series]
        points = np.stack(
            [_pooled(logs[:, : o + 1], p.neighbours, HORIZONS, alpha) for o in origins]
        )
    else:
        points = np.stack(
            [POINTS[method](logs[:, : o + 1], p.neighbours, HORIZONS) for o in origins]
        )
    scale = np.stack([_scale(logs[:, : o + 1]) for o in origins])
    return Forecasts(origins, points, scale)


def _errors(p: Panel, f: Forecasts) -> np.ndarray:
    """Standardised log errors (origins, councils, horizons); NaN where the outcome is unknown."""
    logs = np.log(p.values)
    out = np.full(f.points.shape, np.nan)
    for k, o in enumerate(f.origins):
        for j, h in enumerate(HORIZONS):
            if o + h < logs.shape[1]:
                out[k, :, j] = (logs[:, o + h] - f.points[k, :, j]) / f.scale[k]
    return out


def _quantiles(z: np.ndarray, f: Forecasts, k: int, j: int, h: int) -> np.ndarray | None:
    """Error quantiles for origin ``k``, horizon ``j``: only errors whose outcome year <= origin."""
    origin = f.origins[k]
    usable = [kk for kk, o in enumerate(f.origins) if o + h <= origin]
    pool = z[usable, :, j].ravel() if usable else np.array([])
    pool = pool[~np.isnan(pool)]
    if pool.size < MIN_CALIBRATION:
        return None
    probs = [(100 - lv) / 200 for lv in LEVELS] + [1 - (100 - lv) / 200 for lv in LEVELS]
    return np.asarray(np.quantile(pool, probs))


@dataclass(frozen=True)
class Score:
    series: str
    method: str
    horizon: int
    cases: int
    mape: float
    coverage: dict[int, float]  # level -> share of outcomes inside the interval, percent


def backtest(series: str) -> list[Score]:
    """Rolling-origin backtest: every origin with a calibrated interval and a known outcome."""
    p = panel(series)
    logs = np.log(p.values)
    prepared = {m: _all_origins(p, m) for m in METHODS}
    errors = {m: _errors(p, f) for m, f in prepared.items()}
    scores = []
    for j, h in enumerate(HORIZONS):
        # the same cases for every method: a known outcome, a figure at the origin, an interval
        cases: list[tuple[int, np.ndarray]] = []
        for k, o in enumerate(prepared["pooled"].origins):
            if o + h >= logs.shape[1]:
                continue
            if any(_quantiles(errors[m], prepared[m], k, j, h) is None for m in METHODS):
                continue
            ok = ~np.isnan(logs[:, o]) & ~np.isnan(logs[:, o + h])
            cases.append((k, ok))
        for m in METHODS:
            f = prepared[m]
            ape: list[np.ndarray] = []
            inside: dict[int, list[np.ndarray]] = {lv: [] for lv in LEVELS}
            for k, ok in cases:
                o = f.origins[k]
                actual = p.values[ok, o + h]
                point = np.exp(f.points[k, ok, j])
                ape.append(np.abs(actual - point) / actual)
                q = _quantiles(errors[m], f, k, j, h)
                assert q is not None
                z = errors[m][k, ok, j]
                for i, lv in enumerate(LEVELS):
                    inside[lv].append((z >= q[i]) & (z <= q[len(LEVELS) + i]))
            flat = np.concatenate(ape) if ape else np.array([])
            scores.append(
                Score(
                    series,
                    m,
                    h,
                    int(flat.size),
                    float(100 * flat.mean()) if flat.size else float("nan"),
                    {
                        lv: float(100 * np.concatenate(v).mean()) if v else float("nan")
                        for lv, v in inside.items()
                    },
                )
            )
    return scores


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    low: dict[int, float]  # level -> lower bound
    high: dict[int, float]


@dataclass(frozen=True)
class SeriesForecast:
    series: str
    title: str
    history: list[tuple[int, float]]
    ahead: list[Point]


def forecast(la_code: str, series: str, method: str = "pooled") -> SeriesForecast:
    """One council's series one to three years after its last published year, with intervals."""
    p = panel(series)
    if la_code not in p.codes:
        raise UserError(
            f"No published {SERIES[series].lower()} for {la_code}: it is not a current council."
        )
    i = p.codes.index(la_code)
    f = _all_origins(p, method)
    z = _errors(p, f)
    k = len(f.origins) - 1
    history = [(y, float(v)) for y, v in zip(p.years, p.values[i], strict=True) if not np.isnan(v)]
    last = p.values[i, -1]
    if np.isnan(last):
        return SeriesForecast(series, SERIES[series], history, [])
    ahead = []
    for j, h in enumerate(HORIZONS):
        q = _quantiles(z, f, k, j, h)
        point = float(np.exp(f.points[k, i, j]))
        s = float(f.scale[k, i])
        low = (
            {lv: point * float(np.exp(q[n] * s)) for n, lv in enumerate(LEVELS)}
            if q is not None
            else {}
        )
        high = (
            {lv: point * float(np.exp(q[len(LEVELS) + n] * s)) for n, lv in enumerate(LEVELS)}
            if q is not None
            else {}
        )
        ahead.append(Point(p.years[-1] + h, point, low, high))
    return SeriesForecast(series, SERIES[series], history, ahead)


def forecast_all(series: str) -> pd.DataFrame:
    """Base forecasts for every current council (one row per council and year ahead)."""
    p = panel(series)
    f = _all_origins(p, "pooled")
    z = _errors(p, f)
    k = len(f.origins) - 1
    frames = []
    for j, h in enumerate(HORIZONS):
        q = _quantiles(z, f, k, j, h)
        point = np.exp(f.points[k, :, j])
        s = f.scale[k]
        frame = pd.DataFrame({"la_code": p.codes, "year": p.years[-1] + h, "forecast": point})
        if q is not None:
            for n, lv in enumerate(LEVELS):
                frame[f"low_{lv}"] = point * np.exp(q[n] * s)
                frame[f"high_{lv}"] = point * np.exp(q[len(LEVELS) + n] * s)
        frame.loc[np.isnan(p.values[:, -1]), frame.columns[2:]] = np.nan
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)
