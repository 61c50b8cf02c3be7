"""The national path (DuckDB reading Parquet, one query per family) gives exactly what the
in-memory path gives, and a run whose compiled SQL is cached does not import Ibis.

Both are performance changes; these tests make sure neither changes a figure.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from own_helpers import D, frame

from lineofsight.indicators.engine import compute, compute_parquet
from lineofsight.indicators.tables import TABLES
from lineofsight.returns.load import read_paths

WORKERS = frame(
    "AgencyWorker FTE FTE30 Cases30 WorkingDaysLost RoleEndDate YEAR",
    [("0", 1.0, 1.0, 18.0, 4.0, None, 2024), ("1", 0.5, 0.5, 9.0, 0.0, D(2024, 6, 1), 2024)],
)
VACANCIES = frame("NumberOfVacancies YEAR", [(3.0, 2024)])


def _two_councils(shared_data: Path) -> dict[str, pd.DataFrame]:
    """The 903 and CIN samples as two councils (the second with its own child ids), plus a tiny
    workforce census, in the typed reader shape with an ``LA`` column."""
    s903 = shared_data / "synthetic" / "ssda903_csc_validator_be_903"
    scin = shared_data / "synthetic" / "cin_csc_validator_be_cin" / "fake_CIN_data.xml"
    files = sorted(s903.glob("*.csv"))
    tables: dict[str, pd.DataFrame] = {}
    for result in read_paths([*files, scin], year=2023, validate=False):
        tables.update(result.tables)
    tables["workers"], tables["la_level"] = WORKERS, VACANCIES
    out = {}
    for name, df in tables.items():
        if name not in TABLES or df.empty:
            continue
        keep = df[[c for c in [*TABLES[name], "YEAR"] if c in df.columns]]
        copies = []
        for la in ("E09000001", "E06000021"):
            copy = keep.assign(LA=la)
            for col in ("CHILD", "LAchildID"):
                if col in copy.columns:
                    copy[col] = la + "-" + copy[col].astype("string")
            copies.append(copy)
        out[name] = pd.concat(copies, ignore_index=True)
    return out


@pytest.mark.shared
def test_parquet_path_matches_the_in_memory_path(shared_data: Path, tmp_path: Path) -> None:
    tables = _two_councils(shared_data)
    files = {}
    for name, df in tables.items():
        (tmp_path / name).mkdir()
        for la, part in df.groupby("LA"):
            part.to_parquet(tmp_path / name / f"{la}.parquet", index=False)
        files[name] = str(tmp_path / name / "*.parquet")
    pop = {(la, y): 50_000.0 for la in ("E09000001", "E06000021") for y in range(2000, 2040)}
    expected = compute(tables, population=pop, period_end=D(2022, 12, 31))
    got = compute_parquet(files, population=pop, period_end=D(2022, 12, 31), memory_limit="1GB")
    assert set(got.la) == {"E09000001", "E06000021"}
    assert got.indicator_id.str.startswith("sw_").any() and got.indicator_id.eq("cin_count").any()
    assert got.value.notna().sum() > 40
    pd.testing.assert_frame_equal(got, expected)


def test_a_cached_run_does_not_import_ibis(tmp_path: Path) -> None:
    """The second process finds the compiled SQL in its cache and runs it on plain DuckDB."""
    script = textwrap.dedent(
        """
        import sys, datetime as dt
        import pandas as pd
        from lineofsight.indicators.engine import compute
        episodes = pd.DataFrame({
            "CHILD": pd.Series(["A", "B"], dtype="string"),
            "DECOM": pd.to_datetime([dt.date(2023, 5, 1), dt.date(2023, 6, 1)]),
            "RNE": pd.Series(["S", "S"], dtype="string"),
            "LS": pd.Series(["C2", "C2"], dtype="string"),
            "PLACE": pd.Series(["U4", "U4"], dtype="string"),
            "DEC": pd.to_datetime([None, None]),
            "REC": pd.Series([None, None], dtype="string"),
        })
        out = compute({"episodes": episodes}, la="E09000001", population={})
        value = out.set_index("indicator_id").loc["cla_count", "value"]
        print(int(value), "ibis" in sys.modules)
        """
    )
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(2)
    ]
    assert runs[0] == ["2", "True"]  # compiled: Ibis needed
    assert runs[1] == ["2", "False"]  # cached: Ibis never imported
    assert list((tmp_path / "lineofsight").glob("own-plan-*.json"))
