"""Which collection year a file belongs to, from its name, its folder or its own dates.

DfE labels a 903/CIN year by the 31 March it ends on. File names are less careful: a
``2017-episodes.csv`` may mean 2016-17 or 2017-18, so a bare year in a name is checked against
the dates inside the file before it is trusted.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

_SPAN = re.compile(r"(?<!\d)(20\d\d)[-_ ]?(\d\d)(?!\d)")
_BARE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def from_name(path: Path) -> tuple[int | None, bool]:
    """(year, is_exact). '2023-24' or '202324' is exact (2024); a bare '2019' is not."""
    for part in [path.stem, *(p.name for p in list(path.parents)[:2])]:
        for m in _SPAN.finditer(part):
            first, second = int(m.group(1)), int(m.group(2))
            if (first + 1) % 100 == second:
                return first + 1, True
        m2 = _BARE.search(part)
        if m2:
            return int(m2.group(1)), False
    return None, False


def ending_31_march(latest: pd.Timestamp) -> int:
    """The collection year (year ending 31 March) that contains ``latest``."""
    return int(latest.year + (1 if latest.month >= 4 else 0))


def resolve(name_year: int | None, exact: bool, latest_start: pd.Timestamp | None) -> int | None:
    """Choose the year from the name, the latest start date in the data, or both."""
    if name_year is not None and (exact or latest_start is None or pd.isna(latest_start)):
        return name_year
    if latest_start is None or pd.isna(latest_start):
        return None
    from_data = ending_31_march(latest_start)
    if name_year is None:
        return from_data
    if from_data in (name_year, name_year + 1):
        return from_data
    return name_year
