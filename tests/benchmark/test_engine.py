"""The benchmarking engine: ranks and quartile bands follow polarity; neighbours, trends and tables."""

from __future__ import annotations

import pytest

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.errors import UserError
from lineofsight.reference.las import resolve
from lineofsight.values import State


def _extremes(indicator: str, year: str) -> tuple[str, str]:
    t = get_benchmark().table(indicator, year)
    t = t[t.state == "value"].sort_values("value")
    return t.iloc[0].la_code, t.iloc[-1].la_code


@pytest.mark.parametrize("indicator", ["sw_agency_rate_pct", "cla_3plus_placements_pct"])
def test_lower_is_better_puts_the_lowest_in_band_a(indicator: str) -> None:
    bench = get_benchmark()
    year = bench.pick_year(indicator, None)
    assert year is not None
    low, high = _extremes(indicator, year)
    t = bench.table(indicator, year).set_index("la_code")
    assert t.loc[low, "band"] == "A" and t.loc[high, "band"] == "D"
    assert t.loc[low, "rank"] == 1


def test_higher_is_better_puts_the_highest_in_band_a() -> None:
    bench = get_benchmark()
    indicator = "care_leavers_eet_19_21_pct"
    year = bench.pick_year(indicator, None)
    assert year is not None
    low, high = _extremes(indicator, year)
    t = bench.table(indicator, year).set_index("la_code")
    assert t.loc[high, "band"] == "A" and t.loc[low, "band"] == "D"
    assert t.loc[high, "rank"] == 1


def test_bands_split_las_into_quarters() -> None:
    t = get_benchmark().table("sw_agency_rate_pct", "2025")
    counts = t.band.value_counts()
    assert set(counts.index) == {"A", "B", "C", "D"}
    assert all(30 <= n <= 45 for n in counts)


def test_a_direction_ambiguous_measure_gets_neutral_quarters() -> None:
    """No letter says that a high or a low rate of children in care is better."""
    t = get_benchmark().table("cla_rate_per_10k", "2025").set_index("la_code")
    assert set(t.band.dropna()) == {"Q1", "Q2", "Q3", "Q4"}
    stoke = resolve("Stoke-on-Trent").code
    assert t.loc[stoke, "band"] == "Q4" and t.loc[stoke, "rank"] == 150


@pytest.mark.parametrize("indicator", ["cla_count", "referrals_count", "cla_spend_gross", "sw_fte"])
def test_counts_and_money_totals_are_context_never_ranked(indicator: str) -> None:
    """Leeds' 1,498 children in care is its size, not band D: no rank, no band, its rate beside."""
    t = get_benchmark().table(indicator)
    assert t["rank"].isna().all() and t["band"].isna().all()
    e = get_benchmark().entry(resolve("Leeds"), indicator)
    assert e is not None and e.rank is None and e.band is None and e.ranked == 0
    assert e.rate.ok and e.rate_unit in {"rate_per_10k", "gbp_per_child"}


def test_a_count_carries_its_catalogue_rate_and_money_its_figure_per_child() -> None:
    b = get_benchmark()
    stoke = resolve("Stoke-on-Trent")
    count = b.entry(stoke, "cla_count", "2025")
    rate = b.entry(stoke, "cla_rate_per_10k", "2025")
    assert count is not None and rate is not None
    assert count.rate == rate.value and count.rate_unit == "rate_per_10k"
    spend = b.entry(stoke, "cla_spend_gross", "2024-25")
    assert spend is not None and spend.value.number is not None
    population = b.population(stoke.code, "2024-25", "financial year")
    assert population is not None and 50_000 < population < 80_000
    assert spend.rate.number == pytest.approx(spend.value.number / population)


def test_an_ofsted_judgement_is_never_averaged_ranked_or_banded() -> None:
    """Stoke's neighbours' grades once averaged to 2.5 and showed as 'Good' by int(2.5)."""
    e = get_benchmark().entry(resolve("Stoke-on-Trent"), "ilacs_overall")
    assert e is not None and e.value.number == 3
    assert e.neighbours_median.number is None and e.neighbours_mean.number is None
    assert e.neighbours_median.state is State.NOT_APPLICABLE
    assert e.rank is None and e.band is None


def test_entry_has_neighbours_trend_and_change() -> None:
    e = get_benchmark().entry(resolve("Stoke-on-Trent"), "cla_rate_per_10k", "2025")
    assert e is not None
    assert len(e.neighbours) == 10 and e.neighbours_counted == 10
    nums = sorted(n.value.number for n in e.neighbours if n.value.number is not None)
    assert e.neighbours_median.number == pytest.approx((nums[4] + nums[5]) / 2)
    assert e.neighbours_mean.number == pytest.approx(sum(nums) / 10)
    assert [y for y, _ in e.series] == ["2021", "2022", "2023", "2024", "2025"]
    assert e.previous_year == "2024"
    assert e.change == pytest.approx(e.value.number - e.previous.number)  # type: ignore[operator]


def test_better_and_worse_neighbours_follow_polarity() -> None:
    e = get_benchmark().entry(resolve("Leeds"), "sw_agency_rate_pct", "2025")
    assert e is not None and e.value.number is not None
    for n in e.better_neighbours:
        assert n.value.number is not None and n.value.number < e.value.number
    for n in e.worse_neighbours:
        assert n.value.number is not None and n.value.number > e.value.number


def test_missing_years_and_unknown_years_are_explicit() -> None:
    bench = get_benchmark()
    e = bench.entry(resolve("Cumberland"), "cla_count", "2021")
    assert e is not None and e.value.state is not State.VALUE and e.value.number is None
    with pytest.raises(UserError, match="No published figures for 1990"):
        bench.profile(resolve("Leeds"), "1990")


def test_profile_for_every_la_is_complete() -> None:
    bench = get_benchmark()
    for la in bench.registry.current():
        prof = bench.profile(la)
        assert len(prof.entries) >= 40, la.name
