"""Files as councils really produce them: encodings, date styles, header spellings, extra and
missing columns, blank lines, duplicates, empty and wrong-type files. Each is handled or
reported, and rows read always equal rows used plus rows reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from returns_helpers import EPISODES, HEADER, ep, read_one, rules_of

from lineofsight.errors import UserError
from lineofsight.returns.load import read_paths

Write = Callable[..., Path]


def test_bom_and_windows_1252_and_crlf_read_the_same(write: Write) -> None:
    text = HEADER + "C1,2,01/02/2010,WBRI,A123,,\r\nC2,1,03/04/2011,WBRI,A124,,\r\n"
    plain = read_one([write("a/header.csv", text)])
    bom = read_one([write("b/header.csv", b"\xef\xbb\xbf" + text.encode())])
    cp = read_one([write("c/header.csv", text.replace("A124", "Zoë"), encoding="cp1252")])
    for r in (plain, bom, cp):
        assert r.tables["header"]["CHILD"].tolist() == ["C1", "C2"]
        assert r.tables["header"]["DOB"].tolist() == [
            pd.Timestamp("2010-02-01"),
            pd.Timestamp("2011-04-03"),
        ]
    assert cp.tables["header"]["UPN"].iloc[1] == "Zoë"
    assert "FILE-ENCODING" in rules_of(cp.findings)
    assert "FILE-ENCODING" not in rules_of(bom.findings)


def test_iso_dates_excel_times_and_invalid_dates(write: Write) -> None:
    text = HEADER + (
        "C1,2,2010-02-01,WBRI,A1,,\n"
        "C2,2,03/04/2011 00:00:00,WBRI,A2,,\n"
        "C3,2,3.4.2011,WBRI,A3,,\n"
        "C4,2,31/02/2011,WBRI,A4,,\n"
        "C5,2,yesterday,WBRI,A5,,\n"
        "C6,2,01/ 4/2011,WBRI,A6,,\n"
        "C7,2,3/4/2011,WBRI,A7,,\n"
        "C8,2,03/04/1850,WBRI,A8,,\n"
    )
    r = read_one([write("header.csv", text)], year=2020)
    dob = r.tables["header"]["DOB"]
    assert dob.iloc[0] == pd.Timestamp("2010-02-01")
    assert dob.iloc[1] == pd.Timestamp("2011-04-03")
    assert dob.iloc[2] == pd.Timestamp("2011-04-03")
    assert dob.iloc[3:6].isna().all() and dob.iloc[7:].isna().all()
    assert dob.iloc[6] == pd.Timestamp("2011-04-03")
    bad = [f for f in r.findings if f.rule_id == "102"]
    assert [(f.row, f.child_id) for f in bad] == [(4, "C4"), (5, "C5"), (6, "C6"), (8, "C8")]
    assert {f.field for f in bad} == {"DOB"}
    assert "31/02/2011" in bad[0].message and "dd/mm/yyyy" in bad[0].message


def test_header_case_spacing_and_order_variations(write: Write) -> None:
    text = " dob , Child,ethnic, SEX ,upn\nD1,C1,wbri,2,A1\n".replace("D1", "01/01/2012")
    r = read_one([write("h.csv", text)], year=2020)
    h = r.tables["header"]
    assert h["CHILD"].tolist() == ["C1"] and h["ETHNIC"].tolist() == ["WBRI"]
    assert h["MOTHER"].isna().all()  # optional column missing: blank, no finding
    assert not [f for f in r.findings if f.rule_id == "COLUMN-MISSING"]


def test_extra_columns_are_a_query_and_ignored(write: Write) -> None:
    text = "CHILD,SEX,DOB,ETHNIC,UPN,Notes\nC1,1,01/01/2012,WBRI,A1,free text\n"
    r = read_one([write("h.csv", text)], year=2020)
    extra = [f for f in r.findings if f.rule_id == "COLUMN-EXTRA"]
    assert len(extra) == 1 and extra[0].field == "Notes" and extra[0].severity.value == "query"
    assert "Notes" not in r.tables["header"].columns


def test_missing_required_column_is_one_error_not_one_per_row(write: Write) -> None:
    text = "CHILD,SEX,ETHNIC,UPN\nC1,1,WBRI,A1\nC2,1,WBRI,A2\n"
    r = read_one([write("h.csv", text)], year=2020)
    missing = [f for f in r.findings if f.rule_id == "COLUMN-MISSING"]
    assert [(f.field, f.row) for f in missing] == [("DOB", None)]
    assert r.errors


def test_blank_lines_keep_row_numbers_and_are_not_rows(write: Write) -> None:
    text = HEADER + "\nC1,2,01/02/2010,WBRI,A1,,\n,,,,,,\n\nC2,9,01/02/2010,WBRI,A2,,\n"
    r = read_one([write("h.csv", text)], year=2020)
    assert r.rows_read == 2 and r.rows_used == 2
    assert r.tables["header"]["_row"].tolist() == [2, 5]
    sex = [f for f in r.findings if f.rule_id == "101"]
    assert [(f.row, f.child_id) for f in sex] == [(5, "C2")]


def test_duplicate_rows_are_reported_and_dropped(write: Write) -> None:
    row = "C1,2,01/02/2010,WBRI,A1,,\n"
    r = read_one([write("h.csv", HEADER + row + row + row)], year=2020)
    assert len(r.tables["header"]) == 1
    assert r.rows_read == 3 and r.rows_reported == 2
    dups = [f for f in r.findings if f.rule_id == "ROW-DUPLICATE"]
    assert [f.row for f in dups] == [2, 3]


def test_rows_with_extra_fields_are_reported_not_used(write: Write) -> None:
    text = HEADER + "C1,2,01/02/2010,WBRI,A1,,\nC2,2,01/02/2010,WBRI,A2,,,oops,more\n"
    r = read_one([write("h.csv", text)], year=2020)
    assert r.tables["header"]["CHILD"].tolist() == ["C1"]
    assert (r.rows_read, r.rows_used, r.rows_reported) == (2, 1, 1)
    (f,) = [f for f in r.findings if f.rule_id == "ROW-EXTRA-FIELDS"]
    assert f.row == 2 and f.child_id == "C2"


def test_short_rows_are_padded_with_a_query(write: Write) -> None:
    r = read_one([write("h.csv", HEADER + "C1,2,01/02/2010\n")], year=2020)
    assert r.tables["header"]["CHILD"].tolist() == ["C1"]
    assert "ROW-SHORT" in rules_of(r.findings)


def test_empty_file_in_a_folder_is_reported(write: Write) -> None:
    write("set/header.csv", HEADER + "C1,2,01/02/2010,WBRI,A1,,\n")
    empty = write("set/episodes.csv", "")
    (r,) = read_paths([empty.parent])
    assert any(f.rule_id == "FILE-EMPTY" and f.file == "episodes.csv" for f in r.findings)
    assert len(r.tables["header"]) == 1 and r.tables["episodes"].empty


@pytest.mark.parametrize(
    "name,content,needle",
    [
        ("book.xlsx", b"PK\x03\x04rest-of-zip", "Excel"),
        ("notes.csv", "just,some,words\nno,903,here\n", "not an SSDA903 table"),
        ("bin.csv", b"\x00\x01\x02\x03binary", "binary"),
        ("other.xml", "<root><thing/></root>", "not an SSDA903, CIN census or workforce"),
        ("broken.xml", "<?xml version='1.0'?>\n<!-- nothing -->", "is XML but not"),
    ],
)
def test_unusable_files_raise_one_sentence_naming_the_file(
    write: Write, name: str, content: str | bytes, needle: str
) -> None:
    path = write(name, content)
    with pytest.raises(UserError) as exc:
        read_paths([path])
    assert name in exc.value.message and needle in exc.value.message


def test_missing_path_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        read_paths([tmp_path / "nope"])


def test_year_from_name_is_checked_against_the_episode_dates(write: Write) -> None:
    rows = ep("C1", "01/05/2018", "01/06/2018", "E11") + ep("C2", "10/03/2019")
    a = read_one([write("y/2019-episodes.csv", EPISODES + rows)])
    assert a.years == [2019]  # episodes run to March 2019: the year ending 31 March 2019
    b = read_one([write("z/2018-episodes.csv", EPISODES + rows)])
    assert b.years == [2019] and "YEAR-INFERRED" in rules_of(b.findings)
    c = read_one([write("w/903_2018-19_episodes.csv", EPISODES + rows)])
    assert c.years == [2019] and "YEAR-INFERRED" not in rules_of(c.findings)
    d = read_one([write("v/episodes.csv", EPISODES + rows)], year=2021)
    assert d.years == [2021]


def test_codes_are_judged_by_the_collection_year(write: Write) -> None:
    # K3 joined the placement codes in 2025; P2 left them
    rows = ep("C1", "01/05/2024", place="K3") + ep("C2", "01/05/2024", place="P2")
    old = read_one([write("a/episodes.csv", EPISODES + rows)], year=2020)
    new = read_one([write("b/episodes.csv", EPISODES + rows)], year=2026)
    bad_old = {f.child_id: f.severity.value for f in old.findings if f.rule_id == "146"}
    bad_new = {f.child_id: f.severity.value for f in new.findings if f.rule_id == "146"}
    assert bad_old == {"C1": "error"}
    assert bad_new == {"C2": "error"}


def test_903_xml_maps_to_the_same_tables(write: Write) -> None:
    xml = """<?xml version='1.0'?><EXPSSDA903><CHILD><HEADER><CHILDID>X1</CHILDID><UPN>A1</UPN>
    <SEX>1</SEX><DOB>28/07/2010</DOB><ETHNIC>BAFR</ETHNIC><UASC>1</UASC><DUC>01/01/2028</DUC>
    <AREVIEW><REVIEW>27/09/2017</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW></HEADER>
    <EPISODE><DECOM>06/01/2017</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N4</CIN><PL>U1</PL>
    <DEC>06/10/2017</DEC><REC>E11</REC></EPISODE></CHILD></EXPSSDA903>"""
    r = read_one([write("903.xml", xml)], year=2018)
    assert r.tables["episodes"]["PLACE"].tolist() == ["U1"]
    assert r.tables["uasc"]["DUC"].tolist() == [pd.Timestamp("2028-01-01")]
    assert r.tables["reviews"]["REVIEW_CODE"].tolist() == ["PN1"]
    assert r.rows_read == 4


def test_truncated_903_xml_reads_what_it_can_and_says_so(write: Write) -> None:
    xml = (
        "<EXPSSDA903><CHILD><HEADER><CHILDID>X1</CHILDID><SEX>1</SEX><DOB>28/07/2010</DOB>"
        "<ETHNIC>BAFR</ETHNIC><UPN>A1</UPN></HEADER></CHILD><CHILD><HEADER><CHILDID>X2</CHI"
    )
    r = read_one([write("cut.xml", xml)], year=2018)
    assert "XML-MALFORMED" in rules_of(r.findings)
    assert "X1" in r.tables["header"]["CHILD"].tolist()


def test_unknown_year_accepts_any_years_codes_and_still_links_tables(write: Write) -> None:
    write("n/header.csv", HEADER + "A,1,01/01/2010,WBRI,A1,,\nB,M,01/01/2010,WBRI,A2,,\n")
    write("n/missing.csv", "CHILD,DOB,MISSING,MIS_START,MIS_END\nZ,01/01/2010,M,01/01/2020,\n")
    r = read_one([write("n/uasc.csv", "CHILD,SEX,DOB,DUC\nA,Q,01/01/2010,\n").parent])
    assert r.years is None and "YEAR-UNKNOWN" in rules_of(r.findings)
    assert [f.child_id for f in r.findings if f.rule_id == "101"] == []  # 1 and M both once valid
    assert [f.field for f in r.findings if f.child_id == "A" and f.rule_id != "INT21"] == ["SEX"]
    assert [f.child_id for f in r.findings if f.rule_id == "INT04"] == ["Z"]
