"""Hypothesis fuzzing of every reader: mangled dates and codes, odd encodings, truncation and
random bytes must end either in a ReadResult that keeps the row accounting or in a UserError
sentence, never in any other exception (which the CLI would show as a traceback)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from returns_helpers import EPISODES, HEADER

from lineofsight.errors import UserError
from lineofsight.returns.load import read_paths

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

dates = st.one_of(
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["", "31/02/2020", "00/00/0000", "1/1/1", "2020-13-01", "9999-12-31", "N/A"]),
    st.text(max_size=12),
)
codes = st.one_of(
    st.sampled_from(["C2", "S", "P", "U1", "E11", "X1", "", "c2 ", "1.0", "ZZ"]),
    st.text(max_size=6),
)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])


def _check(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            results = read_paths([path])
        except UserError as exc:
            assert exc.message.strip()
            return
        for r in results:
            assert r.rows_read == r.rows_used + r.rows_reported
            assert all(f.message for f in r.findings)


def _clean(text: str) -> str:
    return text.replace(",", " ").replace("\n", " ").replace("\r", " ").replace('"', "")


@FUZZ
@given(
    rows=st.lists(st.tuples(st.text(max_size=8), dates, codes, codes, dates, codes), max_size=12),
    encoding=encodings,
    cut=st.one_of(st.none(), st.integers(min_value=0, max_value=2000)),
)
def test_903_csv_survives_mangled_values(
    rows: list[tuple[str, ...]], encoding: str, cut: int | None
) -> None:
    lines = [EPISODES.rstrip("\n")]
    for child, decom, rne, ls, dec, rec in rows:
        fields = [child, decom, rne, ls, "N1", "U1", "PR1", dec, rec, "", "", "", ""]
        lines.append(",".join(_clean(f) for f in fields))
    data = "\n".join(lines).encode(encoding, errors="replace")
    _check("2024-episodes.csv", data[:cut] if cut is not None else data)


@FUZZ
@given(
    rows=st.lists(st.tuples(st.text(max_size=8), codes, dates, codes), max_size=10),
    noise=st.binary(max_size=40),
    at=st.integers(min_value=0, max_value=400),
)
def test_903_header_survives_random_bytes(
    rows: list[tuple[str, ...]], noise: bytes, at: int
) -> None:
    body = HEADER + "".join(",".join(_clean(x) for x in r) + ",A1,,\n" for r in rows)
    data = body.encode()
    _check("header.csv", data[:at] + noise + data[at:])


@FUZZ
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".xml", ".txt"]))
def test_random_bytes_never_traceback(data: bytes, suffix: str) -> None:
    _check("random" + suffix, data)


CIN_DOC = """<Message><Header><CollectionDetails><Year>2024</Year>
<ReferenceDate>{ref}</ReferenceDate></CollectionDetails></Header><Children><Child>
<ChildIdentifiers><LAchildID>{id}</LAchildID><PersonBirthDate>{dob}</PersonBirthDate>
<GenderCurrent>{code}</GenderCurrent></ChildIdentifiers>
<ChildCharacteristics><Ethnicity>{code}</Ethnicity></ChildCharacteristics>
<CINdetails><CINreferralDate>{d1}</CINreferralDate><ReferralSource>{code}</ReferralSource>
<CINclosureDate>{d2}</CINclosureDate><Assessments><AssessmentActualStartDate>{d1}
</AssessmentActualStartDate><AssessmentAuthorisationDate>{d2}</AssessmentAuthorisationDate>
</Assessments><ChildProtectionPlans><CPPstartDate>{d2}</CPPstartDate><CPPendDate>{d1}</CPPendDate>
<NumberOfPreviousCPP>{code}</NumberOfPreviousCPP></ChildProtectionPlans>
<ReferralNFA>{code}</ReferralNFA></CINdetails></Child></Children></Message>"""


def _xml_text(value: str) -> str:
    return value.replace("&", "").replace("<", "").replace(">", "")


@FUZZ
@given(
    ref=dates, dob=dates, d1=dates, d2=dates, code=codes, ident=st.text(max_size=10),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    cut=st.one_of(st.none(), st.integers(min_value=0, max_value=1200)),
)  # fmt: skip
def test_cin_xml_survives_mangled_values_and_truncation(
    ref: str, dob: str, d1: str, d2: str, code: str, ident: str, encoding: str, cut: int | None
) -> None:
    values = {"ref": ref, "dob": dob, "d1": d1, "d2": d2, "code": code, "id": ident}
    doc = CIN_DOC.format(**{k: _xml_text(v) for k, v in values.items()})
    data = doc.encode(encoding, errors="replace")
    _check("cin.xml", data[:cut] if cut is not None else data)


CSWW_DOC = """<Message><Header><CollectionDetails><Year>2024</Year><ReferenceDate>{ref}
</ReferenceDate></CollectionDetails></Header><LALevelVacancies><NumberOfVacancies>{num}
</NumberOfVacancies></LALevelVacancies><CSWWWorker><AgencyWorker>{code}</AgencyWorker>
<SWENo>{id}</SWENo><FTE>{num}</FTE><RoleStartDate>{d1}</RoleStartDate><Cases30>{num}</Cases30>
<ContractWeeks>{num}</ContractWeeks><ContractWeeks>{code}</ContractWeeks></CSWWWorker></Message>"""


@FUZZ
@given(
    ref=dates, d1=dates, code=codes, ident=st.text(max_size=14),
    num=st.one_of(st.floats(allow_nan=True).map(str), st.integers().map(str), st.text(max_size=5)),
    cut=st.one_of(st.none(), st.integers(min_value=0, max_value=700)),
)  # fmt: skip
def test_workforce_xml_survives_mangled_values_and_truncation(
    ref: str, d1: str, code: str, ident: str, num: str, cut: int | None
) -> None:
    values = {"ref": ref, "d1": d1, "code": code, "id": ident, "num": num}
    doc = CSWW_DOC.format(**{k: _xml_text(v) for k, v in values.items()}).encode()
    _check("csww.xml", doc[:cut] if cut is not None else doc)


X903 = """<EXPSSDA903><CHILD><HEADER><CHILDID>{id}</CHILDID><SEX>{code}</SEX><DOB>{d1}</DOB>
<ETHNIC>{code}</ETHNIC><UPN>A1</UPN><UASC>{code}</UASC><DUC>{d2}</DUC><AREVIEW><REVIEW>{d2}
</REVIEW><REVIEW_CODE>{code}</REVIEW_CODE></AREVIEW><OC2><SDQ_SCORE>{code}</SDQ_SCORE></OC2>
</HEADER><EPISODE><DECOM>{d1}</DECOM><RNE>{code}</RNE><LS>{code}</LS><PL>{code}</PL><DEC>{d2}</DEC>
<REC>{code}</REC></EPISODE><EPISODE><DECOM>{d2}</DECOM></EPISODE></CHILD></EXPSSDA903>"""


@FUZZ
@given(
    d1=dates, d2=dates, code=codes, ident=st.text(max_size=10),
    cut=st.one_of(st.none(), st.integers(min_value=0, max_value=700)),
)  # fmt: skip
def test_903_xml_survives_mangled_values_and_truncation(
    d1: str, d2: str, code: str, ident: str, cut: int | None
) -> None:
    values = {"d1": d1, "d2": d2, "code": code, "id": ident}
    doc = X903.format(**{k: _xml_text(v) for k, v in values.items()}).encode()
    _check("903.xml", doc[:cut] if cut is not None else doc)


cells = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=8)


@FUZZ
@given(
    header=st.lists(st.from_regex(r"[A-Z]{2,6}", fullmatch=True), min_size=1, max_size=5),
    rows=st.lists(st.lists(cells, min_size=5, max_size=5), min_size=1, max_size=8),
)
def test_fast_and_careful_csv_paths_agree(header: list[str], rows: list[list[str]]) -> None:
    import csv
    import io

    from lineofsight.returns import tabular

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row[: len(header)])
    text = buf.getvalue()
    fast = tabular.parse_csv(text, Path("x.csv"))
    careful = tabular.parse_careful(text, Path("x.csv"))
    assert fast.header == careful.header and fast.rows_read == careful.rows_read
    assert fast.frame.astype(object).fillna("").values.tolist() == (
        careful.frame.astype(object).fillna("").values.tolist()
    )
