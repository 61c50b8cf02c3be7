"""Vectorised conversion of text cells to dates and numbers, with a mask of cells that failed.

Inputs are trimmed ``string`` series with <NA> for blanks (what the readers produce; use
:func:`clean` on anything else). Dates arrive as dd/mm/yyyy (the DfE CSV form), ISO yyyy-mm-dd (XML and re-saved files),
with '-' or '.' separators, or with a time of day that Excel added; anything else is invalid.
"""

from __future__ import annotations

import pandas as pd

_TIME_SUFFIX = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$"


def blank(s: pd.Series) -> pd.Series:
    """True where a cell is missing or only whitespace."""
    return (s.isna() | (s.astype("string").str.strip() == "")).astype(bool)


def clean(s: pd.Series) -> pd.Series:
    """Trimmed ``string`` values with <NA> for blank cells: the form readers hand to checks."""
    text = s.astype("string").str.strip()
    return text.mask(text == "")


_SANE = (pd.Timestamp("1900-01-01"), pd.Timestamp("2100-12-31"))


def _parse(text: pd.Series, fmt: str) -> pd.Series:
    out = pd.to_datetime(text, format=fmt, errors="coerce")
    out = pd.Series(out, index=text.index)
    if not out.notna().any():
        return out
    years = out.dt.year
    return out.where((years >= _SANE[0].year) & (years <= _SANE[1].year))


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
