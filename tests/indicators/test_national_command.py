"""``lineofsight indicators national``: every indicator over a folder of Parquet tables, as a user
runs it (a subprocess), giving what the engine gives in process."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pandas as pd

from lineofsight.indicators.engine import compute_parquet

EPISODES = pd.DataFrame(
    {
        "CHILD": ["A", "B", "C"],
        "DECOM": pd.to_datetime(["2023-05-01", "2023-06-01", "2022-01-01"]),
        "RNE": ["S", "S", "S"],
        "LS": ["C2", "C2", "J2"],
        "PLACE": ["U1", "R1", "U3"],
        "DEC": pd.to_datetime([None, "2024-01-10", None]),
        "REC": [None, "E11", None],
        "YEAR": [2024, 2024, 2024],
        "LA": ["E06000017"] * 3,
    }
)


def _exe() -> str:
    return str(Path(sys.executable).parent / "lineofsight")


def test_national_writes_every_figure(tmp_path: Path) -> None:
    (tmp_path / "cache" / "episodes").mkdir(parents=True)
    EPISODES.to_parquet(tmp_path / "cache" / "episodes" / "E06000017.parquet", index=False)
    out = tmp_path / "figures.csv"
    done = subprocess.run(
        [_exe(), "indicators", "national", str(tmp_path / "cache"), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "for 1 councils written to" in done.stdout
    got = pd.read_csv(out)
    expected = compute_parquet({"episodes": str(tmp_path / "cache" / "episodes" / "*.parquet")})
    assert len(got) == len(expected)
    cla = got[(got.indicator_id == "cla_count") & (got.period_end == "2024-03-31")]
    assert cla.value.tolist() == [2.0]  # A and C open at 31 March 2024; B ceased
    assert set(got.period_end) == {str(d) for d in expected.period_end}
    assert dt.date(2024, 3, 31) in set(expected.period_end)


def test_national_refuses_a_folder_without_tables(tmp_path: Path) -> None:
    done = subprocess.run(
        [_exe(), "indicators", "national", str(tmp_path), "--out", str(tmp_path / "x.csv")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "holds no table folders of Parquet files" in done.stderr
