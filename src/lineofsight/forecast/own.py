"""Stock-and-flow forecast of children looked after from the council's own SSDA903 returns.

Children are counted by age band and placement type (one table of placement codes:
:mod:`lineofsight.reference.placements`). From a window of the returns (by default the last 12
months) the model estimates daily rates: children entering care into each state, moving between
states (a new placement type, or a birthday into the next age band) and leaving care. It carries
the stock at the last 31 March forward month by month. The base forecast is the expected path;
the interval comes from simulating children (who moves, who arrives) with the rates themselves
drawn from their uncertainty (a Gamma for each count over its exposure), so a short window gives a
wide band. Costs are stock-days times weekly unit costs with inflation.

Every month reconciles: opening stock + entries - exits = closing stock (children changing state
stay in the stock), in the base forecast and in every simulation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from lineofsight.errors import UserError
from lineofsight.forecast.scenario import Scenario
from lineofsight.reference.placements import TYPES, in_house, placement_type
from lineofsight.wording import day_month_year

# (label, lower age, upper age): the demand model's bands
AGE_BANDS = (("0", 0, 1), ("1-4", 1, 5), ("5-10", 5, 11), ("11-15", 11, 16), ("16+", 16, 18))
CUTS = (1, 5, 11, 16)
N_TYPES = len(TYPES)
N_STATES = len(AGE_BANDS) * N_TYPES
EXIT = N_STATES  # index of the absorbing "left care" state
SIMULATIONS = 500
LEVELS = (80, 95)
DAYS_PER_MONTH = 365.25 / 12


def state_index(band: int, ptype: int) -> int:
    return band * N_TYPES + ptype


def state_label(s: int) -> tuple[str, str]:
    return AGE_BANDS[s // N_TYPES][0], TYPES[s % N_TYPES]


@dataclass(frozen=True)
class Segments:
    """Each child's time in care cut into spells of one state (age band x placement type)."""

    frame: pd.DataFrame  # CHILD, start, end, state, in_house, entry (bool), next_state (-1 = left)
    data_end: pd.Timestamp  # the last day the returns cover (31 March of the latest return)
    dropped: int  # episodes left out: no date of birth, or no start date


def segments(tables: dict[str, pd.DataFrame], as_at: pd.Timestamp | None = None) -> Segments:
    """Episodes across any number of returns (the latest return's copy of each), cut by birthdays.

    ``as_at`` cuts the history short (for a backtest): what happened after it is not seen.
    """
    eps = tables.get("episodes")
    head = tables.get("header")
    if eps is None or head is None or eps.empty:
        raise UserError("The returns hold no SSDA903 episodes and header; a forecast needs both.")
    eps = eps[
        ["CHILD", "DECOM", "DEC", "PLACE", "PLACE_PROVIDER"] + (["YEAR"] if "YEAR" in eps else [])
    ]
    if "YEAR" in eps:
        eps = eps.sort_values("YEAR", kind="stable")
        data_end = pd.Timestamp(int(eps.YEAR.max()), 3, 31)
    else:
        last = max(eps.DECOM.max(), eps.DEC.max())
        data_end = pd.Timestamp(last.year + (last.month > 3), 3, 31)
    eps = eps.drop_duplicates(["CHILD", "DECOM"], keep="last")
    people = head.sort_values("YEAR", kind="stable") if "YEAR" in head else head
    people = people.dropna(subset=["DOB"]).drop_duplicates("CHILD", keep="last")
    dob: pd.Series = people.set_index("CHILD")["DOB"]
    eps = eps.assign(DOB=eps.CHILD.map(dob))
    before = len(eps)
    eps = eps.dropna(subset=["DECOM", "DOB"])
    dropped = before - len(eps)
    if as_at is not None:
        data_end = min(data_end, as_at)
        eps = eps[eps.DECOM.le(data_end)]
        eps = eps.assign(DEC=eps.DEC.where(eps.DEC.le(data_end)))
    eps = eps.sort_values(["CHILD", "DECOM"], kind="stable")
    stop = data_end + pd.Timedelta(days=1)  # an open episode is in care on data_end
    end = eps.DEC.fillna(stop)
    end = end.where(end.le(stop), stop)
    nxt = eps.groupby("CHILD").DECOM.shift(-1)
    end = end.where(nxt.isna() | (nxt >= end), nxt)  # overlapping episodes: the next one wins
    eighteen = eps.DOB + pd.DateOffset(years=18)
    end = end.where(end <= eighteen, eighteen)
    ptype = np.array([TYPES.index(placement_type(p)) for p in eps.PLACE.fillna("").astype(str)])
    house = np.array([in_house(p or None) for p in eps.PLACE_PROVIDER.fillna("").astype(str)])
    frame = pd.DataFrame(
        {
            "CHILD": eps.CHILD.astype(str).to_numpy(),
            "start": eps.DECOM.to_numpy(),
            "end": end.to_numpy(),
            "dob": eps.DOB.to_numpy(),
            "ptype": ptype,
            "in_house": house,
        }
    )
    frame = frame[frame.end > frame.start]
    # a new period of care: no episode of the child ends on this start
    prev_end = frame.groupby("CHILD").end.shift(1)
    frame = frame.assign(entry=(prev_end.isna() | (prev_end != frame.start)).to_numpy())
    for k in CUTS:  # cut each spell at the birthday that moves the child into the next band
        birthday = pd.to_datetime(frame.dob) + pd.DateOffset(years=k)
        cut = (frame.start < birthday) & (birthday < frame.end)
        if cut.any():
            first = frame[cut].assign(end=birthday[cut])
            second = frame[cut].assign(start=birthday[cut], entry=False)
            frame = pd.concat([frame[~cut], first, second], ignore_index=True)
    frame = frame.sort_values(["CHILD", "start"], kind="stable").reset_index(drop=True)
    age = (frame.start - pd.to_datetime(frame.dob)).dt.days / 365.25
    band = np.searchsorted(np.array(CUTS, dtype=float), age.to_numpy(), side="right")
    frame["state"] = band * N_TYPES + frame.ptype.to_numpy()
    same_child = frame.CHILD.shift(-1) == frame.CHILD
    continues = same_child & (frame.start.shift(-1) == frame.end)
    frame["next_state"] = np.where(continues, frame.state.shift(-1).fillna(-1), -1).astype(int)
    return Segments(frame.drop(columns=["dob", "ptype"]), data_end, dropped)


@dataclass(frozen=True)
class Rates:
    """Daily rates from a window: per state exposure, moves, exits and entries."""

    window_start: pd.Timestamp
    window_end: pd.Timestamp  # inclusive: the data end
    exposure: np.ndarray  # (S,) child-days
    moves: np.ndarray  # (S, S+1) counts; column EXIT = left care
    entries: np.ndarray  # (S,) children starting a period of care
    in_house_share: float  # share of fostering days with in-house carers
    opening: np.ndarray  # (S,) children in care on the data end

    @property
    def days(self) -> int:
        return int((self.window_end - self.window_start).days) + 1


def rates(seg: Segments, window_months: int = 12) -> Rates:
    f = seg.frame
    w1 = seg.data_end + pd.Timedelta(days=1)
    w0 = seg.data_end - pd.DateOffset(months=window_months) + pd.Timedelta(days=1)
    first = f.start.min()
    if pd.notna(first) and w0 < first:
        w0 = first
    lo = f.start.where(f.start > w0, w0)
    hi = f.end.where(f.end < w1, w1)
    days = ((hi - lo).dt.days).clip(lower=0).to_numpy()
    state = f.state.to_numpy()
    exposure = np.bincount(state, weights=days, minlength=N_STATES).astype(float)
    ends = ((f.end >= w0) & (f.end < w1)).to_numpy()
    to = np.where(f.next_state.to_numpy() >= 0, f.next_state.to_numpy(), EXIT)
    moving = ends & (to != state)
    moves = np.zeros((N_STATES, N_STATES + 1))
    np.add.at(moves, (state[moving], to[moving]), 1)
    starts = (f.entry & (f.start >= w0) & (f.start < w1)).to_numpy()
    entries = np.bincount(state[starts], minlength=N_STATES).astype(float)
    foster = (state % N_TYPES) == TYPES.index("fostering")
    fdays = days[foster].sum()
    share = float(days[foster & f.in_house.to_numpy()].sum() / fdays) if fdays > 0 else 1.0
    on_end = ((f.start <= seg.data_end) & (f.end > seg.data_end)).to_numpy()
    opening = np.bincount(state[on_end], minlength=N_STATES).astype(float)
    return Rates(w0, seg.data_end, exposure, moves, entries, share, opening)


def generator(r: Rates, rng: np.random.Generator | None = None, sims: int = 1) -> np.ndarray:
    """Daily transition rates (sims, S+1, S+1); drawn from their uncertainty when ``rng`` is given.

    A state nobody was in during the window takes the rates of all states of its placement type
    (or of everyone), and its birthday moves at one over the band's width, so a child entering a
    new state is not stuck there for ever.
    """
    counts = np.broadcast_to(r.moves, (sims, *r.moves.shape)).copy()
    exposure = np.broadcast_to(r.exposure, (sims, N_STATES)).copy()
    if rng is not None:
        # Gamma(count) over exposure: the rate's uncertainty given what was seen; a move never
        # seen stays impossible rather than spreading children over every state
        counts = np.where(counts > 0, rng.gamma(np.maximum(counts, 1e-9)), 0.0)
    q = np.zeros((sims, N_STATES + 1, N_STATES + 1))
    thin = r.exposure < 30
    exit_all = r.moves[:, EXIT].sum() / max(r.exposure.sum(), 1.0)
    for s in range(N_STATES):
        if not thin[s]:
            q[:, s, :] = counts[:, s, :] / exposure[:, s, None]
            continue
        band, ptype = divmod(s, N_TYPES)
        same = [b * N_TYPES + ptype for b in range(len(AGE_BANDS)) if not thin[b * N_TYPES + ptype]]
        exp_same = r.exposure[same].sum()
        q[:, s, EXIT] = r.moves[same, EXIT].sum() / exp_same if exp_same > 0 else exit_all
        if band + 1 < len(AGE_BANDS):
            width = (AGE_BANDS[band][2] - AGE_BANDS[band][1]) * 365.25
            q[:, s, state_index(band + 1, ptype)] = 1 / width
    q[:, np.arange(N_STATES + 1), np.arange(N_STATES + 1)] = 0.0
    return q


def _powers(q: np.ndarray, days: set[int]) -> dict[int, np.ndarray]:
    """Transition probabilities over each number of ``days`` from daily rates: (I + Q)^days.

    Rows sum to one. The powers share their squarings (P, P^2, P^4, ...), so the months of the
    forecast (28 to 31 days, and their halves) cost a handful of batched products.
    """
    step = q.copy()
    idx = np.arange(q.shape[-1])
    step[..., idx, idx] = 1.0 - q.sum(axis=-1)
    squares = [step]
    while 2 ** len(squares) <= max(days):
        squares.append(squares[-1] @ squares[-1])
    out = {}
    for d in days:
        result = None
        for bit, sq in enumerate(squares):
            if d >> bit & 1:
                result = sq if result is None else result @ sq
        out[d] = result if result is not None else np.broadcast_to(np.eye(q.shape[-1]), q.shape)
    return out


@dataclass
class Monthly:
    """One forecast (base or a simulation) month by month, by state."""

    months: list[dt.date]  # each month's last day
    opening: np.ndarray  # (..., M, S)
    entries: np.ndarray  # (..., M, S)
    exits: np.ndarray  # (..., M)
    closing: np.ndarray  # (..., M, S)
    cost: np.ndarray  # (..., M) pounds


@dataclass(frozen=True)
class Forecast:
    la_name: str
    scenario: Scenario
    rates: Rates
    base: Monthly
    quantiles: dict[str, dict[int, tuple[np.ndarray, np.ndarray]]]  # measure -> level -> (lo, hi)
    unit_costs: dict[str, float]
    cost_sources: dict[str, str]
    notes: list[str] = field(default_factory=list)

    def by_type(self, which: str = "closing") -> pd.DataFrame:
        """Base forecast children in care at each month end by placement type."""
        arr = getattr(self.base, which)
        out = {
            t: arr[:, [state_index(b, i) for b in range(len(AGE_BANDS))]].sum(axis=1)
            for i, t in enumerate(TYPES)
        }
        return pd.DataFrame(out, index=self.base.months)

    def by_band(self) -> pd.DataFrame:
        arr = self.base.closing
        out = {
            band: arr[:, [state_index(b, i) for i in range(N_TYPES)]].sum(axis=1)
            for b, (band, _, _) in enumerate(AGE_BANDS)
        }
        return pd.DataFrame(out, index=self.base.months)


def _month_ends(start: pd.Timestamp, months: int) -> list[dt.date]:
    return [(start + pd.offsets.MonthEnd(m + 1)).date() for m in range(months)]


def _apply_scenario(
    q: np.ndarray, entry_rates: np.ndarray, sc: Scenario
) -> tuple[np.ndarray, np.ndarray]:
    q = q.copy()
    entry_rates = entry_rates * sc.entry_rate
    if sc.step_down > 0:  # a share of children in residential moving to fostering each month
        extra = -np.log(1 - sc.step_down) / DAYS_PER_MONTH
        res, fos = TYPES.index("residential"), TYPES.index("fostering")
        for b in range(len(AGE_BANDS)):
            q[..., state_index(b, res), state_index(b, fos)] += extra
    if sc.uasc_per_year:
        entry_rates = entry_rates.copy()
        entry_rates[..., state_index(len(AGE_BANDS) - 1, TYPES.index("supported"))] += (
            sc.uasc_per_year / 365.25
        )
    return q, entry_rates


def _weekly_costs(
    unit_costs: dict[str, float], in_house_share: float, months: list[dt.date], inflation: float
) -> np.ndarray:
    """Cost per child-day by state and month (M, S), inflation compounded monthly."""
    day = (
        np.array(
            [
                (
                    in_house_share * unit_costs["fostering_in_house"]
                    + (1 - in_house_share) * unit_costs["fostering_agency"]
                )
                if t == "fostering"
                else unit_costs[t]
                for t in TYPES
            ]
        )
        / 7.0
    )
    per_state = np.tile(day, len(AGE_BANDS))
    growth = (1 + inflation) ** (np.arange(len(months)) / 12.0)
    return growth[:, None] * per_state[None, :]


def _run(
    opening: np.ndarray,
    q: np.ndarray,
    entry_rates: np.ndarray,
    months: list[dt.date],
    day_cost: np.ndarray,
    rng: np.random.Generator | None,
) -> Monthly:
    """Months forward; ``q`` (n, S+1, S+1) and ``entry_rates`` (n, S); random when ``rng`` is given."""
    n = q.shape[0]
    x = np.broadcast_to(opening, (n, N_STATES)).astype(float).copy()
    lengths = [m.day for m in months]
    powers = _powers(q, set(lengths) | {d // 2 for d in lengths})
    shape = (n, len(months), N_STATES)
    opening_a, entries_a, closing_a = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    exits_a, cost_a = np.zeros((n, len(months))), np.zeros((n, len(months)))
    for m, days in enumerate(lengths):
        full, half = powers[days][:, :N_STATES, :], powers[days // 2][:, :N_STATES, :]
        arrivals = entry_rates * days
        if rng is None:
            after = np.einsum("ns,nst->nt", x, full)
            joined = np.einsum("ns,nst->nt", arrivals, half)
        else:
            arrivals = rng.poisson(arrivals).astype(float)
            after = np.zeros((n, N_STATES + 1))
            joined = np.zeros((n, N_STATES + 1))
            for s in range(N_STATES):
                if x[:, s].any():
                    after += rng.multinomial(x[:, s].astype(np.int64), full[:, s, :])
                if arrivals[:, s].any():
                    joined += rng.multinomial(arrivals[:, s].astype(np.int64), half[:, s, :])
        closing = after[:, :N_STATES] + joined[:, :N_STATES]
        opening_a[:, m], entries_a[:, m], closing_a[:, m] = x, arrivals, closing
        exits_a[:, m] = after[:, EXIT] + joined[:, EXIT]
        cost_a[:, m] = ((x + closing) / 2 * day_cost[m]).sum(axis=1) * days
        x = closing
    return Monthly(months, opening_a, entries_a, exits_a, closing_a, cost_a)


def forecast(
    tables: dict[str, pd.DataFrame],
    la_code: str,
    la_name: str,
    scenario: Scenario,
    as_at: pd.Timestamp | None = None,
    seed: int = 19,
) -> Forecast:
    """The base path (expected values) and simulated intervals for ``scenario.months`` months."""
    seg = segments(tables, as_at)
    r = rates(seg, scenario.window_months)
    notes = []
    if seg.dropped:
        notes.append(f"{seg.dropped} episodes were left out: no start date or no date of birth.")
    return forecast_rates(r, la_code, la_name, scenario, notes, seed)


def drift(la_code: str | None) -> tuple[float, float]:
    """Year-to-year spread (log scale) of the council's published starts and children ceasing."""
    from lineofsight.forecast.published import volatility

    return volatility("cla_starts_count", la_code), volatility("cla_ceased_count", la_code)


def forecast_rates(
    r: Rates,
    la_code: str,
    la_name: str,
    scenario: Scenario,
    notes: list[str] | None = None,
    seed: int = 19,
) -> Forecast:
    """The forecast from rates already estimated (the web keeps only these aggregates).

    Each simulation also moves the entry and leaving rates by one draw of the council's published
    year-to-year spread (:func:`drift`): rates estimated from one window do not stay put, and an
    interval from their sampling error alone was too narrow in the backtest.
    """
    from lineofsight.forecast.costs import unit_costs

    if r.opening.sum() == 0 and r.entries.sum() == 0:
        raise UserError(
            f"No child was looked after in the window to {day_month_year(r.window_end.date())}; "
            "there is nothing to forecast from."
        )
    months = _month_ends(r.window_end, scenario.months)
    costs, sources = unit_costs(la_code, scenario)
    share = scenario.in_house_fostering_share
    day_cost = _weekly_costs(
        costs, r.in_house_share if share is None else share, months, scenario.inflation
    )
    entry_rates = r.entries / r.days
    q0, e0 = _apply_scenario(generator(r), entry_rates[None, :], scenario)
    base = _run(r.opening, q0, e0, months, day_cost, None)
    base = Monthly(
        months, base.opening[0], base.entries[0], base.exits[0], base.closing[0], base.cost[0]
    )
    rng = np.random.default_rng(seed)
    qs = generator(r, rng, SIMULATIONS)
    seen = np.broadcast_to(r.entries, (SIMULATIONS, N_STATES))
    es = np.where(seen > 0, rng.gamma(np.maximum(seen, 1e-9)), 0.0) / r.days
    sd_in, sd_out = drift(la_code)
    es = es * np.exp(rng.normal(0.0, sd_in, (SIMULATIONS, 1)))
    qs[:, :, EXIT] *= np.exp(rng.normal(0.0, sd_out, (SIMULATIONS, 1)))
    qs, es = _apply_scenario(qs, es, scenario)
    sims = _run(r.opening, qs, es, months, day_cost, rng)
    measures = {
        "children": sims.closing.sum(axis=2),
        "cost": sims.cost,
        "cost_to_date": np.cumsum(sims.cost, axis=1),
    }
    for i, t in enumerate(TYPES):
        cols = [state_index(b, i) for b in range(len(AGE_BANDS))]
        measures[t] = sims.closing[:, :, cols].sum(axis=2)
    quantiles = {
        name: {
            lv: (
                np.quantile(arr, (100 - lv) / 200, axis=0),
                np.quantile(arr, 1 - (100 - lv) / 200, axis=0),
            )
            for lv in LEVELS
        }
        for name, arr in measures.items()
    }
    return Forecast(la_name, scenario, r, base, quantiles, costs, sources, notes or [])


def read_returns(folder: Path) -> dict[str, pd.DataFrame]:
    """The 903 episodes and header under ``folder`` (any number of years), without validation.

    CSV returns are read directly (only the two tables and the columns the model uses, years told
    as the validating reader tells them); anything else, or anything the quick read cannot place,
    goes through the full reader (:func:`lineofsight.returns.load.read_paths`).
    """
    quick = _read_csv_quick(folder)
    if quick is not None:
        return quick
    from lineofsight.returns.load import read_paths

    results = [r for r in read_paths([folder], validate=False) if r.kind == "ssda903"]
    if not results:
        raise UserError(f"{folder} holds no SSDA903 return; a forecast needs the 903 episodes.")
    return results[0].tables


QUICK_COLUMNS = {
    "episodes": ["CHILD", "DECOM", "DEC", "PLACE", "PLACE_PROVIDER"],
    "header": ["CHILD", "DOB"],
}


def _read_csv_quick(folder: Path) -> dict[str, pd.DataFrame] | None:
    from lineofsight.returns import coerce, textio, years
    from lineofsight.returns.ssda903.read import identify

    if not folder.is_dir():
        return None
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    if not files or any(p.suffix.lower() != ".csv" for p in files):
        return None
    groups: dict[tuple[Path, int | None], list[tuple[Path, str, pd.DataFrame]]] = {}
    try:
        for path in files:
            with path.open(encoding="utf-8-sig") as fh:
                first = fh.readline()
            table = identify(first.strip().split(","))
            if table not in QUICK_COLUMNS:
                continue
            names = {textio.column_key(c): c for c in first.strip().split(",")}
            want = {names[textio.column_key(c)]: c for c in QUICK_COLUMNS[table]}
            if len(want) < len(QUICK_COLUMNS[table]):
                return None
            raw = pd.read_csv(
                path, dtype=str, usecols=list(want), encoding="utf-8-sig", keep_default_na=False
            ).rename(columns=want)
            named, _ = years.from_name(path)
            groups.setdefault((path.parent, named), []).append((path, table, raw))
    except (OSError, UnicodeDecodeError, ValueError, pd.errors.ParserError):
        return None
    out: dict[str, list[pd.DataFrame]] = {"episodes": [], "header": []}
    for (_, named), members in groups.items():
        exact = any(years.from_name(p)[1] for p, _, _ in members)
        starts = [
            coerce.to_dates(raw["DECOM"])[0].max()
            for _, table, raw in members
            if table == "episodes" and len(raw)
        ]
        latest = max((x for x in starts if not pd.isna(x)), default=None)
        year = years.resolve(named, exact, latest)
        if year is None:
            return None
        for _, table, raw in members:
            frame = raw.assign(YEAR=year)
            for col in ("DECOM", "DEC", "DOB"):
                if col in frame:
                    frame[col] = coerce.to_dates(frame[col])[0]
            for col in ("CHILD", "PLACE", "PLACE_PROVIDER"):
                if col in frame:
                    text = frame[col].astype("string").str.strip()
                    frame[col] = text.mask(text == "")
            out[table].append(frame)
    if not out["episodes"] or not out["header"]:
        return None
    return {t: pd.concat(frames, ignore_index=True) for t, frames in out.items()}


@dataclass(frozen=True)
class Backtest:
    """A forecast made a year before the last return, against what the last return shows."""

    as_at: pd.Timestamp
    outcome_at: pd.Timestamp
    forecast: dict[str, float]  # "children" and each placement type
    actual: dict[str, float]
    interval: dict[int, tuple[float, float]]  # for all children

    def error_pct(self, measure: str = "children") -> float:
        a = self.actual[measure]
        return 100 * (self.forecast[measure] - a) / a if a else float("nan")

    def covered(self, level: int) -> bool:
        lo, hi = self.interval[level]
        return lo <= self.actual["children"] <= hi


def backtest(tables: dict[str, pd.DataFrame], la_code: str, la_name: str) -> Backtest:
    """Forecast 12 months from the 31 March a year before the data ends; compare with the end."""
    full = segments(tables)
    as_at = full.data_end - pd.DateOffset(years=1)
    earlier = segments(tables, as_at)
    if earlier.frame.empty or earlier.frame.start.min() > as_at - pd.DateOffset(months=6):
        raise UserError("A backtest needs returns covering at least 18 months before the last one.")
    f = forecast(tables, la_code, la_name, Scenario(months=12), as_at=as_at)
    actual_stock = rates(full).opening
    by_type_actual = {
        t: float(actual_stock[[state_index(b, i) for b in range(len(AGE_BANDS))]].sum())
        for i, t in enumerate(TYPES)
    }
    last = f.by_type().iloc[-1]
    by_type_forecast = {t: float(last[t]) for t in TYPES}
    q = f.quantiles["children"]
    return Backtest(
        as_at,
        full.data_end,
        {"children": float(f.base.closing[-1].sum()), **by_type_forecast},
        {"children": float(actual_stock.sum()), **by_type_actual},
        {lv: (float(q[lv][0][-1]), float(q[lv][1][-1])) for lv in LEVELS},
    )


def base_path(r: Rates, scenario: Scenario | None = None) -> Monthly:
    """The expected path alone (no simulations, no costs): what a quick comparison needs."""
    sc = scenario or Scenario()
    months = _month_ends(r.window_end, sc.months)
    q0, e0 = _apply_scenario(generator(r), (r.entries / r.days)[None, :], sc)
    path = _run(r.opening, q0, e0, months, np.zeros((len(months), N_STATES)), None)
    return Monthly(
        months, path.opening[0], path.entries[0], path.exits[0], path.closing[0], path.cost[0]
    )
