"""Workforce indicators from a tiny hand-made CSWW census (year to 30 September 2024).

Worked by hand: who is in post at 30 September, who left in the year, agency versus directly
employed FTE, caseload over case holders only, and 254 working days in a leap year.
"""

from __future__ import annotations

import pytest
from own_helpers import D, frame, run_own

END = D(2024, 9, 30)
WORKERS = frame(
    "AgencyWorker FTE FTE30 Cases30 WorkingDaysLost RoleEndDate YEAR",
    [
        ("0", 1.0, 1.0, 20, 10, None, 2024),  # w1
        ("0", 0.5, 0.5, 10, 5, None, 2024),  # w2
        ("1", 1.0, 1.0, 15, 0, None, 2024),  # w3 agency
        ("0", 1.0, 1.0, 0, 3, D(2024, 6, 30), 2024),  # w4 left in the year
        ("0", 0.5, 0.5, 0, 0, None, 2024),  # w5 holds no cases
        ("0", 1.0, 1.0, 0, 0, D(2023, 9, 15), 2024),  # w6 left before the year
    ],
)
LA_LEVEL = frame("NumberOfVacancies YEAR", [(1.0, 2024)])


@pytest.fixture(scope="module")
def year() -> dict[str, dict[str, object]]:
    res = run_own({"workers": WORKERS, "la_level": LA_LEVEL})
    return {k[0]: v for k, v in res.items() if k[1] == END}


def test_census_year_runs_october_to_september(year: dict[str, dict[str, object]]) -> None:
    assert year["sw_fte"]["period_start"] == D(2023, 10, 1)


def test_fte_agency_vacancy_turnover(year: dict[str, dict[str, object]]) -> None:
    # employed in post: w1 1.0 + w2 0.5 + w5 0.5 = 2.0 FTE
    assert year["sw_fte"]["value"] == pytest.approx(2.0)
    # agency 1.0 of all in post 3.0 = 33.3%
    assert year["sw_agency_rate_pct"]["value"] == pytest.approx(100 / 3)
    # vacancies 1.0 / (1.0 + 2.0) = 33.3%
    assert year["sw_vacancy_rate_pct"]["value"] == pytest.approx(100 / 3)
    # leavers in the year: w4 1.0 FTE / 2.0 = 50%
    assert year["sw_turnover_rate_pct"]["value"] == pytest.approx(50.0)


def test_caseload_and_absence(year: dict[str, dict[str, object]]) -> None:
    # case holders w1, w2, w3: (20 + 10 + 15) / (1.0 + 0.5 + 1.0) = 18.0
    assert year["sw_caseload_avg"]["value"] == pytest.approx(18.0)
    # employed in post lost 10 + 5 + 0 = 15 days of 2.0 FTE x 254 (2024 is a leap year)
    assert year["sw_absence_rate_pct"]["value"] == pytest.approx(15 / 508 * 100)


def test_no_vacancy_table_means_not_available() -> None:
    res = run_own({"workers": WORKERS})
    assert res[("sw_vacancy_rate_pct", END)]["state"] == "x"
    assert res[("sw_fte", END)]["value"] == pytest.approx(2.0)
