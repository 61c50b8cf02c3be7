"""Finding a council by the names and codes people actually type, and reorganisations made explicit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lineofsight.errors import UserError
from lineofsight.reference.las import registry, resolve


@pytest.mark.parametrize(
    "text",
    ["Stoke-on-Trent", "stoke on trent", "861", "E06000021", "e06000021", "  Stoke-On-Trent  "],
)
def test_name_old_code_and_e_code_all_resolve(text: str) -> None:
    la = resolve(text)
    assert (la.code, la.old_code, la.name) == ("E06000021", "861", "Stoke-on-Trent")


def test_there_are_153_current_las_in_nine_regions() -> None:
    current = registry().current()
    assert len(current) == 153
    assert len({la.region_code for la in current}) == 9
    assert len({la.code for la in current}) == 153


@pytest.mark.parametrize(
    "text,code",
    [
        ("Bristol", "E06000023"),
        ("Bristol, City of", "E06000023"),
        ("County Durham", "E06000047"),
        ("Durham", "E06000047"),
        ("Herefordshire", "E06000019"),
        ("St Helens", "E08000013"),
        ("St. Helens", "E08000013"),
        ("Kingston upon Hull", "E06000010"),
        ("BCP", "E06000058"),
    ],
)
def test_common_name_variants(text: str, code: str) -> None:
    assert resolve(text).code == code


def test_near_miss_says_did_you_mean() -> None:
    with pytest.raises(UserError) as err:
        resolve("Stoke-on-Trnt")
    assert "Did you mean 'Stoke-on-Trent'" in err.value.message


def test_nonsense_gets_a_clear_sentence() -> None:
    with pytest.raises(UserError) as err:
        resolve("Atlantis")
    assert err.value.message.startswith("No local authority matches 'Atlantis'.")


def test_reorganisations_are_explicit() -> None:
    """Cumbria, Northamptonshire and pre-2019 Dorset are predecessors with named successors."""
    cumbria = resolve("Cumbria")
    assert cumbria.status == "predecessor" and cumbria.ended == "2023-04-01"
    assert set(cumbria.successors) == {"E06000063", "E06000064"}
    assert resolve("Cumberland").predecessors == ("E10000006",)
    northants = resolve("928")
    assert set(northants.successors) == {"E06000061", "E06000062"}
    assert resolve("Bournemouth, Christchurch and Poole").current


def test_unitary_code_changes_keep_one_council() -> None:
    """North Yorkshire and Somerset changed E-code in 2023 on the same footprint: old codes resolve."""
    assert resolve("E10000023").code == "E06000065"
    assert resolve("E10000027").code == "E06000066"


@settings(max_examples=200)
@given(st.text(max_size=40))
def test_any_text_resolves_or_gets_one_sentence(text: str) -> None:
    """Whatever is typed, the answer is a council or a UserError sentence, never a crash."""
    try:
        la = resolve(text)
    except UserError as err:
        assert err.message.startswith("No local authority matches")
    else:
        assert la.code.startswith("E")
