"""Shared building blocks for findings: typing columns against a spec, and turning masks into findings.

Rules are computed as boolean masks over whole tables (vectorised); only the rows that fail
become :class:`Finding` objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from lineofsight.returns import coerce
from lineofsight.returns.findings import Batch, Findings, Severity
from lineofsight.returns.schema import Column, Spec


def emit(
    df: pd.DataFrame,
    mask: pd.Series | Iterable[bool],
    rule: str,
    severity: Severity,
    field: str | None,
    message: str,
    id_col: str | None,
    value_col: str | None = None,
) -> Batch:
    """The findings where ``mask`` is true, as one columnar :class:`Batch`; ``{value}`` in
    ``message`` is that row's value. Nothing per row is built beyond plain lists of cells."""
    m = pd.Series(mask, index=df.index).fillna(False).astype(bool)
    if not m.any():
        return Batch(rule, severity, field, message, [], [], [], None)
    rows = df.loc[m]
    files = [str(x) for x in rows["_file"].tolist()]
    nums = [None if pd.isna(x) else int(x) for x in rows["_row"].tolist()]
    if id_col and id_col in rows:
        ids = [None if x is None or pd.isna(x) else str(x) for x in rows[id_col].tolist()]
    else:
        ids = [None] * len(rows)
    values = None
    if value_col:
        cells = rows[value_col].tolist() if value_col in rows else [None] * len(rows)
        values = [_show(v) for v in cells]
    return Batch(rule, severity, field, message, files, nums, ids, values)


def _show(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return "blank"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _years(df: pd.DataFrame) -> list[int | None]:
    if "YEAR" not in df or df["YEAR"].isna().all():
        return [None]
    return [int(y) for y in df["YEAR"].dropna().unique()]


_PREFIX = {"ssda903": "903", "cin": "CIN", "workforce": "CSWW"}


def type_columns(
    raw: pd.DataFrame, columns: list[Column], spec: Spec, id_col: str | None, what: str
) -> tuple[pd.DataFrame, Findings]:
    """Convert text columns to the contract's dtypes, reporting blanks in required fields,
    invalid dates and numbers, and codes outside the year's code set."""
    out = raw.copy()
    found = Findings()
    years = _years(raw)
    for col in columns:
        if col.name not in raw:
            continue
        s = raw[col.name]
        if raw.empty:
            dtype: dict[str, Any] = {"date": "datetime64[ns]", "int": "Int64", "decimal": "Float64"}
            out[col.name] = s.astype(dtype.get(col.type, "string"))
            continue
        empty = s.isna().astype(bool)
        prefix = _PREFIX.get(spec.kind, spec.kind.upper())
        rule = col.rule or f"{prefix}-{col.type.upper()}"
        if col.required:
            found += emit(
                raw,
                empty,
                col.rule or f"{prefix}-REQUIRED",
                Severity.ERROR,
                col.name,
                f"{col.name} is blank; it must be filled in for every {what} record.",
                id_col,
            )
        if col.type == "date":
            out[col.name], bad = coerce.to_dates(s)
            found += emit(
                raw,
                bad,
                rule,
                Severity.ERROR,
                col.name,
                f"{col.name} '{{value}}' is not a date; give it as dd/mm/yyyy.",
                id_col,
                col.name,
            )
        elif col.type in ("int", "decimal"):
            out[col.name], bad = coerce.to_numbers(s, integer=col.type == "int")
            kind = "whole number" if col.type == "int" else "number"
            found += emit(
                raw,
                bad,
                rule,
                Severity.ERROR,
                col.name,
                f"{col.name} '{{value}}' is not a {kind}; correct it.",
                id_col,
                col.name,
            )
        elif col.type == "code":
            values = coerce.codes(s)
            out[col.name] = values
            if col.codes is None:
                continue
            for year in years:
                found += _code_findings(raw, values, col, spec, year, id_col)
        else:
            out[col.name] = coerce.strings(s)
    return out, found


def _code_findings(
    raw: pd.DataFrame,
    values: pd.Series,
    col: Column,
    spec: Spec,
    year: int | None,
    id_col: str | None,
) -> list[Batch]:
    """Codes outside the year's set are errors; a code valid the year before or after is only
    a query, because files are often labelled with the wrong collection year."""
    assert col.codes is not None
    valid = spec.codes_for(col.codes, year)
    in_year = (
        pd.Series(True, index=raw.index) if year is None else (raw["YEAR"] == year).fillna(False)
    )
    invalid = in_year.astype(bool) & values.notna() & ~values.isin(list(valid)).fillna(False)
    if not invalid.any():
        return []
    near: frozenset[str] = frozenset()
    if year is not None:
        near = spec.codes_for(col.codes, year - 1) | spec.codes_for(col.codes, year + 1)
    nearby = invalid & values.isin(list(near - valid)).fillna(False)
    listed = ", ".join(sorted(valid)) if len(valid) <= 12 else "the DfE code list"
    when = f" in {year}" if year else ""
    rule = col.rule or f"{_PREFIX.get(spec.kind, spec.kind.upper())}-CODE"
    out = [
        emit(
            raw,
            invalid & ~nearby,
            rule,
            Severity.ERROR,
            col.name,
            f"{col.name} '{{value}}' is not a valid code{when}; use one from {listed}.",
            id_col,
            col.name,
        )
    ]
    out.append(
        emit(
            raw,
            nearby,
            rule,
            Severity.QUERY,
            col.name,
            f"{col.name} '{{value}}' is not in the {year} code list but is valid in the year before "
            "or after; check the collection year of this file.",
            id_col,
            col.name,
        )
    )
    return out
