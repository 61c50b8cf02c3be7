"""The bundled published dataset, loaded once from the Parquet files shipped in the package.

Nothing here reads ``shared/``: the build step (:mod:`lineofsight.published.build`) wrote these
files, and this module only loads them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from lineofsight.errors import UserError

DATA = Path(__file__).with_name("data")


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
        data: dict[str, Any] = json.loads((DATA / "build_summary.json").read_text())
        return data


@cache
def load_store(path: Path = DATA) -> Store:
    """Load every table; a missing file means the package was built without its data."""
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
