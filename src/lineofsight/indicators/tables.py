"""The reader tables the own-data definitions read, and how every engine types them.

One place says which columns each definition may read and as what (dates, text, numbers), so the
DataFrame path (:func:`prepare_table`), the Parquet path (:func:`typed_select`) and Spark
(:mod:`lineofsight.indicators.spark`) give the definitions identical tables.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from lineofsight.errors import UserError
from lineofsight.indicators.define import Family

# The columns each definition reads, by table, and how the engine types them. Other reader columns
# (``_file``, ``_row``, the rest of the specification) are not needed for indicators and stay out.
DATE, TEXT, NUM = "date", "text", "num"
TABLES: dict[str, dict[str, str]] = {
    "header": {"CHILD": TEXT, "DOB": DATE},
    "episodes": {
        "CHILD": TEXT,
        "DECOM": DATE,
        "RNE": TEXT,
        "LS": TEXT,
        "PLACE": TEXT,
        "DEC": DATE,
        "REC": TEXT,
    },
    "oc3": {"CHILD": TEXT, "DOB": DATE, "IN_TOUCH": TEXT, "ACTIV": TEXT, "ACCOM": TEXT},
    "missing": {"CHILD": TEXT, "MISSING": TEXT, "MIS_START": DATE},
    "uasc": {"CHILD": TEXT, "DUC": DATE},
    "sw_episodes": {"CHILD": TEXT, "SW_ID": TEXT, "SW_DECOM": DATE, "SW_DEC": DATE},
    "cin_details": {
        "LAchildID": TEXT,
        "CINreferralDate": DATE,
        "CINclosureDate": DATE,
        "ReferralNFA": TEXT,
        "ReasonForClosure": TEXT,
        "CENSUS_END": DATE,  # the census's ReferenceDate when it is an in-year extract
    },
    "assessments": {
        "LAchildID": TEXT,
        "AssessmentActualStartDate": DATE,
        "AssessmentAuthorisationDate": DATE,
    },
    "section47": {
        "LAchildID": TEXT,
        "S47ActualStartDate": DATE,
        "DateOfInitialCPC": DATE,
        "ICPCnotRequired": TEXT,
    },
    "cp_plans": {
        "LAchildID": TEXT,
        "CPPstartDate": DATE,
        "CPPendDate": DATE,
        "NumberOfPreviousCPP": NUM,
    },
    "workers": {
        "AgencyWorker": TEXT,
        "FTE": NUM,
        "FTE30": NUM,
        "Cases30": NUM,
        "WorkingDaysLost": NUM,
        "RoleEndDate": DATE,
    },
    "la_level": {"NumberOfVacancies": NUM},
}
# The table that must be present for a family's periods to exist, and the date that dates a
# single-year file when the readers give no ``YEAR``.
ANCHORS: dict[Family, tuple[str, str]] = {
    "ssda903": ("episodes", "DECOM"),
    "cin": ("cin_details", "CINreferralDate"),
    "workforce": ("workers", "RoleEndDate"),
}
CALENDAR_DATES = {
    "assessments": ("AssessmentActualStartDate", "AssessmentAuthorisationDate"),
    "section47": ("S47ActualStartDate", "DateOfInitialCPC"),
}
FAMILY_TABLES: dict[Family, tuple[str, ...]] = {
    "ssda903": ("header", "episodes", "oc3", "missing", "uasc", "sw_episodes"),
    "cin": ("cin_details", "assessments", "section47", "cp_plans"),
    "workforce": ("workers", "la_level"),
}


def prepare_table(name: str, df: pd.DataFrame, la: str | None) -> pd.DataFrame:
    """The columns a table's definitions read, typed, with ``LA`` and an integer ``YEAR``."""
    spec = TABLES[name]
    out = pd.DataFrame(index=df.index)
    if "LA" in df.columns:
        out["LA"] = df["LA"].astype("string")
    elif la is not None:
        out["LA"] = pd.Series(la, index=df.index, dtype="string")
    else:
        raise UserError(f"Table '{name}' has no LA column; say which council it is with --la.")
    for col, kind in spec.items():
        raw = df[col] if col in df.columns else pd.Series(pd.NA, index=df.index, dtype="object")
        if kind == DATE:
            out[col] = pd.to_datetime(raw, errors="coerce", dayfirst=True).astype("datetime64[us]")
        elif kind == NUM:
            out[col] = pd.to_numeric(raw, errors="coerce").astype("float64")
        else:
            text = raw.astype("string").str.strip()
            out[col] = text.mask(text == "")
    year = df["YEAR"] if "YEAR" in df.columns else pd.Series(0, index=df.index)
    out["YEAR"] = pd.to_numeric(year, errors="coerce").fillna(0).astype("int64")
    return out.reset_index(drop=True)


def empty_table(name: str) -> pd.DataFrame:
    """A table with no rows, typed as :func:`prepare_table` types it."""
    return prepare_table(name, pd.DataFrame({"LA": pd.Series([], dtype="string")}), None)


def typed_select(spec: Mapping[str, str], have: set[str]) -> str:
    """The select list typing Parquet columns as :func:`prepare_table` types DataFrames."""
    cols = ['CAST("LA" AS VARCHAR) AS "LA"']
    for col, kind in spec.items():
        ref = f'"{col}"' if col in have else "NULL"
        if kind == DATE:
            cols.append(f'TRY_CAST({ref} AS TIMESTAMP) AS "{col}"')
        elif kind == NUM:
            cols.append(f'TRY_CAST({ref} AS DOUBLE) AS "{col}"')
        else:
            cols.append(f"NULLIF(TRIM(CAST({ref} AS VARCHAR)), '') AS \"{col}\"")
    year = '"YEAR"' if "YEAR" in have else "NULL"
    cols.append(f'COALESCE(TRY_CAST({year} AS BIGINT), 0) AS "YEAR"')
    return ", ".join(cols)
