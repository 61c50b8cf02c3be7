"""Degrading a council's returns for a region: the one place child-level tables are made fit to share.

The written policy is docs/regions.md. It is at least the London alliance's (liia-tools) policy,
with three of that pipeline's known faults fixed:

- **Identifiers** (CHILD, LAchildID, UPN, FormerUPN, SW_ID, SWENo) become a keyed HMAC-SHA-256 of
  the identifier, not a bare SHA-256: a child id is often a short number, and a bare hash of every
  number up to a million is a table anyone can build. The key is the region's secret, held by its
  member councils' analysts and never by the regional hub, so the same child has the same token in
  every member's extract (children move between councils) and nobody without the key can test a
  guess. Before hashing, case, Unicode form and all whitespace are normalised (liia-tools hashed
  ``"ab12 "`` and ``"AB12"`` differently, so one child became two). A UPN field's ``UN1`` to
  ``UN7`` (why there is no UPN) are codes and are kept.
- **Dates of birth** (and of an expected birth, a death, a mother's child's birth) become the first
  of their month. A blank date stays blank (liia-tools failed on blanks); a date that cannot be
  read is blanked, never passed through.
- **Postcodes** become their outward part (the district, ``SW1A``; at most 4 characters). liia-tools
  kept the first four characters, which for ``M1 1AE`` is ``M1 1``: the sector, one step finer.
- The source pointers ``_file`` (a path on the council's disk) and ``_row`` are dropped.

Every other column is kept: they are codes and event dates the regional analysis needs.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from lineofsight.errors import UserError
from lineofsight.safecells import safe_cell

IDENTIFIERS = frozenset({"CHILD", "LAchildID", "UPN", "FormerUPN", "SW_ID", "SWENo"})
BIRTH_DATES = frozenset(
    {"DOB", "MC_DOB", "PersonBirthDate", "ExpectedPersonBirthDate", "PersonDeathDate"}
)
POSTCODES = frozenset({"HOME_POST", "PL_POST"})
DROPPED = frozenset({"_file", "_row"})
MIN_KEY_BYTES = 32  # a region's secret: at least 256 bits
_SPACE = re.compile(r"\s+")
# In a UPN field, UN1 to UN7 say why there is no UPN: codes, kept as they are (hashed, every
# child with no UPN would get one token and look like one child).
UPN_FIELDS = frozenset({"UPN", "FormerUPN"})
UPN_UNKNOWN = re.compile(r"^UN[1-7]$")


def check_key(key: bytes) -> bytes:
    """The region's secret, refused (UserError) when shorter than 32 bytes."""
    if len(key) < MIN_KEY_BYTES:
        raise UserError(
            f"The region's secret must be at least {MIN_KEY_BYTES} bytes; this one is {len(key)}."
        )
    return key


def normalise_id(text: str) -> str:
    """The form an identifier is hashed in: NFKC, upper case, no whitespace anywhere."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).upper()


def token(value: object, key: bytes) -> str | None:
    """An identifier's keyed token (64 hex digits); ``None`` for a blank identifier, so blanks
    never join up as one child."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return None
    text = normalise_id(str(value))
    if not text:
        return None
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def outward(postcode: object) -> str | None:
    """A postcode's outward part, at most 4 characters; ``None`` for a blank.

    Without the space, the inward part is the last three characters of a full postcode (5 to 7
    characters); anything shorter cannot be a full postcode and is kept up to 4 characters.
    """
    if postcode is None or (not isinstance(postcode, str) and pd.isna(postcode)):  # type: ignore[call-overload]
        return None
    text = normalise_id(str(postcode))
    if not text:
        return None
    out = text[:-3] if len(text) >= 5 else text
    return out[:4] or None


def _upn(value: object, key: bytes) -> str | None:
    if isinstance(value, str) and UPN_UNKNOWN.match(normalise_id(value)):
        return normalise_id(value)
    return token(value, key)


def month_start(values: pd.Series) -> pd.Series:
    """Dates moved to the first of their month; blanks and unreadable values become NaT."""
    if not pd.api.types.is_datetime64_any_dtype(values):
        values = pd.Series([_read_date(v) for v in values], index=values.index, dtype="object")
        values = pd.to_datetime(values, errors="coerce")
    days = pd.to_timedelta(values.dt.day - 1, unit="D")
    out: pd.Series = (values - days).dt.normalize().astype("datetime64[ns]")
    return out


def _read_date(value: object) -> pd.Timestamp | None:
    """A date typed as text (dd/mm/yyyy or ISO), or None when it cannot be read as one."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        found = pd.to_datetime(value.strip(), dayfirst=True)
    except (ValueError, OverflowError, TypeError):
        return None
    if pd.isna(found) or not 1800 <= found.year <= 2200:
        return None  # no one's date of birth, and outside what a nanosecond date can hold
    return pd.Timestamp(found)


def _each_distinct(values: pd.Series, fn: Callable[[object], str | None]) -> pd.Series:
    """``fn`` over each distinct value once (a child has many rows), as a string column."""
    codes, distinct = pd.factorize(values, use_na_sentinel=True)
    mapped = pd.array([fn(v) for v in distinct] + [None], dtype="string")
    return pd.Series(mapped[codes], index=values.index, dtype="string")


def degrade_table(df: pd.DataFrame, key: bytes) -> pd.DataFrame:
    """One table degraded under the policy (a new frame; the input is not changed)."""
    check_key(key)
    out = df.drop(columns=[c for c in df.columns if c in DROPPED]).copy()
    for col in out.columns:
        if col in UPN_FIELDS:
            out[col] = _each_distinct(out[col], lambda v: _upn(v, key))
        elif col in IDENTIFIERS:
            out[col] = _each_distinct(out[col], lambda v: token(v, key))
        elif col in BIRTH_DATES:
            out[col] = month_start(out[col])
        elif col in POSTCODES:
            out[col] = _each_distinct(out[col], outward)
    return out


def degrade_tables(tables: Mapping[str, pd.DataFrame], key: bytes) -> dict[str, pd.DataFrame]:
    """Every table of a return degraded (see :func:`degrade_table`)."""
    return {name: degrade_table(df, key) for name, df in tables.items()}


NOTE = (
    "Degraded extract made by Line of Sight (docs/regions.md): identifiers are keyed "
    "HMAC-SHA-256 tokens, dates of birth the first of their month, postcodes their outward "
    "part. It is still about children: share it only as the region's agreement allows.\n"
)


def write_extract(
    tables_by_kind: Mapping[str, Mapping[str, pd.DataFrame]], key: bytes, out: Path
) -> list[Path]:
    """Write every table degraded as ``out/<kind>/<table>.csv`` (ISO dates; text a spreadsheet
    would run as a formula quoted, as for every export), with a note; the files written. Empty
    tables are not written."""
    check_key(key)
    written = []
    out.mkdir(parents=True, exist_ok=True)
    for kind, tables in tables_by_kind.items():
        for name, df in degrade_tables(tables, key).items():
            if df.empty:
                continue
            for col in df.columns:
                if not pd.api.types.is_datetime64_any_dtype(df[col]):
                    df[col] = df[col].map(safe_cell, na_action="ignore")
            path = out / kind / f"{name}.csv"
            path.parent.mkdir(parents=True, exist_ok=True)
            df.to_csv(path, index=False, date_format="%Y-%m-%d")
            written.append(path)
    (out / "DEGRADED.txt").write_text(NOTE, encoding="utf-8")
    return written
