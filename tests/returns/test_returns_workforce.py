"""The workforce (CSWW) census reader and checks: worker and LA-level tables, the census year
from the header, and each check firing on a broken worker and not on a good one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from returns_helpers import read_one

Write = Callable[..., Path]


def csww(workers: str, la: bool = True) -> str:
    level = (
        "<LALevelVacancies><NumberOfVacancies>4.50</NumberOfVacancies><NoAgencyFTE>3.00</NoAgencyFTE>"
        "<NoAgencyHeadcount>3</NoAgencyHeadcount></LALevelVacancies>"
        if la
        else ""
    )
    return (
        "<Message><Header><CollectionDetails><Collection>CSWW</Collection><Year>2024</Year>"
        "<ReferenceDate>2024-09-30</ReferenceDate></CollectionDetails></Header>"
        f"{level}{workers}</Message>"
    )


def worker(swe: str = "AB1234567890", fte: str = "1.000000", **kw: str) -> str:
    extra = "".join(f"<{k}>{v}</{k}>" for k, v in kw.items())
    return (
        f"<CSWWWorker><AgencyWorker>0</AgencyWorker><SWENo>{swe}</SWENo><FTE>{fte}</FTE>"
        f"<QualInst>Uni</QualInst><QualInst>College</QualInst><ContractWeeks>10.5</ContractWeeks>"
        f"<ContractWeeks>2.0</ContractWeeks>{extra}</CSWWWorker>"
    )


def test_workers_and_la_level(write: Write) -> None:
    r = read_one([write("csww.xml", csww(worker(Cases30="12", FTE30="0.800000")))])
    assert r.years == [2024]
    w = r.tables["workers"]
    assert w["FTE"].tolist() == [1.0] and w["Cases30"].tolist() == [12]
    assert w["QualInst"].tolist() == ["Uni,College"]
    assert w["ContractWeeks"].tolist() == [12.5]
    assert r.tables["la_level"]["NoAgencyHeadcount"].tolist() == [3]
    assert not r.findings


CASES = [
    ("CSWW-FTE", worker(fte="1.500000"), worker(fte="0.500000")),
    ("CSWW-SWENO", worker(swe="12345"), worker(swe="XY0000000001")),
    ("CSWW-DATES", worker(RoleStartDate="2024-05-01", RoleEndDate="2024-04-01"),
     worker(RoleStartDate="2024-04-01", RoleEndDate="2024-05-01")),
    ("CSWW-DUPLICATE", worker() + worker(), worker() + worker(swe="AB0000000002")),
    ("CSWW-CODE", worker(OrgRole="9"), worker(OrgRole="5")),
]  # fmt: skip


@pytest.mark.parametrize("rule,bad,good", CASES, ids=[c[0] for c in CASES])
def test_checks_fire_on_bad_and_not_on_good(write: Write, rule: str, bad: str, good: str) -> None:
    broken = read_one([write("a/w.xml", csww(bad))])
    assert [f for f in broken.findings if f.rule_id == rule and f.severity.value == "error"]
    fine = read_one([write("b/w.xml", csww(good))])
    assert not [f for f in fine.findings if f.rule_id == rule]


def test_missing_la_level_is_an_error(write: Write) -> None:
    r = read_one([write("w.xml", csww(worker(), la=False))])
    assert [f.rule_id for f in r.errors] == ["CSWW-LA-MISSING"]
