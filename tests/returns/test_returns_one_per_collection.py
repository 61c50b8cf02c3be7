"""A folder is one return per collection and year: two returns of a year are refused, not merged.

Merged silently, the sample 903 folder's XML return added 110 looked-after children (+9%) from a
different return to the CSV tables' figures (issue 21). The CLI runs as a subprocess, as people
use it: one sentence naming the files and exit 2, or only the return named with --return.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from returns_helpers import EPISODES, HEADER, cin_xml, ep

from lineofsight.errors import UserError
from lineofsight.returns.load import read_paths

XML = """<?xml version='1.0'?><EXPSSDA903>{children}</EXPSSDA903>"""
XML_CHILD = """<CHILD><HEADER><CHILDID>{id}</CHILDID><UPN>A1</UPN><SEX>1</SEX>
<DOB>28/07/2010</DOB><ETHNIC>WBRI</ETHNIC></HEADER><EPISODE><DECOM>06/01/2024</DECOM>
<RNE>S</RNE><LS>C2</LS><CIN>N4</CIN><PL>U1</PL></EPISODE></CHILD>"""


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """CSV tables for 2023-24 (children C1, C2) and an XML return of the same year (X1, X2, X3)."""
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "header.csv").write_text(
        HEADER + "C1,1,01/01/2012,WBRI,,,\nC2,2,01/01/2013,WBRI,,,\n", encoding="utf-8"
    )
    (folder / "episodes.csv").write_text(
        EPISODES + ep("C1", "01/05/2023") + ep("C2", "01/06/2023"), encoding="utf-8"
    )
    children = "".join(XML_CHILD.format(id=f"X{i}") for i in (1, 2, 3))
    (folder / "return.xml").write_text(XML.format(children=children), encoding="utf-8")
    return folder


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from lineofsight.cli import run; run()", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"},
    )


def test_csv_tables_beside_an_xml_return_of_the_same_year_are_refused(mixed: Path) -> None:
    with pytest.raises(UserError) as err:
        read_paths([mixed])
    msg = err.value.message
    assert "2 SSDA903 returns for the 2024 collection year" in msg
    assert "return.xml" in msg and "episodes.csv" in msg and "--return" in msg
    assert msg.count(". ") == 0  # one sentence


def test_the_cli_says_one_sentence_and_exits_2(mixed: Path) -> None:
    out = cli("indicators", "compute", str(mixed), "--la", "Rutland", "--format", "json")
    assert out.returncode == 2, out.stdout
    assert "return.xml" in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) <= 3  # a sentence, wrapped at most
    out = cli("validate", str(mixed))
    assert out.returncode == 2 and "--return" in out.stderr


@pytest.mark.parametrize(("chosen", "looked_after"), [("return.xml", 3), ("episodes.csv", 2)])
def test_return_reads_only_the_named_return(mixed: Path, chosen: str, looked_after: int) -> None:
    out = cli(
        "indicators", "compute", str(mixed), "--la", "Rutland", "--format", "json",
        "--return", chosen,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    rows = {r["indicator_id"]: r for r in json.loads(out.stdout)}
    assert rows["cla_count"]["value"] == looked_after


def test_a_return_not_among_the_files_is_one_sentence(mixed: Path) -> None:
    with pytest.raises(UserError, match="names no file"):
        read_paths([mixed], chosen=[Path("other.xml")])


def test_two_cin_returns_of_one_year_are_refused_other_years_load_together(tmp_path: Path) -> None:
    child = (
        "<Child><ChildIdentifiers><LAchildID>{id}</LAchildID></ChildIdentifiers>"
        "<CINdetails><CINreferralDate>2023-06-01</CINreferralDate></CINdetails></Child>"
    )
    (tmp_path / "a.xml").write_text(cin_xml(child.format(id="A"), 2024), encoding="utf-8")
    (tmp_path / "b.xml").write_text(cin_xml(child.format(id="B"), 2024), encoding="utf-8")
    with pytest.raises(UserError, match="2 CIN census returns for the 2024 collection year"):
        read_paths([tmp_path], validate=False)
    (tmp_path / "b.xml").write_text(
        cin_xml(child.format(id="B").replace("2023-06-01", "2022-06-01"), 2023), encoding="utf-8"
    )
    (result,) = read_paths([tmp_path], validate=False)  # 2023 and 2024: several years at once
    assert sorted(result.years or []) == [2023, 2024]
