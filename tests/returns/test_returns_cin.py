"""The CIN census reader and rules on tiny hand-made XML: tables and links between them, year
handling across schema changes, and each rule firing on a broken record and not on a good one.
Census year 2024 (1 April 2023 to 31 March 2024) unless stated."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from returns_helpers import cin_child, cin_details, cin_xml, read_one

from lineofsight.returns.findings import ReadResult

Write = Callable[..., Path]

ASSESS = (
    "<Assessments><AssessmentActualStartDate>{s}</AssessmentActualStartDate>"
    "<AssessmentAuthorisationDate>{a}</AssessmentAuthorisationDate>"
    "<FactorsIdentifiedAtAssessment><AssessmentFactors>{f}</AssessmentFactors>"
    "</FactorsIdentifiedAtAssessment></Assessments>"
)
CPP = (
    "<ChildProtectionPlans><CPPstartDate>{s}</CPPstartDate>{e}"
    "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>"
    "<LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>"
    "<NumberOfPreviousCPP>0</NumberOfPreviousCPP>"
    "<Reviews><CPPreviewDate>2023-09-01</CPPreviewDate></Reviews></ChildProtectionPlans>"
)
S47 = (
    "<Section47><S47ActualStartDate>{s}</S47ActualStartDate>"
    "<DateOfInitialCPC>{c}</DateOfInitialCPC><ICPCnotRequired>false</ICPCnotRequired></Section47>"
)


def cpp(start: str, end: str = "") -> str:
    return CPP.format(s=start, e=f"<CPPendDate>{end}</CPPendDate>" if end else "")


def test_tables_link_by_cin_details_id(write: Write) -> None:
    inner = ASSESS.format(s="2023-06-02", a="2023-07-01", f="1A") + cpp("2023-08-01")
    xml = cin_xml(
        cin_child(
            "K1", cin_details("2023-06-01", inner) + cin_details("2022-01-01", "", "2022-06-01")
        )
        + cin_child("K2", cin_details("2023-09-01", S47.format(s="2023-09-02", c="2023-09-20")))
    )
    r = read_one([write("cin.xml", xml)])
    t = r.tables
    assert r.years == [2024]
    assert t["cin_details"]["CINdetailsID"].tolist() == [1, 2, 3]
    assert t["assessments"]["CINdetailsID"].tolist() == [1]
    assert t["assessments"]["AssessmentFactors"].tolist() == ["1A"]
    assert t["cp_plans"][["LAchildID", "CINdetailsID", "CPPID"]].values.tolist() == [["K1", 1, 1]]
    assert t["cp_reviews"]["CPPreviewDate"].tolist() == [pd.Timestamp("2023-09-01")]
    assert t["section47"]["ICPCnotRequired"].tolist() == ["0"]  # 'false' normalised
    assert t["section47"]["LAchildID"].tolist() == ["K2"]
    assert (t["cin_details"]["YEAR"] == 2024).all()


def test_sex_replaces_gender_from_2025(write: Write) -> None:
    child = cin_child("K1", cin_details()).replace(
        "<GenderCurrent>1</GenderCurrent>", "<Sex>M</Sex>"
    )
    new = read_one([write("a/c.xml", cin_xml(child, 2025))])
    assert new.tables["children"]["Sex"].tolist() == ["M"]
    assert not [f for f in new.findings if f.rule_id == "4180"]
    old = read_one([write("b/c.xml", cin_xml(child, 2024))])
    assert [f.field for f in old.findings if f.rule_id == "4180"] == ["GenderCurrent"]


# rule, Child elements that break it (child BAD), Child elements that are fine
CASES = [
    ("8630", cin_details("2023-06-01", close="2023-05-01"), cin_details("2023-06-01", close="2023-07-01")),
    ("8620", cin_details("2022-06-01", close="2022-07-01"), cin_details("2022-06-01", close="2023-07-01")),
    (
        "8608",
        cin_details(inner=ASSESS.format(s="2023-07-01", a="2023-06-15", f="1A")),
        cin_details(inner=ASSESS.format(s="2023-06-15", a="2023-07-01", f="1A")),
    ),
    (
        "1103",
        cin_details(inner=ASSESS.format(s="2023-05-01", a="2023-06-15", f="1A")),
        cin_details(inner=ASSESS.format(s="2023-06-01", a="2023-06-15", f="1A")),
    ),
    (
        "CIN-CODE",
        cin_details(inner=ASSESS.format(s="2023-06-02", a="2023-06-15", f="99Z")),
        cin_details(inner=ASSESS.format(s="2023-06-02", a="2023-06-15", f="2B")),
    ),
    ("8925", cin_details(inner=cpp("2023-08-01", "2023-07-01")), cin_details(inner=cpp("2023-07-01", "2023-08-01"))),
    ("8840", cin_details(inner=cpp("2023-08-01", "2023-08-01")), cin_details(inner=cpp("2023-08-01", "2023-08-02"))),
    ("1105", cin_details(inner=cpp("2023-05-01")), cin_details(inner=cpp("2023-06-01"))),
    (
        "8940",
        cin_details(inner=cpp("2023-07-01", "2023-09-01") + cpp("2023-08-01")),
        cin_details(inner=cpp("2023-07-01", "2023-08-01") + cpp("2023-08-02")),
    ),
    (
        "8615",
        cin_details(inner=S47.format(s="2023-07-01", c="2023-06-20")),
        cin_details(inner=S47.format(s="2023-06-10", c="2023-06-20")),
    ),
    (
        "8820",
        cin_details("2023-05-01", close="2023-08-01") + cin_details("2023-07-01"),
        cin_details("2023-05-01", close="2023-08-01") + cin_details("2023-08-02"),
    ),
    ("8610", cin_details().replace("<PrimaryNeedCode>N1</PrimaryNeedCode>", ""), cin_details()),
    ("8650", cin_details().replace(">N1<", ">N99<"), cin_details()),
    ("8866", cin_details().replace(">1A<", ">ZZ<"), cin_details()),
]  # fmt: skip


@pytest.mark.parametrize("rule,bad,good", CASES, ids=[c[0] for c in CASES])
def test_cin_rules_fire_on_bad_and_not_on_good(
    write: Write, rule: str, bad: str, good: str
) -> None:
    other = cin_child("OK", cin_details())
    broken = read_one([write("a/cin.xml", cin_xml(cin_child("BAD", bad) + other))])
    hits = [f for f in broken.findings if f.rule_id == rule]
    assert hits, f"{rule} did not fire"
    assert {f.child_id for f in hits} == {"BAD"}
    assert all(f.row is not None and f.field and f.file == "cin.xml" for f in hits)
    fine = read_one([write("b/cin.xml", cin_xml(cin_child("BAD", good) + other))])
    assert not [f for f in fine.findings if f.rule_id == rule]


def test_duplicate_child_ids_and_birth_dates(write: Write) -> None:
    both = "<ExpectedPersonBirthDate>2024-06-01</ExpectedPersonBirthDate>"
    xml = cin_xml(
        cin_child("K1", cin_details())
        + cin_child("K1", cin_details())
        + cin_child("K2", cin_details(), extra=both)
        + cin_child("K3", cin_details(), dob="2024-05-01")
    )
    r = read_one([write("c.xml", xml)])
    assert [(f.child_id, f.row) for f in r.findings if f.rule_id == "8510"] == [("K1", 2)]
    assert [f.child_id for f in r.findings if f.rule_id == "8525"] == ["K2"]
    assert [f.child_id for f in r.findings if f.rule_id == "8520"] == ["K3"]


def test_unknown_elements_are_a_query_and_truncation_is_reported(write: Write) -> None:
    extra = cin_details().replace("<ReferralNFA>", "<Mystery>1</Mystery><ReferralNFA>")
    r = read_one([write("a/c.xml", cin_xml(cin_child("K1", extra)))])
    assert [f.field for f in r.findings if f.rule_id == "COLUMN-EXTRA"] == ["Mystery"]
    text = cin_xml(cin_child("K1", cin_details()) + cin_child("K2", cin_details()))
    cut = read_one([write("b/c.xml", text[: text.index("K2") + 5])])
    assert "XML-MALFORMED" in {f.rule_id for f in cut.findings}
    assert cut.tables["children"]["LAchildID"].iloc[0] == "K1"


def test_year_from_header_when_reference_date_is_not_31_march(write: Write) -> None:
    xml = cin_xml(cin_child("K1", cin_details()), 2023).replace("2023-03-31", "2023-07-21")
    r = read_one([write("c.xml", xml)])
    assert r.years == [2023]
    assert read_one([write("d.xml", xml)], year=2022).years == [2022]


def test_windows_1252_xml_is_read_with_a_query(write: Write) -> None:
    xml = cin_xml(cin_child("Zoë", cin_details()))
    r = read_one([write("c.xml", xml.encode("cp1252"))])
    assert r.tables["children"]["LAchildID"].tolist() == ["Zoë"]
    assert [f.rule_id for f in r.findings] == ["FILE-ENCODING"]


def test_an_in_year_census_ends_on_its_reference_date(write: Write) -> None:
    """A 2023-24 extract taken on 30 November 2023: an assessment started on 2 October is 43
    working days old then, not overdue (8670Q), though it would be by 31 March; and a date after
    the extract day is outside the census (8696)."""
    open_one = cin_details(inner=ASSESS.format(s="2023-10-02", a="", f="2B"))
    open_one = open_one.replace("<AssessmentAuthorisationDate></AssessmentAuthorisationDate>", "")
    later = cin_details(inner=ASSESS.format(s="2023-10-02", a="2023-12-05", f="2B"))
    xml = cin_xml(cin_child("OPEN", open_one) + cin_child("LATER", later))
    whole_year = read_one([write("a/c.xml", xml)])
    in_year = read_one([write("b/c.xml", xml.replace("2024-03-31", "2023-11-30"))])
    assert in_year.years == whole_year.years == [2024]

    def hits(r: ReadResult, rule: str) -> list[str | None]:
        return [f.child_id for f in r.findings if f.rule_id == rule]

    assert hits(whole_year, "8670Q") == ["OPEN"] and hits(in_year, "8670Q") == []
    assert hits(whole_year, "8696") == [] and hits(in_year, "8696") == ["LATER"]
