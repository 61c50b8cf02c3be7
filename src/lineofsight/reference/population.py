"""Children aged 0 to 17 (ONS mid-year estimates), the denominator of every rate per 10,000."""

from __future__ import annotations

from functools import cache

from lineofsight.published.store import active_dir, missing

INDICATOR = "population_0_17"


@cache
def _table() -> dict[tuple[str, int], float]:
    """The estimates from the bundled values, decoding only the row groups that can hold them
    (the values are sorted by indicator): the whole store is some 80 MB in memory, too much for
    a command that needs one indicator."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(active_dir() / "values.parquet")
    except FileNotFoundError as exc:
        raise missing(exc) from exc
    meta, at = file.metadata, file.schema_arrow.get_field_index("indicator_id")
    groups = [
        i
        for i in range(meta.num_row_groups)
        if (s := meta.row_group(i).column(at).statistics) is None
        or not s.has_min_max
        or s.min <= INDICATOR <= s.max
    ]
    t = file.read_row_groups(
        groups, columns=["indicator_id", "area_code", "year", "value", "state"]
    )
    keep = pc.and_(
        pc.equal(t["indicator_id"].cast("string"), INDICATOR),
        pc.equal(t["state"].cast("string"), "value"),
    )
    t = t.filter(keep)
    rows = zip(*(t[c].to_pylist() for c in ("area_code", "year", "value")), strict=True)
    return {(str(a), int(y)): float(x) for a, y, x in rows}


def population_0_17(area_code: str, year: int) -> float | None:
    """The ONS mid-year estimate for ``year``, or None if none is published for the area.

    DfE rates for the year ending 31 March ``Y`` use the mid-year estimate for ``Y - 1`` (see
    :func:`population_for_march_year`). Years after the latest estimate use the latest one.
    """
    table = _table()
    if (area_code, year) in table:
        return table[(area_code, year)]
    years = [y for (a, y) in table if a == area_code and y <= year]
    return table[(area_code, max(years))] if years else None


def population_for_march_year(area_code: str, year_ending_march: int) -> float | None:
    """The denominator DfE uses for a rate in the year ending 31 March: mid-year ``year - 1``."""
    return population_0_17(area_code, year_ending_march - 1)
