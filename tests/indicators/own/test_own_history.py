"""Every own figure says which returns it rests on, and an indicator that looks back says when
the returns loaded are too short for DfE's definition (issue 21)."""

from __future__ import annotations

import pandas as pd
from own_helpers import LA, D, frame

from lineofsight.indicators.engine import compute
from lineofsight.indicators.own.history import words

COLS = "CHILD DECOM RNE LS PLACE DEC REC YEAR"


def _run(years: list[int]) -> dict[tuple[str, object], dict[str, object]]:
    # one child in the same placement since 2019, in every return loaded
    eps = pd.concat(
        [frame(COLS, [("A", D(2019, 5, 1), "S", "C2", "U4", None, None, y)]) for y in years],
        ignore_index=True,
    )
    header = frame("CHILD DOB", [("A", D(2012, 1, 1))])
    out = compute({"episodes": eps, "header": header}, la=LA, population={})
    return {(r["indicator_id"], r["period_end"]): r for r in out.to_dict("records")}


def test_each_figure_names_the_returns_loaded() -> None:
    res = _run([2022, 2023, 2024])
    assert res[("cla_count", D(2024, 3, 31))]["returns"] == "from the 2021-22 to 2023-24 returns"
    assert res[("cla_count", D(2024, 3, 31))]["note"] == ""


def test_stability_with_too_short_a_history_says_so() -> None:
    # 2½ years before 31 March 2024 is 1 October 2021, in the 2021-22 return: with that and
    # 2022-23 loaded the figure rests on the history DfE uses; with 2023-24 alone it does not
    full = _run([2022, 2023, 2024])[("cla_long_term_stability_pct", D(2024, 3, 31))]
    assert full["note"] == "" and full["value"] == 100.0
    short = _run([2024])[("cla_long_term_stability_pct", D(2024, 3, 31))]
    assert short["returns"] == "from the 2023-24 return"
    assert "DfE's u" in short["note"] and "2021-22 to 2022-23 returns" in short["note"]
    assert short["value"] == 100.0 and short["state"] == "value"  # still shown, with the note


def test_return_words() -> None:
    assert words([2024], "cin") == "the 2023-24 return"
    assert words([2022, 2024], "ssda903") == "the 2021-22 and 2023-24 returns"
    assert words([2022], "workforce") == "the 2022 census"
    assert words([], "cin") == "one return (its year not known)"
