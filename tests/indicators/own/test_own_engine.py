"""The own-data engine: working-day calendar, periods, population handling and bad input.

These are the parts every definition relies on, so a mistake here would skew all of them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from own_helpers import LA, D, frame

from lineofsight.errors import UserError
from lineofsight.indicators.catalogue import load_catalogue
from lineofsight.indicators.engine import compute
from lineofsight.indicators.own.periods import march_year, rolling_12_months, september_year
from lineofsight.indicators.own.registry import DEFINITIONS, IDS
from lineofsight.indicators.own.workdays import calendar_frame
from lineofsight.indicators.results import HISTORY_COLUMNS, OUTPUT_COLUMNS

EPISODES = frame(
    "CHILD DECOM RNE LS PLACE DEC REC", [("A", D(2023, 5, 1), "S", "C2", "U4", None, None)]
)


def test_every_catalogue_id_has_one_definition() -> None:
    """The catalogue promises own-data figures for exactly the ids the engine computes."""
    promised = {i.id for i in load_catalogue().indicators if i.own_data}
    assert sorted(IDS) == sorted(promised)
    assert len(IDS) == len(set(IDS))


def test_calendar_uses_england_and_wales_bank_holidays() -> None:
    cal = calendar_frame().set_index("day")["is_workday"]
    # one-off and substitute days on the gov.uk list
    for day in (D(2022, 9, 19), D(2023, 5, 8), D(2022, 12, 27), D(2021, 12, 28), D(2024, 3, 29)):
        assert cal[day] == 0, day
    # Scottish-only holidays are working days in England: 2 January and St Andrew's Day (Mon 2026)
    assert cal[D(2024, 1, 2)] == 1
    assert cal[D(2026, 11, 30)] == 1
    assert cal[D(2024, 3, 30)] == 0  # Saturday
    # 2024: 366 days, 104 weekend days, 8 bank holidays on weekdays -> 254 working days
    assert sum(cal[D(2024, 1, 1) : D(2024, 12, 31)]) == 254


def test_period_helpers() -> None:
    assert march_year(D(2024, 3, 31)) == 2024
    assert march_year(D(2024, 4, 1)) == 2025
    assert september_year(D(2024, 10, 1)) == 2025
    assert rolling_12_months(D(2024, 2, 29)) == (D(2023, 3, 1), D(2024, 2, 29))
    assert rolling_12_months(D(2023, 12, 31)) == (D(2023, 1, 1), D(2023, 12, 31))


def test_output_shape_and_population_callable() -> None:
    asked: list[tuple[str, int]] = []

    def pop(la: str, year: int) -> float | None:
        asked.append((la, year))
        return 1000.0

    out = compute({"episodes": EPISODES}, la=LA, population=pop)
    assert list(out.columns) == OUTPUT_COLUMNS + HISTORY_COLUMNS
    assert asked == [(LA, 2024)]
    ssda903 = {d.id for d in DEFINITIONS if d.family == "ssda903"}
    assert set(out.indicator_id) == ssda903
    assert not out.state.isna().any()
    assert out.loc[out.indicator_id == "cla_rate_per_10k", "value"].item() == pytest.approx(10.0)
    # every row without a number says why
    assert (out.value.isna() == (out.state != "value")).all()


def test_a_period_end_with_no_data_still_gives_a_period() -> None:
    out = compute({"episodes": EPISODES}, la=LA, population={}, period_end=dt.date(2023, 10, 31))
    assert set(out.period_end) == {D(2023, 10, 31), D(2024, 3, 31)}


def test_an_in_year_extract_is_the_12_months_to_its_latest_date() -> None:
    """A return for the year ending 31 March 2027, extracted in November 2026, is not that year:
    it is computed for the 12 months to its latest episode start, 15 November 2026."""
    episodes = frame(
        "CHILD DECOM RNE LS PLACE DEC REC YEAR",
        [
            ("A", D(2025, 6, 1), "S", "C2", "U4", None, None, 2027),  # in care throughout
            ("B", D(2026, 1, 10), "S", "C2", "U4", D(2026, 5, 1), "E11", 2027),  # came and left
            ("C", D(2026, 11, 15), "S", "C2", "U4", None, None, 2027),  # the latest start
        ],
    )
    out = compute({"episodes": episodes}, la=LA, population={}, today=D(2026, 12, 1))
    assert set(zip(out.period_start, out.period_end, strict=True)) == {
        (D(2025, 11, 16), D(2026, 11, 15))
    }
    value = out.set_index("indicator_id").value
    assert value["cla_count"] == 2  # A and C on 15 November 2026
    assert value["cla_starts_count"] == 2  # B and C; A started before the 12 months
    assert value["cla_ceased_count"] == 1  # B
    # once 31 March 2027 has passed, the same return is that year
    later = compute({"episodes": episodes}, la=LA, population={}, today=D(2027, 4, 1))
    assert set(later.period_end) == {D(2027, 3, 31)}


def test_an_in_year_census_runs_to_its_reference_date_whenever_it_is_read() -> None:
    """A 2023-24 CIN census extracted on 30 November 2023 (its ReferenceDate, which the reader
    keeps as ``CENSUS_END``) is the 12 months to that day, even read years later."""
    details = frame(
        "LAchildID CINdetailsID CINreferralDate CINclosureDate CENSUS_END YEAR",
        [
            ("k1", "1", D(2023, 5, 2), None, D(2023, 11, 30), 2024),  # open on 30 November
            ("k2", "1", D(2022, 11, 9), D(2023, 11, 30), D(2023, 11, 30), 2024),  # closed that day
            ("k3", "1", D(2023, 11, 20), None, D(2023, 11, 30), 2024),  # the latest referral
        ],
    )
    out = compute({"cin_details": details}, la=LA, population={}, today=D(2026, 12, 1))
    assert set(zip(out.period_start, out.period_end, strict=True)) == {
        (D(2022, 12, 1), D(2023, 11, 30))
    }
    value = out.set_index("indicator_id").value
    assert value["cin_count"] == 2  # k1 and k3; k2's episode closed on the day
    assert value["referrals_count"] == 2  # k1 and k3; k2 was referred before 1 December 2022
    # a census dated 31 March is its whole year
    whole = details.assign(CENSUS_END=pd.Timestamp(2024, 3, 31))
    out = compute({"cin_details": whole}, la=LA, population={}, today=D(2026, 12, 1))
    assert set(out.period_end) == {D(2024, 3, 31)}


def test_bad_input_is_one_clear_sentence() -> None:
    with pytest.raises(UserError, match="no LA column"):
        compute({"episodes": EPISODES}, population={})
    with pytest.raises(UserError, match="Unknown own-data indicator"):
        compute({"episodes": EPISODES}, la=LA, ids=["cla_cuont"], population={})


def test_no_tables_gives_an_empty_result() -> None:
    out = compute({"header": pd.DataFrame({"CHILD": ["1"]})}, la=LA, population={})
    assert out.empty and list(out.columns) == OUTPUT_COLUMNS + HISTORY_COLUMNS
