"""Own-data stock and flow: the placement table, flows that reconcile, scenarios, and the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from own_data import write_903

from lineofsight.forecast import own
from lineofsight.forecast.scenario import Scenario
from lineofsight.reference.placements import PLACEMENTS, PROVIDERS, TYPES, placement_type
from lineofsight.returns.ssda903.read import spec


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_903(tmp_path_factory.mktemp("own903"))


@pytest.fixture(scope="module")
def tables(folder: Path) -> dict[str, pd.DataFrame]:
    return own.read_returns(folder)


@pytest.fixture(scope="module")
def base(tables: dict[str, pd.DataFrame]) -> own.Forecast:
    return own.forecast(tables, "E06000021", "Test", Scenario(months=24))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"},
    )


def test_every_placement_code_in_the_specification_has_one_type() -> None:
    codes = spec().codes_for("episodes.PLACE", None)
    assert set(codes) == set(PLACEMENTS)
    assert {t for t, _ in PLACEMENTS.values()} <= set(TYPES)
    # the codes the peer's regional version sends to "other" have a real type here
    assert [placement_type(c) for c in ("P3", "S1", "K3")] == [
        "supported",
        "residential",
        "supported",
    ]
    assert set(spec().codes_for("episodes.PLACE_PROVIDER", None)) == set(PROVIDERS)


def test_flows_reconcile_every_month_in_the_base_and_every_simulation(
    base: own.Forecast, tables: dict[str, pd.DataFrame]
) -> None:
    b = base.base
    assert np.allclose(b.opening.sum(1) + b.entries.sum(1) - b.exits, b.closing.sum(1))
    assert np.allclose(b.opening[1:], b.closing[:-1])
    r = base.rates
    rng = np.random.default_rng(1)
    q = own.generator(r, rng, 50)
    e = np.broadcast_to(r.entries / r.days, (50, own.N_STATES))
    costs = np.ones((len(b.months), own.N_STATES))
    sims = own._run(r.opening, q, e, b.months, costs, rng)
    assert np.array_equal(
        sims.opening.sum(2) + sims.entries.sum(2) - sims.exits, sims.closing.sum(2)
    )
    assert (sims.closing == np.round(sims.closing)).all()  # simulated children are whole


def test_opening_stock_is_the_children_in_care_on_the_last_day(
    base: own.Forecast, tables: dict[str, pd.DataFrame]
) -> None:
    eps = tables["episodes"]
    end = pd.Timestamp(2025, 3, 31)
    latest = eps.sort_values("YEAR").drop_duplicates(["CHILD", "DECOM"], keep="last")
    open_on_end = latest[latest.DECOM.le(end) & (latest.DEC.isna() | latest.DEC.gt(end))]
    dob = tables["header"].drop_duplicates("CHILD").set_index("CHILD").DOB
    under_18 = open_on_end.CHILD.map(dob) + pd.DateOffset(years=18) > end
    assert 0 < base.rates.opening.sum() == open_on_end[under_18].CHILD.nunique()
    assert base.rates.window_end == end


def test_a_birthday_moves_a_child_into_the_next_age_band() -> None:
    eps = pd.DataFrame(
        {
            "CHILD": pd.array(["A"], dtype="string"),
            "DECOM": pd.to_datetime(["2024-01-01"]),
            "DEC": pd.to_datetime([None]),
            "PLACE": pd.array(["U4"], dtype="string"),
            "PLACE_PROVIDER": pd.array(["PR1"], dtype="string"),
            "YEAR": pd.array([2025], dtype="Int64"),
        }
    )
    head = pd.DataFrame(
        {
            "CHILD": pd.array(["A"], dtype="string"),
            "DOB": pd.to_datetime(["2013-06-01"]),
            "YEAR": pd.array([2025], dtype="Int64"),
        }
    )
    seg = own.segments({"episodes": eps, "header": head})
    f = seg.frame
    assert len(f) == 2 and f.start.iloc[1] == pd.Timestamp("2024-06-01")
    assert [own.state_label(s) for s in f.state] == [("5-10", "fostering"), ("11-15", "fostering")]
    r = own.rates(seg)
    assert r.moves[f.state.iloc[0], f.state.iloc[1]] == 1 and r.opening.sum() == 1


def test_the_interval_holds_the_base_and_widens(base: own.Forecast) -> None:
    children = base.base.closing.sum(axis=1)
    lo, hi = base.quantiles["children"][80]
    lo95, hi95 = base.quantiles["children"][95]
    inside = (lo <= children + 1) & (children - 1 <= hi)
    assert inside.mean() > 0.9
    assert (lo95 <= lo).all() and (hi <= hi95).all()
    assert hi[-1] - lo[-1] > hi[0] - lo[0]


def test_scenarios_move_the_forecast_the_way_they_say(
    tables: dict[str, pd.DataFrame], base: own.Forecast
) -> None:
    more = own.forecast(tables, "E06000021", "Test", Scenario(months=24, entry_rate=1.5))
    assert more.base.closing.sum(1)[-1] > base.base.closing.sum(1)[-1]
    down = own.forecast(tables, "E06000021", "Test", Scenario(months=24, step_down=0.1))
    assert down.by_type()["residential"].iloc[-1] < base.by_type()["residential"].iloc[-1]
    assert down.by_type()["fostering"].iloc[-1] > base.by_type()["fostering"].iloc[-1]
    costs = {"fostering_in_house": 500.0, "fostering_agency": 1500.0}
    all_in = own.forecast(tables, "E06000021", "T", Scenario(months=24, unit_costs=costs,
                                                             in_house_fostering_share=1.0))  # fmt: skip
    none_in = own.forecast(tables, "E06000021", "T", Scenario(months=24, unit_costs=costs,
                                                              in_house_fostering_share=0.0))  # fmt: skip
    assert all_in.base.cost.sum() < none_in.base.cost.sum()
    uasc = own.forecast(tables, "E06000021", "T", Scenario(months=24, uasc_per_year=50))
    assert uasc.by_band()["16+"].iloc[-1] > base.by_band()["16+"].iloc[-1]
    inflated = own.forecast(tables, "E06000021", "T", Scenario(months=24, inflation=0.10))
    assert inflated.base.cost[-1] > base.base.cost[-1] * 1.1


def test_costs_say_where_they_come_from(base: own.Forecast) -> None:
    assert base.cost_sources["residential"].startswith("published")
    assert base.cost_sources["supported"].startswith("assumed")


def test_cli_with_returns_and_a_scenario(folder: Path, tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: More children\nentry_rate: 1.2\nmonths: 12\n")
    out = run(
        "forecast", "--returns", str(folder), "--la", "Stoke-on-Trent", "--scenario", str(scenario)
    )
    assert out.returncode == 0, out.stderr
    assert "scenario 'More children'" in out.stdout and "Scenarios against the base" in out.stdout
    assert "80% interval" in out.stdout and "Fostering" in out.stdout
    assert max(len(line) for line in out.stdout.splitlines()) <= 100
    bad = tmp_path / "bad.yaml"
    bad.write_text("entry_rat: 1.2\n")
    out = run(
        "forecast", "--returns", str(folder), "--la", "Stoke-on-Trent", "--scenario", str(bad)
    )
    assert out.returncode == 2 and "Unknown scenario field 'entry_rat'" in out.stderr + out.stdout
    out = run("forecast", "--returns", str(folder))
    assert out.returncode == 2 and "--la" in out.stderr + out.stdout


def test_the_quick_csv_read_gives_what_the_full_reader_gives(folder: Path) -> None:
    from lineofsight.returns.load import read_paths

    quick = own._read_csv_quick(folder)
    assert quick is not None
    full = read_paths([folder], validate=False)[0].tables
    for table, keys in (("episodes", ["YEAR", "CHILD", "DECOM"]), ("header", ["YEAR", "CHILD"])):
        a = quick[table].sort_values(keys).reset_index(drop=True)
        b = full[table][a.columns].sort_values(keys).reset_index(drop=True)
        assert a.astype(str).equals(b.astype(str))


def test_a_folder_without_903_files_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n")
    out = run("forecast", "--returns", str(tmp_path), "--la", "Leeds")
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_keep_stores_the_rates_for_the_service(folder: Path, tmp_path: Path) -> None:
    import sqlite3

    out = subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", "forecast", "--returns",
         str(folder), "--la", "Stoke-on-Trent", "--keep"],
        capture_output=True, text=True, timeout=180,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin", "LINEOFSIGHT_HOME": str(tmp_path)},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Kept the forecast rates for Stoke-on-Trent" in out.stdout
    db = next(tmp_path.rglob("*.sqlite3"))
    rows = sqlite3.connect(db).execute("select la_code, synthetic from forecast_basis").fetchall()
    assert rows == [("E06000021", 0)]
