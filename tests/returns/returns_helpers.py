"""Builders for tiny hand-made 903 / CIN files used across the returns tests."""

from __future__ import annotations

from pathlib import Path

from lineofsight.returns.findings import Finding, ReadResult
from lineofsight.returns.load import read_paths

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"


def ep(child: str, decom: str, dec: str = "", rec: str = "", rne: str = "S", **kw: str) -> str:
    """One episodes row with sensible defaults (legal status C2, foster placement U1)."""
    ls, place = kw.get("ls", "C2"), kw.get("place", "U1")
    return f"{child},{decom},{rne},{ls},N1,{place},PR1,{dec},{rec},,,,\n"


def read_one(paths: list[Path], year: int | None = None) -> ReadResult:
    results = read_paths(paths, year=year)
    assert len(results) == 1
    result = results[0]
    assert result.rows_read == result.rows_used + result.rows_reported
    return result


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule_id for f in findings}


def cin_xml(children: str, year: int = 2024) -> str:
    """A CIN census message around ``children`` (Child elements), census year ending ``year``."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>{year}</Year>
<ReferenceDate>{year}-03-31</ReferenceDate></CollectionDetails>
<Source><SourceLevel>L</SourceLevel><LEA>861</LEA></Source></Header>
<Children>{children}</Children></Message>"""


def cin_child(ident: str, details: str, dob: str = "2015-05-01", extra: str = "") -> str:
    return f"""<Child><ChildIdentifiers><LAchildID>{ident}</LAchildID>
<PersonBirthDate>{dob}</PersonBirthDate><GenderCurrent>1</GenderCurrent>{extra}
</ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
{details}</Child>"""


def cin_details(
    referral: str = "2023-06-01", inner: str = "", close: str = "", nfa: str = "0"
) -> str:
    closing = (
        f"<CINclosureDate>{close}</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure>"
        if close
        else ""
    )
    return f"""<CINdetails><CINreferralDate>{referral}</CINreferralDate>
<ReferralSource>1A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>{closing}
{inner}<ReferralNFA>{nfa}</ReferralNFA></CINdetails>"""
