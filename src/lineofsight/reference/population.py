"""Children aged 0 to 17 (ONS mid-year estimates), the denominator of every rate per 10,000."""

from __future__ import annotations

from functools import cache

from lineofsight.published.store import load_store


@cache
def _table() -> dict[tuple[str, int], float]:
    v = load_store().values
    pop = v[(v.indicator_id == "population_0_17") & (v.state == "value")]
    return {
        (a, int(y)): float(x) for a, y, x in zip(pop.area_code, pop.year, pop.value, strict=True)
    }


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
