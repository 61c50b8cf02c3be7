"""Disclosure control for own-data figures shown beyond analysts: the one place it is applied.

The written policy is docs/disclosure.md. In short, after DfE's conventions for its children's
social care statistics: a figure about children (every SSDA903 and CIN indicator, as its
definition's ``family`` says) is shown as ``c`` when the number of children or events behind it is
1 to 5; a percentage is also ``c`` when its cohort (the denominator) is 1 to 5, or when the
children *not* counted (denominator minus numerator) are 1 to 5, since "95% of 40 care leavers in
touch" tells a reader that two are not. Zero is not disclosive and stays. When a figure is ``c``
its numerator and denominator are blanked too, so it cannot be worked back. Workforce figures are
about staff in post, not children, and DfE publishes them unsuppressed. An id with no own-data
definition is treated as a figure about children: unknown means suppressed.

Analysts (who may read child-level findings) see exact figures; every page, pack, export and
signal shown to anyone else takes own figures through ``suppress`` or ``disclose``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

SMALLEST_SHOWN = 6  # counts of 1 to 5 are suppressed
NOT_ABOUT_CHILDREN = frozenset({"workforce"})  # definition families that count staff


@cache
def _families() -> dict[str, str]:
    from lineofsight.indicators.own.registry import DEFINITIONS

    return {d.id: d.family for d in DEFINITIONS}


@cache
def _kinds() -> dict[str, str]:
    from lineofsight.indicators.own.registry import DEFINITIONS

    return {d.id: d.kind for d in DEFINITIONS}


def about_children(indicator_id: str) -> bool:
    """Whether the figure counts children (or their referrals, plans, ...), from its definition."""
    return _families().get(indicator_id) not in NOT_ABOUT_CHILDREN


def _small(x: float | None) -> bool:
    return x is not None and not pd.isna(x) and 0 < x < SMALLEST_SHOWN


def disclosive(
    indicator_id: str, numerator: float | None, denominator: float | None, state: str = "value"
) -> bool:
    """Whether this figure must be shown as ``c`` beyond analysts (see the module's policy)."""
    if state != "value" or not about_children(indicator_id):
        return False
    if _small(numerator):
        return True
    if _kinds().get(indicator_id, "pct") != "pct":
        return False  # a count is its numerator; a rate's denominator is a population
    if _small(denominator):
        return True
    if numerator is None or denominator is None or pd.isna(numerator) or pd.isna(denominator):
        return False
    return _small(denominator - numerator)


def suppress(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of own-data rows (the engine's columns) with disclosive figures shown as ``c``:
    ``value``, ``numerator`` and ``denominator`` are blanked with it so nothing can be recovered."""
    out = df.copy()
    blank = pd.Series(float("nan"), index=out.index)
    num = pd.to_numeric(out.get("numerator", blank), errors="coerce").astype("float64")
    den = pd.to_numeric(out.get("denominator", blank), errors="coerce").astype("float64")
    small = pd.Series(
        [
            disclosive(str(i), n, d, str(s))
            for i, n, d, s in zip(out["indicator_id"], num, den, out["state"], strict=True)
        ],
        index=out.index,
        dtype=bool,
    )
    out["value"] = pd.to_numeric(out["value"], errors="coerce").astype("float64").mask(small)
    out["numerator"] = num.mask(small)
    out["denominator"] = den.mask(small)
    out["state"] = out["state"].mask(small, "c")
    return out


def breakdown(counts: dict[str, int]) -> set[str]:
    """The cells of a breakdown of children (by placement type, say) to show as ``c`` when its
    total is shown: each cell of 1 to 5, and, when only one cell would be hidden, the next smallest
    non-zero cell too, so the hidden one cannot be worked back from the total. A total of 1 to 5
    hides every cell."""
    if _small(sum(counts.values())):
        return {k for k, v in counts.items() if v}
    hidden = {k for k, v in counts.items() if _small(v)}
    if len(hidden) == 1:
        rest = sorted((v, k) for k, v in counts.items() if v and k not in hidden)
        if rest:
            hidden.add(rest[0][1])
    return hidden
