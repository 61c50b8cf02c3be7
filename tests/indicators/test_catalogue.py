"""The headline indicator catalogue: its content, its checks on load, and its sources against the data.

The build step, the benchmark pages and the own-data definitions all key on these ids and read these
sources, so a renamed id, a LAIT code that does not exist, an EES filter that leaves two rows per LA
and year, or a LAIT/EES pair in different units would silently give wrong figures downstream.
"""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from lineofsight.errors import UserError
from lineofsight.indicators.catalogue import (
    THEMES,
    Catalogue,
    EesSource,
    Indicator,
    load_catalogue,
    parse_catalogue,
    theme_label,
    year_convention_label,
)
from lineofsight.indicators.own.registry import IDS as OWN_IDS

# Ids shared with the own-data engine (its registry is the one list; tests/indicators/own checks
# it holds exactly the agreed 32), plus the Ofsted judgements other features rely on.
FIXED_IDS = (*OWN_IDS, "ilacs_overall", "ilacs_leadership")
CLI = "from lineofsight.cli import run; run()"
LEVELS = ("National", "Regional", "Local authority")
DFE_CODES = {"c", "x", "z", "low", "k", "u"}
NUMBER = re.compile(r"-?\d+(\.\d+)?")
REPO = Path(__file__).resolve().parents[2]
RELEASES = REPO / "src" / "lineofsight" / "databuild" / "releases.yaml"

GOOD_ENTRY = """
- id: cla_count
  title: Children looked after
  theme: children_in_care
  definition: The number of children in care at 31 March.
  unit: count
  decimals: 0
  polarity: neither
  year_convention: at_31_march
  publication: Children looked after in England including adoptions (DfE)
  sources:
    - lait: LACnum
"""


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


# Content ------------------------------------------------------------------------------------------
def test_at_least_45_indicators_covering_every_theme(catalogue: Catalogue) -> None:
    assert len(catalogue) >= 45
    assert set(catalogue.by_theme()) == set(THEMES)
    assert list(catalogue.by_theme()) == list(THEMES)  # themes in their standard order


def test_ids_are_unique_snake_case_and_include_the_fixed_ones(catalogue: Catalogue) -> None:
    ids = [i.id for i in catalogue]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", i) for i in ids)
    assert sorted(set(FIXED_IDS) - set(ids)) == []
    # every indicator the own-data engine computes says so in the catalogue
    assert sorted(i for i in OWN_IDS if not catalogue.get(i).own_data) == []


def test_iteration_follows_the_yaml_file_order(catalogue: Catalogue) -> None:
    path = REPO / "src" / "lineofsight" / "indicators" / "catalogue.yaml"
    raw = yaml.safe_load(path.read_text("utf-8"))
    assert [i.id for i in catalogue] == [e["id"] for e in raw]
    assert catalogue.ids[:2] == ("referrals_count", "referrals_rate_per_10k")


def test_every_entry_is_shown_with_a_year_label_and_a_definition(catalogue: Catalogue) -> None:
    for ind in catalogue:
        assert ind.definition.endswith("."), ind.id
        assert ind.year_label and ind.theme_label
    assert catalogue.get("sw_turnover_rate_pct").year_label == "year to 30 September"
    assert catalogue.get("cla_weekly_unit_cost").year_label == "financial year"
    assert catalogue.get("cla_count").year_label == "at 31 March"
    assert theme_label("children_in_care") == "Children in care"
    assert year_convention_label("calendar_year") == "calendar year"


def test_sources_are_typed_and_read_as_the_mapping_the_build_expects(catalogue: Catalogue) -> None:
    rate = catalogue.get("cla_rate_per_10k")
    kinds = [s.kind for s in rate.sources]
    assert kinds == ["ees", "lait", "ees"]
    latest = rate.sources[-1].ees
    assert isinstance(latest, EesSource)
    assert latest["file"] == "cla/cla_number_and_rate_per_10k_children.csv"
    assert latest.get("filter") == {
        "population_type": "Children looked after on 31 March each year"
    }
    assert rate.lait_codes == ("LAC",)
    assert [s.ofsted for s in catalogue.get("ilacs_leadership").sources] == ["leadership"]


def test_a_near_miss_id_gets_did_you_mean(catalogue: Catalogue) -> None:
    with pytest.raises(UserError) as err:
        catalogue.get("cla_rate_per_10")
    assert (
        err.value.message == "Unknown indicator 'cla_rate_per_10'. Did you mean 'cla_rate_per_10k'?"
    )
    with pytest.raises(UserError) as far:
        catalogue.get("weather")
    assert "Did you mean" not in far.value.message and "'weather'" in far.value.message


def test_the_cli_lists_a_theme_from_the_catalogue(catalogue: Catalogue) -> None:
    out = subprocess.run(
        [sys.executable, "-c", CLI, "indicators", "--theme", "care_leavers", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [r["id"] for r in rows] == [i.id for i in catalogue.by_theme()["care_leavers"]]
    assert {r["year_label"] for r in rows} == {"year to 31 March"}


# Checks on load -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "edit,needle",
    [
        (lambda t: t.replace("  unit: count", "  unit: count\n  colour: red"), "field 'colour'"),
        (lambda t: t.replace("unit: count", "unit: apples"), "'apples' is not one of count"),
        (lambda t: t.replace("polarity: neither", "polarity: up"), "field 'polarity'"),
        (lambda t: t.replace("at_31_march", "at_easter"), "field 'year_convention'"),
        (lambda t: t.replace("theme: children_in_care", "theme: pets"), "field 'theme'"),
        (lambda t: t.replace("decimals: 0", "decimals: two"), "field 'decimals'"),
        (lambda t: t.replace("  title: Children looked after\n", ""), "field 'title': missing"),
        (lambda t: t + t, "'cla_count' appears more than once"),
        (lambda t: t.replace("id: cla_count", "id: CLA-count"), "is not a snake_case id"),
        (lambda t: t.replace("    - lait: LACnum", "    - spreadsheet: x"), "unknown source kind"),
        (lambda t: t.replace("    - lait: LACnum", "    - ofsted: vibes"), "'vibes' is not one of"),
        (
            lambda t: t.replace("    - lait: LACnum", "    - ees: {file: a.csv, colum: n}"),
            "unknown ees key 'colum'",
        ),
        (lambda t: t.replace("    - lait: LACnum", ""), "needs own_data and a note"),
        (lambda t: t.replace("unit: count", "unit: judgement"), "field 'unit'"),
        (lambda t: t.replace("  sources:", "  sources: [oops"), "not valid YAML at line"),
    ],
)
def test_bad_yaml_is_one_sentence_naming_the_indicator_and_field(edit: Any, needle: str) -> None:
    with pytest.raises(UserError) as err:
        parse_catalogue(edit(GOOD_ENTRY), "test.yaml")
    message = err.value.message
    assert needle in message
    assert message.startswith("test.yaml") and "\n" not in message
    if "YAML" not in message:
        assert "'cla_count'" in message or "entry 1" in message


def test_an_own_data_only_entry_is_allowed_when_it_says_why() -> None:
    text = GOOD_ENTRY.replace("    - lait: LACnum", "").replace("  sources:", "  sources: []")
    text += "  own_data: ssda903\n  note: No LA-level figure is published.\n"
    ind: Indicator = parse_catalogue(text).get("cla_count")
    assert ind.sources == () and ind.own_data == "ssda903"


# Against the published files (skipped without ../shared) -----------------------------------------
@pytest.fixture(scope="module")
def lait(shared_data: Path) -> pd.DataFrame:
    return pd.read_parquet(
        shared_data / "lait/bds_long_0.parquet",
        columns=["Short Desc", "Years", "Values", "LA Number"],
    )


@pytest.fixture(scope="module")
def lait_dictionary(shared_data: Path) -> pd.DataFrame:
    return pd.read_csv(shared_data / "lait/lait_data_dictionary.csv", dtype=str)


_EES_CACHE: dict[str, pd.DataFrame] = {}


def ees_rows(data: Path, src: EesSource) -> pd.DataFrame:
    if src.file not in _EES_CACHE:
        df = pd.read_csv(data / src.file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        _EES_CACHE[src.file] = df[df.geographic_level.isin(LEVELS)]
    df = _EES_CACHE[src.file]
    for column, value in src.filter:
        assert column in df.columns, f"{src.file} has no column {column}"
        df = df[df[column] == value]
    return df


def test_every_lait_code_exists_in_the_lait_table(catalogue: Catalogue, lait: pd.DataFrame) -> None:
    codes = set(lait["Short Desc"])
    missing = [(i.id, c) for i in catalogue for c in i.lait_codes if c not in codes]
    assert missing == []


def test_every_ees_source_gives_one_coded_or_numeric_row_per_area_and_year(
    catalogue: Catalogue, shared_data: Path
) -> None:
    checked = 0
    for ind in catalogue:
        for src in (s.ees for s in ind.sources if s.ees is not None):
            df = ees_rows(shared_data, src)
            assert set(df.geographic_level) == set(LEVELS), (ind.id, src.file)
            area = df.new_la_code.where(
                df.geographic_level == "Local authority",
                df.region_code.where(df.geographic_level == "Regional", df.country_code),
            )
            keys = pd.DataFrame(
                {"level": df.geographic_level, "area": area, "year": df.time_period}
            )
            assert not keys.duplicated().any(), (ind.id, src.file, keys[keys.duplicated()].head())
            las = df[df.geographic_level == "Local authority"]
            assert not las.duplicated(["old_la_code", "time_period"]).any(), (ind.id, src.file)
            assert las.new_la_code.nunique() >= 150, (ind.id, src.file)
            values = df[src.column]
            bad = values[~(values.str.fullmatch(NUMBER.pattern) | values.isin(DFE_CODES))]
            assert bad.empty, (ind.id, src.column, bad.unique()[:5])
            checked += 1
    assert checked >= 45


def test_polarity_follows_the_lait_dictionary_unless_a_note_explains(
    catalogue: Catalogue, lait_dictionary: pd.DataFrame
) -> None:
    expected = {"High": "high_good", "Low": "low_good", "-": "neither"}
    departures = []
    for ind in catalogue:
        for code in ind.lait_codes:
            for raw in lait_dictionary.loc[lait_dictionary.Measure_short == code, "Polarity"]:
                want = expected.get(str(raw).strip(), "neither")
                if want != ind.polarity and not ind.note:
                    departures.append((ind.id, code, raw, ind.polarity))
    assert departures == []


def test_lait_and_ees_sources_of_one_indicator_agree_in_unit(
    catalogue: Catalogue, lait: pd.DataFrame, shared_data: Path
) -> None:
    """Same LA and year from both: nearly all equal to rounding, so neither is 0-1 against 0-100."""
    frame = lait.dropna(subset=["LA Number"])
    frame = frame.assign(
        old=frame["LA Number"].astype(int).astype(str),
        year=frame.Years.str.replace(r"\s*\(.*\)$", "", regex=True),
    )
    pairs = 0
    for ind in catalogue:
        for code in ind.lait_codes:
            left = frame[frame["Short Desc"] == code]
            for src in (s.ees for s in ind.sources if s.ees is not None):
                right = ees_rows(shared_data, src)
                m = left.merge(
                    right, left_on=["old", "year"], right_on=["old_la_code", "time_period"]
                )
                a = pd.to_numeric(m.Values, errors="coerce")
                b = pd.to_numeric(m[src.column], errors="coerce")
                ok = a.notna() & b.notna() & (b != 0)
                assert ok.sum() >= 100, (ind.id, code, src.file)
                ratio = (a[ok] / b[ok]).median()
                close = ((a[ok] - b[ok]).abs() <= (0.02 * b[ok].abs()).clip(lower=1.0)).mean()
                where = (ind.id, code, src.file, ratio, close)
                assert 0.97 <= ratio <= 1.03 and close >= 0.75, where
                pairs += 1
    assert pairs >= 30


def _excel_date(serial: str) -> date | None:
    try:
        return date(1899, 12, 30) + timedelta(days=int(float(serial)))
    except ValueError:
        return None


def test_sources_are_listed_oldest_release_first(
    catalogue: Catalogue, lait_dictionary: pd.DataFrame
) -> None:
    releases = yaml.safe_load(RELEASES.read_text("utf-8"))

    def released(source: Any) -> date:
        if source.lait is not None:
            rows = lait_dictionary[lait_dictionary.Measure_short == source.lait]
            dates = [d for d in map(_excel_date, rows["Last Update"].astype(str)) if d]
            return max(dates) if dates else date.max  # 'New Data': newer than anything dated
        if source.ofsted is not None or source.finance or source.derived:
            return date.min
        rule = next(r for r in releases if fnmatch.fnmatch(source.ees.file, r["pattern"]))
        return date.fromisoformat(rule["release"])

    out_of_order = []
    for ind in catalogue:
        dates = [released(s) for s in ind.sources]
        if dates != sorted(dates):
            out_of_order.append((ind.id, [str(d) for d in dates]))
    assert out_of_order == []


def test_every_indicator_has_a_kind_that_fits_its_unit() -> None:
    """Counts and money totals are context, judgements are grades; only measures are compared."""
    cat = load_catalogue()
    kinds = {i.id: i.kind for i in cat}
    assert kinds["cla_count"] == kinds["sw_fte"] == kinds["referrals_count"] == "count"
    assert kinds["cla_spend_gross"] == "money" and kinds["cla_weekly_unit_cost"] == "measure"
    assert kinds["ilacs_overall"] == "judgement" and kinds["cla_rate_per_10k"] == "measure"
    assert cat.get("cla_count").rate == "cla_rate_per_10k"
    for ind in cat:
        if ind.kind in ("count", "money"):
            assert ind.polarity == "neither", ind.id


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("  kind: money\n", "a money cannot be in unit 'count'"),
        ("  kind: tally\n", "'tally' is not one of measure, count, money, judgement"),
        ("  rate: cla_count\n", "'cla_count' is not the id of a measure"),
    ],
)
def test_a_kind_that_does_not_fit_is_one_sentence(change: str, message: str) -> None:
    with pytest.raises(UserError, match=re.escape(message)):
        parse_catalogue(GOOD_ENTRY + change)


def test_a_count_cannot_be_better_or_worse() -> None:
    text = GOOD_ENTRY.replace("polarity: neither", "polarity: high_good")
    with pytest.raises(UserError, match="a count is context, never better or worse"):
        parse_catalogue(text)
