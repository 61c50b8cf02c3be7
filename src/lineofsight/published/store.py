"""The bundled published dataset, loaded once from the Parquet files shipped in the package.

Nothing here reads ``shared/``: the build step (:mod:`lineofsight.databuild.build`) wrote these
files, and this module only loads them. ``lineofsight data update`` writes a newer store under
``$LINEOFSIGHT_HOME/published``; when that exists it is read instead, and the package's own files
are never modified.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from lineofsight.errors import UserError

DATA = Path(__file__).with_name("data")


def updated_dir() -> Path | None:
    """``$LINEOFSIGHT_HOME/published`` (where ``data update`` writes), if it is set."""
    home = os.environ.get("LINEOFSIGHT_HOME")
    return Path(home).expanduser() / "published" if home else None


def active_dir() -> Path:
    """The store in use: an updated one under ``$LINEOFSIGHT_HOME`` if present, else the bundled."""
    updated = updated_dir()
    if updated is not None and (updated / "values.parquet").exists():
        return updated
    return DATA


@dataclass(frozen=True)
class Store:
    """Tables of the bundled dataset (see docs/architecture.md for their columns)."""

    las: pd.DataFrame
    aliases: pd.DataFrame
    neighbours: pd.DataFrame
    values: pd.DataFrame
    sources: pd.DataFrame
    ofsted_ilacs: pd.DataFrame
    ofsted_send: pd.DataFrame
    lait_measures: pd.DataFrame

    def summary(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((active_dir() / "build_summary.json").read_text())
        return data


def load_store(path: Path | None = None) -> Store:
    """Load every table (from the updated store if there is one); a missing file means the
    package was built without its data."""
    return _load(path or active_dir())


@cache
def _load(path: Path) -> Store:
    try:
        tables = {
            name: pd.read_parquet(path / f"{name}.parquet") for name in Store.__dataclass_fields__
        }
    except FileNotFoundError as exc:
        raise missing(exc) from exc
    return Store(**tables)


def missing(exc: FileNotFoundError) -> UserError:
    """The one sentence for a bundled data file that is not there."""
    return UserError(
        f"The bundled published data is missing ({exc.filename}); run 'make data' to rebuild it."
    )
