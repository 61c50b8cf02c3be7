"""Every synthetic sample in ../shared/data/synthetic must read without a traceback, keep the
row-accounting promise, and hand indicator code the table contract of docs/architecture.md."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lineofsight.errors import UserError
from lineofsight.returns.load import read_paths

pytestmark = pytest.mark.shared


def _samples(shared: Path) -> list[Path]:
    root = shared / "synthetic"
    if not root.exists():
        pytest.skip(f"no synthetic samples at {root}")
    return sorted(p for p in root.rglob("*") if p.suffix in (".csv", ".xml"))


def test_every_sample_file_reads_on_its_own(shared_data: Path) -> None:
    files = _samples(shared_data)
    assert len(files) >= 60
    refused = set()
    for path in files:
        try:
            results = read_paths([path])
        except UserError as exc:  # a clean sentence, not a traceback
            assert path.name in exc.message
            refused.add(path.name)
            continue
        for result in results:
            assert result.rows_read == result.rows_used + result.rows_reported, path.name
            for finding in result.findings:
                assert finding.message and finding.rule_id, path.name
    # the deprivation-of-liberty table is not part of the 903 specification we bundle
    assert refused == {"DoLo.csv"}


def test_the_903_sample_folder_matches_its_published_volumes(shared_data: Path) -> None:
    folder = shared_data / "synthetic" / "ssda903_csc_validator_be_903"
    csvs = sorted(folder.glob("*.csv"))
    (result,) = read_paths(csvs)
    t = result.tables
    assert len(t["episodes"]) == 5050
    assert len(t["header"]) == 2675
    # reviews.csv holds 12,582 rows, two of which repeat earlier rows exactly
    dups = [f for f in result.findings if f.rule_id == "ROW-DUPLICATE" and f.file == "reviews.csv"]
    assert len(t["reviews"]) + len(dups) == 12582
    assert result.years == [2018]
    ep = t["episodes"]
    assert ep["DECOM"].dtype == "datetime64[ns]" and ep["DEC"].dtype == "datetime64[ns]"
    assert isinstance(ep["LS"].dtype, pd.StringDtype) and ep["LS"].dtype.na_value is pd.NA
    assert {"_file", "_row", "YEAR"} <= set(ep.columns)
    assert ep["_row"].min() == 1 and ep["_row"].max() == 5050
    # DoLo.csv is not a 903 table: reported, not silently dropped
    assert any(f.rule_id == "FILE-UNKNOWN" and f.file == "DoLo.csv" for f in result.findings)


def test_demand_model_set_loads_five_years_at_once(shared_data: Path) -> None:
    folder = shared_data / "synthetic" / "ssda903_cs_demand_model_combined"
    if not folder.exists():
        pytest.skip("demand model sample absent")
    (result,) = read_paths([folder])
    # '2017-episodes.csv' holds April 2017 to March 2018 episodes: the year ending 31 March 2018
    assert result.years == [2018, 2019, 2020, 2021, 2022]
    assert set(result.tables["episodes"]["YEAR"].unique()) == {2018, 2019, 2020, 2021, 2022}
    assert any(f.rule_id == "YEAR-INFERRED" for f in result.findings)


def test_cin_and_workforce_samples_fill_their_tables(shared_data: Path) -> None:
    syn = shared_data / "synthetic"
    (cin,) = read_paths([syn / "cin_csc_validator_be_cin" / "fake_CIN_data.xml"])
    assert len(cin.tables["children"]) == 332
    assert cin.tables["cin_details"]["CINreferralDate"].dtype == "datetime64[ns]"
    ids = cin.tables["cin_details"]["CINdetailsID"]
    assert ids.is_unique
    (wf,) = read_paths([syn / "csww_liiatools" / "social_work_workforce_2022.xml"])
    assert wf.years == [2022]
    assert len(wf.tables["la_level"]) == 1
    assert wf.tables["la_level"]["NumberOfVacancies"].iloc[0] == pytest.approx(79.68)
    assert len(wf.tables["workers"]) == 30
