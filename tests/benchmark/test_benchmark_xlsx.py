"""``profile`` and ``compare`` as Excel: ``--format xlsx --out FILE`` writes a workbook that holds
exactly what ``--format csv`` prints (numbers as numbers, each missing figure's state code), with
the publications on its Sources sheet."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from lineofsight.cli import app
from lineofsight.errors import UserError
from xlsx_support import compare_with_csv

runner = CliRunner()


def _both(tmp_path: Path, *args: str) -> tuple[str, bytes]:
    csv_out = runner.invoke(app, [*args, "--format", "csv"])
    assert csv_out.exit_code == 0, csv_out.output
    target = tmp_path / "out.xlsx"
    xlsx_out = runner.invoke(app, [*args, "--format", "xlsx", "--out", str(target)])
    assert xlsx_out.exit_code == 0, xlsx_out.output
    return csv_out.stdout, target.read_bytes()


def test_profile_xlsx_holds_the_csv_with_states(tmp_path: Path) -> None:
    csv_text, xlsx = _both(tmp_path, "profile", "Isles of Scilly")
    problems, numbers, codes = compare_with_csv(csv_text, xlsx)
    assert problems == []
    assert numbers > 100 and codes > 10  # the Isles of Scilly: many suppressed figures
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert book.sheetnames == ["Data", "About", "Key", "Sources"]
    sources = list(book["Sources"].iter_rows(values_only=True))[1:]
    assert sources and all(s[3] == "Open Government Licence v3.0" for s in sources)
    assert any(s[1] == "Department for Education" for s in sources)


def test_compare_xlsx_holds_the_csv(tmp_path: Path) -> None:
    args = ("compare", "Tameside", "Leeds", "-i", "care_leavers_not_in_touch_19_21_pct",
            "-i", "cla_rate_per_10k", "--year", "2023")  # fmt: skip
    csv_text, xlsx = _both(tmp_path, *args)
    problems, numbers, _ = compare_with_csv(csv_text, xlsx)
    assert problems == [] and numbers > 10
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    data = book["Data"]
    header = [c.value for c in data[1]]
    rate = next(r for r in data.iter_rows(min_row=2) if r[header.index("indicator_id")].value
                == "cla_rate_per_10k")  # fmt: skip
    assert rate[header.index("value")].number_format == "#,##0"
    # The Comparison sheet lays it out as the terminal does: indicators down, councils across.
    table = list(book["Comparison"].iter_rows(values_only=True))
    assert table[0][:4] == ("Indicator", "Year", "Tameside", "Leeds")
    assert table[0][4:] == ("Neighbour median (Tameside)", "North West", "England")
    rows = {
        r["indicator_id"]: r
        for r in csv.DictReader(io.StringIO(csv_text))
        if r["la_name"] == "Leeds"
    }
    line = next(r for r in table if r[0] == "Children looked after per 10,000 children")
    assert line[3] == pytest.approx(float(rows["cla_rate_per_10k"]["value"]))


def test_compare_xlsx_as_a_subprocess(tmp_path: Path) -> None:
    target = tmp_path / "compare.xlsx"
    run = subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", "compare", "Leeds",
         "Bradford", "-i", "cla_rate_per_10k", "--format", "xlsx", "--out", str(target)],
        capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""
    rows = list(openpyxl.load_workbook(target)["Data"].iter_rows(values_only=True))
    assert [r[2] for r in rows[1:]] == ["Leeds", "Bradford"]
    assert all(isinstance(r[rows[0].index("value")], int | float) for r in rows[1:])


def test_xlsx_without_out_is_one_sentence(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", "Leeds", "Bradford", "--format", "xlsx"])
    assert isinstance(result.exception, UserError)  # ``run`` prints it as one line, exit 2
    assert result.exception.message == "An Excel workbook needs a file: add --out FILE.xlsx."
