"""Vectorised conversion of text cells to dates and numbers, with a mask of cells that failed.

Inputs are trimmed ``string`` series with <NA> for blanks (what the readers produce; use
:func:`clean` on anything else). Dates arrive as dd/mm/yyyy (the DfE CSV form), ISO yyyy-mm-dd (XML and re-saved files),
with '-' or '.' separators, or with a time of day that Excel added; anything else is invalid.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_TIME_SUFFIX = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$"


def blank(s: pd.Series) -> pd.Series:
    """True where a cell is missing or only whitespace."""
    return (s.isna() | (s.astype("string").str.strip() == "")).astype(bool)


def clean(s: pd.Series) -> pd.Series:
    """Trimmed ``string`` values with <NA> for blank cells: the form readers hand to checks."""
    text = s.astype("string").str.strip()
    return text.mask(text == "")


_SANE = (pd.Timestamp("1900-01-01"), pd.Timestamp("2100-12-31"))


# Each format's exact shape, with the day captured: Arrow's strptime (some 30 times faster than
# pandas') is lenient, taking inner spaces and rolling 31/02 into March, so a date counts only if
# it has the shape and its day survives parsing.
_SHAPES = {
    "%d/%m/%Y": r"^(?P<d>\d{1,2})/\d{1,2}/\d{4}$",
    "%Y-%m-%d": r"^\d{4}-\d{1,2}-(?P<d>\d{1,2})$",
    "%Y/%m/%d": r"^\d{4}/\d{1,2}/(?P<d>\d{1,2})$",
}


def _parse(text: pd.Series, fmt: str) -> pd.Series:
    """Dates in ``fmt`` (NaT where a cell is not one, or lies outside 1900-2100)."""
    arr = pa.array(text.astype("string"), type=pa.string(), from_pandas=True)
    parsed = pc.strptime(arr, format=fmt, unit="s", error_is_null=True)
    day = pc.cast(pc.struct_field(pc.extract_regex(arr, _SHAPES[fmt]), "d"), pa.int64())
    year = pc.year(parsed)
    ok = pc.and_kleene(
        pc.equal(pc.day(parsed), day),
        pc.and_kleene(pc.greater_equal(year, _SANE[0].year), pc.less_equal(year, _SANE[1].year)),
    )
    kept = pc.if_else(pc.fill_null(ok, False), parsed, pa.scalar(None, parsed.type))
    out: pd.Series = kept.to_pandas().astype("datetime64[ns]")
    out.index = text.index
    return out


def to_dates(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(datetime64[ns] series with NaT for blanks, mask of non-blank cells that are not dates)."""
    text = s.astype("string")
    empty = text.isna()
    if bool(empty.all()):
        return pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]"), ~empty
    first = text[~empty].iloc[0]
    primary = "%Y-%m-%d" if len(first) >= 5 and first[4] == "-" else "%d/%m/%Y"
    out = _parse(text, primary)
    need = (~empty & out.isna()).astype(bool)
    if need.any():
        sub = text[need].str.replace(_TIME_SUFFIX, "", regex=True)
        sub = sub.str.replace(r"[-.]", "/", regex=True)
        ok = sub.str.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}|\d{4}/\d{1,2}/\d{1,2}").fillna(False)
        again = _parse(sub, "%d/%m/%Y").fillna(_parse(sub, "%Y/%m/%d"))
        out = out.astype("datetime64[ns]")
        out.loc[need] = again.where(ok.astype(bool)).astype("datetime64[ns]")
    out = out.astype("datetime64[ns]")
    bad = (~empty & out.isna()).astype(bool)
    return out, bad


def to_numbers(s: pd.Series, integer: bool) -> tuple[pd.Series, pd.Series]:
    """(Int64 or Float64 series, mask of non-blank cells that are not numbers)."""
    text = s.astype("string")
    empty = text.isna()
    num = pd.Series(pd.to_numeric(text, errors="coerce"), index=s.index, dtype="Float64")
    finite = num.abs() < 1e15
    num = num.where(finite.fillna(False).astype(bool))
    if integer:
        whole = (num == num.round(0)).fillna(False).astype(bool)
        bad = ~empty & ~whole
        return num.where(~bad).round(0).astype("Int64"), bad.astype(bool)
    bad = ~empty & num.isna()
    return num, bad.astype(bool)


def codes(s: pd.Series) -> pd.Series:
    """Codes as pandas ``string``: trimmed, upper-cased, <NA> when blank.

    ``1.0`` from a spreadsheet round trip becomes ``1``.
    """
    text = s.astype("string").str.upper()
    dotted = text.str.contains(".", regex=False).fillna(False).astype(bool)
    if dotted.any():
        text = text.mask(dotted, text.str.replace(r"^(\d+)\.0+$", r"\1", regex=True))
    return text


def strings(s: pd.Series) -> pd.Series:
    return s.astype("string")
