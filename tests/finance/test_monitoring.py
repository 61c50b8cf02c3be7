"""The budget monitoring template, parser and variance: round trips, one sentence per problem, fuzz."""

from __future__ import annotations

import contextlib
import io

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lineofsight.finance.monitoring import (
    COLUMNS,
    LINES,
    Monitoring,
    MonitoringError,
    MonitoringRow,
    parse_amount,
    parse_monitoring,
    parse_period,
    template_csv,
    template_xlsx,
    to_csv,
    total,
    variances,
)

GOOD = """period,service_line,budget,forecast_outturn,actual_to_date
2025-09,cla_residential,"£12,000,000","12,500,000",6000000
2025-09,cla_fostering,8000000,7900000,
2025-10,cla_residential,12000000,13100000,7100000
2025-10,cla_fostering,8000000,7950000,4600000
"""


def test_a_good_file_gives_variance_and_movement_by_line() -> None:
    m = parse_monitoring(GOOD.encode())
    assert m.financial_year == "2025-26"
    assert m.periods == ("2025-09", "2025-10")
    by = {v.code: v for v in variances(m)}
    res = by["cla_residential"]
    assert res.variance == 1_100_000
    assert res.variance_pct == pytest.approx(100 * 1.1 / 12)
    assert res.movement == 600_000  # 500,000 over in September, 1,100,000 in October
    assert res.forecasts == (("2025-09", 12_500_000), ("2025-10", 13_100_000))
    all_lines = total(by.values())
    assert all_lines.variance == 1_050_000
    assert all_lines.movement == 650_000


def test_csv_round_trips() -> None:
    m = parse_monitoring(GOOD.encode())
    assert parse_monitoring(to_csv(m).encode()) == m


def test_the_templates_read_back() -> None:
    csv_template = parse_monitoring(template_csv().encode())
    xlsx_template = parse_monitoring(template_xlsx(), "template.xlsx")
    assert csv_template == xlsx_template
    assert {r.line for r in csv_template.rows} == set(LINES)


def test_an_xlsx_with_real_numbers_and_dates_reads_like_the_csv() -> None:
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    sheet.append([dt.date(2025, 9, 30), "cla_residential", 12_000_000, 12_500_000, 6_000_000])
    sheet.append(["2025-09", "Children looked after: fostering services", 8e6, 7.9e6, None])
    buf = io.BytesIO()
    book.save(buf)
    m = parse_monitoring(buf.getvalue(), "m.xlsx")
    assert m.rows == (
        MonitoringRow("2025-09", "cla_residential", 12e6, 12.5e6, 6e6),
        MonitoringRow("2025-09", "cla_fostering", 8e6, 7.9e6, None),
    )


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("", "The file is empty"),
        ("period,service_line,budget\n", "no 'forecast_outturn' column"),
        (
            "period,service_line,budget,forecast_outturn\n2025-13,cla_fostering,1,1\n",
            "Row 2: period '2025-13' is not a month",
        ),
        (
            "period,service_line,budget,forecast_outturn\n2025-10,fostring,1,1\n",
            "Row 2: service line 'fostring' is not one of the template's lines",
        ),
        (
            "period,service_line,budget,forecast_outturn\n2025-10,cla_fostering,lots,1\n",
            "Row 2: budget 'lots' is not an amount in pounds.",
        ),
        (
            "period,service_line,budget,forecast_outturn\n2025-10,cla_fostering,1,\n",
            "Row 2: forecast_outturn is blank",
        ),
        (
            "period,service_line,budget,forecast_outturn\n"
            "2025-10,cla_fostering,1,1\n2025-10,cla_fostering,2,2\n",
            "Row 3: cla_fostering for 2025-10 is already given in row 2.",
        ),
        (
            "period,service_line,budget,forecast_outturn\n"
            "2025-10,cla_fostering,1,1\n2026-04,cla_fostering,2,2\n",
            "more than one financial year (2025-26, 2026-27)",
        ),
        ("\x00\x01\x02", "binary data"),
        ("PK\x03\x04garbage", "not a readable .xlsx workbook"),
    ],
)
def test_each_problem_is_one_clear_sentence(text: str, sentence: str) -> None:
    with pytest.raises(MonitoringError) as err:
        parse_monitoring(text.encode("latin-1"))
    assert sentence in err.value.message


def test_every_bad_row_is_reported_not_just_the_first() -> None:
    text = "period,service_line,budget,forecast_outturn\n" + "".join(
        f"2025-10,nope{i},x,1\n" for i in range(3)
    )
    with pytest.raises(MonitoringError) as err:
        parse_monitoring(text.encode())
    assert len(err.value.problems) == 6
    assert [p.split(":")[0] for p in err.value.problems[::2]] == ["Row 2", "Row 3", "Row 4"]


def test_periods_and_amounts_in_the_forms_finance_teams_write() -> None:
    assert parse_period("October 2025") == parse_period("Oct 2025") == "2025-10"
    assert parse_period("10/2025") == parse_period("2025-10-31") == "2025-10"
    assert parse_period("Ma 2025") is None  # March or May: ambiguous
    assert parse_amount("(2,000)") == parse_amount("-2000") == -2000
    assert parse_amount("£1,234.50") == 1234.5
    assert parse_amount("1e9") is None


_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_cell, max_size=6), max_size=6), st.booleans())
def test_fuzzed_files_either_parse_or_fail_with_sentences(
    rows: list[list[str]], with_header: bool
) -> None:
    lines = ([",".join(COLUMNS)] if with_header else []) + [
        ",".join('"' + c.replace('"', '""') + '"' for c in r) for r in rows
    ]
    try:
        m = parse_monitoring("\n".join(lines).encode("utf-8"))
    except MonitoringError as exc:
        assert exc.problems
        assert all(p.endswith(".") and "\n" not in p for p in exc.problems)
    else:
        assert isinstance(m, Monitoring) and m.rows
        assert parse_monitoring(to_csv(m).encode()) == m


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(4, 15),
            st.sampled_from(sorted(LINES)),
            st.integers(-(10**9), 10**9),
            st.integers(0, 10**9),
        ),
        min_size=1,
        max_size=15,
        unique_by=lambda t: (t[0], t[1]),
    )
)
def test_fuzzed_valid_files_round_trip(rows: list[tuple[int, str, int, int]]) -> None:
    def period(m: int) -> str:
        return f"2025-{m:02d}" if m <= 12 else f"2026-{m - 12:02d}"

    text = (
        ",".join(COLUMNS)
        + "\n"
        + "".join(f"{period(m)},{line},{b},{f},\n" for m, line, b, f in rows)
    )
    parsed = parse_monitoring(text.encode())
    assert len(parsed.rows) == len(rows)
    assert parse_monitoring(to_csv(parsed).encode()) == parsed


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
@example(b"\r\x01")  # a lone carriage return once escaped as csv.Error
def test_fuzzed_bytes_never_crash(data: bytes) -> None:
    for name in ("x.csv", "x.xlsx"):
        with contextlib.suppress(MonitoringError):
            parse_monitoring(data, name)
