"""The degrading policy (docs/regions.md): no identifier, full date of birth or full postcode
survives, whatever the values; the same child gets the same token however its id is typed."""

from __future__ import annotations

import datetime as dt
import re
import string

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lineofsight.errors import UserError
from lineofsight.returns.degrade import (
    degrade_table,
    degrade_tables,
    normalise_id,
    outward,
    token,
)

KEY = b"k" * 32
OTHER_KEY = b"z" * 32
HEX64 = re.compile(r"^[0-9a-f]{64}$")
PROPS = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

ids = st.text(min_size=1, max_size=20).filter(
    lambda s: normalise_id(s) != "" and not re.match(r"^UN[1-7]$", normalise_id(s))
)
letters = st.sampled_from(string.ascii_uppercase)
digits = st.sampled_from(string.digits)
# Every shape of UK outward code (A9, A99, A9A, AA9, AA99, AA9A) and an inward code 9AA.
outwards = st.one_of(
    st.tuples(letters, digits).map("".join),
    st.tuples(letters, digits, digits).map("".join),
    st.tuples(letters, digits, letters).map("".join),
    st.tuples(letters, letters, digits).map("".join),
    st.tuples(letters, letters, digits, digits).map("".join),
    st.tuples(letters, letters, digits, letters).map("".join),
)
inwards = st.tuples(digits, letters, letters).map("".join)
spaces = st.sampled_from(["", " ", "  ", "\t"])
dobs = st.one_of(
    st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
)


@PROPS
@given(st.lists(ids, min_size=1, max_size=30), st.lists(ids, min_size=1, max_size=30))
def test_no_identifier_survives(children: list[str], upns: list[str]) -> None:
    n = min(len(children), len(upns))
    frame = pd.DataFrame(
        {"CHILD": children[:n], "UPN": upns[:n], "SEX": ["1"] * n, "_file": ["a.csv"] * n}
    )
    out = degrade_table(frame, KEY)
    assert "_file" not in out.columns
    originals = {*children, *upns} | {normalise_id(v) for v in (*children, *upns)}
    for col in ("CHILD", "UPN"):
        for value in out[col]:
            assert HEX64.match(value)
            assert value not in originals
    assert list(out["SEX"]) == ["1"] * n  # codes are kept


@PROPS
@given(ids, st.sampled_from(["", " ", "  ", "\t", "\n"]), st.sampled_from(["", " ", "\u00a0"]))
def test_case_and_whitespace_do_not_split_a_child(child: str, before: str, after: str) -> None:
    variants = [child, child.lower(), child.upper(), f"{before}{child}{after}"]
    tokens = {token(v, KEY) for v in variants}
    assert len(tokens) == 1
    assert token(child, OTHER_KEY) not in tokens  # another region's key gives other tokens


@PROPS
@given(st.lists(dobs, min_size=1, max_size=30))
def test_no_full_date_of_birth_survives(days: list[dt.date | None]) -> None:
    frame = pd.DataFrame({"CHILD": ["1"] * len(days), "DOB": pd.to_datetime(days)})
    out = degrade_table(frame, KEY)
    for before, after in zip(days, out["DOB"], strict=True):
        if before is None:
            assert pd.isna(after)  # a blank date of birth stays blank
        else:
            assert after == pd.Timestamp(before.year, before.month, 1)


@PROPS
@given(st.lists(st.one_of(st.text(max_size=12), st.none()), min_size=1, max_size=20))
def test_unreadable_dates_are_blanked_not_passed_through(texts: list[str | None]) -> None:
    frame = pd.DataFrame({"PersonBirthDate": pd.array(texts, dtype="string")})
    out = degrade_table(frame, KEY)
    assert pd.api.types.is_datetime64_any_dtype(out["PersonBirthDate"])
    assert all(pd.isna(d) or d.day == 1 for d in out["PersonBirthDate"])


@PROPS
@given(outwards, inwards, spaces, st.booleans())
def test_a_full_postcode_becomes_its_district(out: str, inward: str, gap: str, lower: bool) -> None:
    typed = f"{out}{gap}{inward}"
    typed = typed.lower() if lower else typed
    assert outward(typed) == out
    assert inward not in (outward(typed) or "")[len(out) :]


@PROPS
@given(st.lists(st.one_of(st.text(max_size=12), st.none()), min_size=1, max_size=20))
def test_no_full_postcode_survives_any_text(texts: list[str | None]) -> None:
    frame = pd.DataFrame({"HOME_POST": texts, "PL_POST": texts})
    out = degrade_table(frame, KEY)
    for before, after in zip(texts, out["HOME_POST"], strict=True):
        if after is pd.NA:
            continue
        assert len(after) <= 4
        if before is not None and len(normalise_id(before)) >= 5:
            assert after != normalise_id(before)
            assert len(after) <= len(normalise_id(before)) - 3


def test_liia_tools_postcode_fault_is_fixed() -> None:
    # the first four characters of "M1 1AE" are "M1 1", which names the sector
    assert outward("M1 1AE") == "M1"
    assert outward("sw1a 1aa") == "SW1A"
    assert outward(" B33 8TH ") == "B33"
    assert outward("") is None and outward(None) is None


def test_blank_identifiers_stay_blank_and_do_not_join() -> None:
    frame = pd.DataFrame({"CHILD": pd.array(["", None, "  ", "A1"], dtype="string")})
    out = degrade_table(frame, KEY)
    assert out["CHILD"].isna().tolist() == [True, True, True, False]


def test_upn_unknown_codes_are_kept_not_joined_as_one_child() -> None:
    frame = pd.DataFrame({"UPN": ["UN1", "un2 ", "A123456789012"], "CHILD": ["UN1", "2", "3"]})
    out = degrade_table(frame, KEY)
    assert list(out["UPN"][:2]) == ["UN1", "UN2"] and HEX64.match(out["UPN"][2])
    assert HEX64.match(out["CHILD"][0])  # only in a UPN field is UN1 a code


def test_a_short_secret_is_refused() -> None:
    with pytest.raises(UserError, match="at least 32 bytes"):
        degrade_table(pd.DataFrame({"CHILD": ["1"]}), b"short")


def test_read_returns_degrade_end_to_end(write) -> None:  # type: ignore[no-untyped-def]
    from lineofsight.returns.load import read_paths

    header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n1001,1,17/06/2012,WBRI,A123456789012,,\r\n"
    episodes = (
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n"
        "1001,01/05/2023,S,C2,N1,U1,PR1,,,,QA1 2BC,QB12 3CD,SC123456\r\n"
    )
    write("2024/header.csv", header)
    path = write("2024/episodes.csv", episodes)
    (result,) = read_paths([path.parent], validate=False)
    tables = degrade_tables(result.tables, KEY)
    text = "\n".join(df.astype(str).to_csv() for df in tables.values())
    for secret in (
        "1001",
        "A123456789012",
        "17/06/2012",
        "2012-06-17",
        "QA1 2BC",
        "QB12 3CD",
        "2BC",
    ):
        assert secret not in text
    assert tables["header"]["DOB"].iloc[0] == pd.Timestamp(2012, 6, 1)
    assert tables["episodes"]["HOME_POST"].iloc[0] == "QA1"
    assert tables["episodes"]["PL_POST"].iloc[0] == "QB12"
    assert tables["episodes"]["CHILD"].iloc[0] == tables["header"]["CHILD"].iloc[0]
