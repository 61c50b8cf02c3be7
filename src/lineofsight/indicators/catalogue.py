"""The headline indicator catalogue, read from ``catalogue.yaml`` that ships inside the package.

The catalogue is data, not code, so analysts can review what each indicator means and where its
published values come from. It is checked when loaded: a typo in the YAML fails at once with one
sentence naming the indicator and the field, instead of surfacing later as a wrong figure.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal, TypeVar, get_args

import yaml

from lineofsight.errors import UserError

Theme = Literal[
    "front_door",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
    "workforce",
    "send",
    "finance",
    "youth_justice",
    "education",
    "ofsted",
]
Unit = Literal[
    "count",
    "rate_per_10k",
    "rate_per_100k",
    "percent",
    "days",
    "weeks",
    "gbp",
    "gbp_thousands",
    "gbp_per_week",
    "gbp_per_child",
    "score",
    "fte",
    "ratio",
    "judgement",
]
Polarity = Literal["high_good", "low_good", "neither"]
Kind = Literal["measure", "count", "money", "judgement"]
YearConvention = Literal[
    "at_31_march",
    "year_to_31_march",
    "at_30_september",
    "year_to_30_september",
    "at_january",
    "financial_year",
    "calendar_year",
    "academic_year",
    "inspection_date",
]
OwnData = Literal["ssda903", "cin", "workforce"]
OfstedJudgement = Literal[
    "overall", "leadership", "help_and_protection", "children_in_care", "care_leavers"
]

THEMES: tuple[Theme, ...] = get_args(Theme)
UNITS: tuple[Unit, ...] = get_args(Unit)
POLARITIES: tuple[Polarity, ...] = get_args(Polarity)
KINDS: tuple[Kind, ...] = get_args(Kind)
YEAR_CONVENTIONS: tuple[YearConvention, ...] = get_args(YearConvention)
OWN_DATA: tuple[OwnData, ...] = get_args(OwnData)
OFSTED_JUDGEMENTS: tuple[OfstedJudgement, ...] = get_args(OfstedJudgement)

THEME_LABELS: Mapping[Theme, str] = {
    "front_door": "Demand and the front door",
    "help_and_protection": "Help and protection",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
    "workforce": "Social work workforce",
    "send": "Special educational needs and disabilities",
    "finance": "Finance",
    "youth_justice": "Youth justice",
    "education": "Education of children in need and in care",
    "ofsted": "Ofsted judgements",
}
YEAR_CONVENTION_LABELS: Mapping[YearConvention, str] = {
    "at_31_march": "at 31 March",
    "year_to_31_march": "year to 31 March",
    "at_30_september": "at 30 September",
    "year_to_30_september": "year to 30 September",
    "at_january": "in January",
    "financial_year": "financial year",
    "calendar_year": "calendar year",
    "academic_year": "academic year",
    "inspection_date": "date of inspection",
}

_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_REQUIRED = (
    "id",
    "title",
    "theme",
    "definition",
    "unit",
    "decimals",
    "polarity",
    "year_convention",
    "publication",
    "sources",
)
_OPTIONAL = ("numerator", "denominator", "own_data", "note", "kind", "rate")
# What a kind may be measured in: a count or a money total is context (the size of the council as
# much as its performance), so it is never ranked or banded; a judgement is never averaged.
KIND_UNITS: Mapping[Kind, tuple[Unit, ...]] = {
    "count": ("count", "fte"),
    "money": ("gbp", "gbp_thousands"),
    "judgement": ("judgement",),
    "measure": tuple(
        u for u in UNITS if u not in ("count", "fte", "gbp", "gbp_thousands", "judgement")
    ),
}
_EES_KEYS = ("file", "column", "filter")
_S = TypeVar("_S", bound=str)


@dataclass(frozen=True, slots=True)
class EesSource(Mapping[str, Any]):
    """A column of a DfE Explore Education Statistics CSV under shared/data, after ``filter``.

    It also reads as the plain mapping the build step expects (``spec["file"]``).
    """

    file: str
    column: str
    filter: tuple[tuple[str, str], ...] = ()

    def __getitem__(self, key: str) -> Any:
        if key == "filter":
            return dict(self.filter)
        if key in ("file", "column"):
            return getattr(self, key)
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(_EES_KEYS)

    def __len__(self) -> int:
        return len(_EES_KEYS)


@dataclass(frozen=True, slots=True)
class Source:
    """Where published values come from: exactly one of a LAIT code, an EES column or an Ofsted judgement."""

    lait: str | None = None
    ees: EesSource | None = None
    ofsted: OfstedJudgement | None = None
    finance: str | None = None  # a finance file item, e.g. 'ro3:RO3-csclkd-tot-exp'
    derived: str | None = None  # '[scale *] numerator / denominator' over other indicators

    @property
    def kind(self) -> Literal["lait", "ees", "ofsted", "finance", "derived"]:
        if self.lait is not None:
            return "lait"
        if self.finance is not None:
            return "finance"
        if self.derived is not None:
            return "derived"
        return "ees" if self.ees is not None else "ofsted"

    def describe(self) -> str:
        """A short human description, e.g. ``LAIT measure LACnum``."""
        if self.lait is not None:
            return f"LAIT measure {self.lait}"
        if self.ees is not None:
            where = ", ".join(f"{k} = {v}" for k, v in self.ees.filter)
            return f"{self.ees.file}, column {self.ees.column}" + (f" ({where})" if where else "")
        if self.finance is not None:
            return f"Finance file item {self.finance}"
        if self.derived is not None:
            return f"Derived: {self.derived}"
        return f"Ofsted ILACS judgement: {self.ofsted}"


@dataclass(frozen=True, slots=True)
class Indicator:
    """One headline indicator: what it means, how to show it and where its values come from."""

    id: str
    title: str
    theme: Theme
    definition: str
    unit: Unit
    decimals: int
    polarity: Polarity
    year_convention: YearConvention
    publication: str
    sources: tuple[Source, ...]
    numerator: str | None = None
    denominator: str | None = None
    own_data: OwnData | None = None
    note: str | None = None
    kind: Kind = "measure"
    rate: str | None = None  # for a count or money total: the indicator that is its rate

    @property
    def theme_label(self) -> str:
        return THEME_LABELS[self.theme]

    @property
    def year_label(self) -> str:
        return YEAR_CONVENTION_LABELS[self.year_convention]

    @property
    def lait_codes(self) -> tuple[str, ...]:
        return tuple(s.lait for s in self.sources if s.lait is not None)


class Catalogue:
    """The indicators in file order, with lookup by id and grouping by theme."""

    def __init__(self, indicators: tuple[Indicator, ...]) -> None:
        self.indicators = indicators
        self._by_id = {i.id: i for i in indicators}

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self._by_id

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def get(self, indicator_id: str) -> Indicator:
        """The indicator with this id; a near miss gets a 'Did you mean' sentence."""
        found = self._by_id.get(indicator_id)
        if found is not None:
            return found
        close = difflib.get_close_matches(indicator_id, self._by_id, n=1, cutoff=0.6)
        hint = (
            f" Did you mean '{close[0]}'?"
            if close
            else " Run 'lineofsight indicators' to list them."
        )
        raise UserError(f"Unknown indicator '{indicator_id}'.{hint}")

    def by_theme(self) -> dict[Theme, tuple[Indicator, ...]]:
        """Indicators grouped by theme, themes in their standard order, empty themes left out."""
        groups = {t: tuple(i for i in self.indicators if i.theme == t) for t in THEMES}
        return {t: group for t, group in groups.items() if group}


def theme_label(theme: str) -> str:
    """The human label of a theme id, e.g. 'Children in care'."""
    if theme not in THEME_LABELS:
        raise UserError(f"Unknown theme '{theme}'. Themes: {', '.join(THEMES)}.")
    return THEME_LABELS[theme]  # type: ignore[index]


def year_convention_label(convention: str) -> str:
    """The human label of a year convention, e.g. 'year to 30 September'."""
    if convention not in YEAR_CONVENTION_LABELS:
        raise UserError(
            f"Unknown year convention '{convention}'. Known: {', '.join(YEAR_CONVENTIONS)}."
        )
    return YEAR_CONVENTION_LABELS[convention]  # type: ignore[index]


@cache
def load_catalogue() -> Catalogue:
    """The catalogue bundled with the package (read and checked once per process)."""
    text = resources.files("lineofsight.indicators").joinpath("catalogue.yaml").read_text("utf-8")
    return parse_catalogue(text)


def parse_catalogue(text: str, origin: str = "catalogue.yaml") -> Catalogue:
    """Check and convert the catalogue YAML; bad content raises a one-sentence :class:`UserError`."""
    try:
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe loaders
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise UserError(f"{origin} is not valid YAML{where}; fix the syntax there.") from exc
    if not isinstance(raw, list):
        raise UserError(f"{origin} must be a list of indicators, each starting with '- id:'.")
    indicators: list[Indicator] = []
    seen: set[str] = set()
    for number, entry in enumerate(raw, start=1):
        ind = _indicator(entry, f"{origin}, entry {number}", origin)
        if ind.id in seen:
            raise UserError(
                f"{origin}: indicator '{ind.id}' appears more than once; ids must be unique."
            )
        seen.add(ind.id)
        indicators.append(ind)
    kinds = {i.id: i.kind for i in indicators}
    for ind in indicators:
        if ind.rate is not None and kinds.get(ind.rate) != "measure":
            raise UserError(
                f"{origin}: indicator '{ind.id}', field 'rate': '{ind.rate}' is not the id of a "
                "measure (a rate or share) in the catalogue."
            )
    return Catalogue(tuple(indicators))


class _Fields:
    """Typed access to one YAML entry that names the indicator and field in every error."""

    def __init__(self, entry: Mapping[str, Any], where: str) -> None:
        self.entry = entry
        self.where = where

    def fail(self, field: str, problem: str) -> UserError:
        return UserError(f"{self.where}, field '{field}': {problem}.")

    def text(self, field: str) -> str:
        value = self.entry.get(field)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "give some text")
        return " ".join(value.split())

    def optional_text(self, field: str) -> str | None:
        return None if self.entry.get(field) is None else self.text(field)

    def choice(self, field: str, allowed: tuple[_S, ...], value: object = None) -> _S:
        value = self.entry.get(field) if value is None else value
        for option in allowed:
            if value == option:
                return option
        raise self.fail(field, f"'{value}' is not one of {', '.join(allowed)}")

    def optional_choice(self, field: str, allowed: tuple[_S, ...]) -> _S | None:
        return None if self.entry.get(field) is None else self.choice(field, allowed)


def _indicator(entry: object, where: str, origin: str) -> Indicator:
    if not isinstance(entry, dict):
        raise UserError(f"{where} is not a mapping of fields; start it with '- id:'.")
    ident = entry.get("id")
    if not isinstance(ident, str) or not _ID.fullmatch(ident):
        raise UserError(
            f"{where}, field 'id': '{ident}' is not a snake_case id such as 'cla_count'."
        )
    f = _Fields(entry, f"{origin}: indicator '{ident}'")
    for key in entry:
        if key not in _REQUIRED and key not in _OPTIONAL:
            raise f.fail(
                str(key), f"unknown field; allowed fields are {', '.join(_REQUIRED + _OPTIONAL)}"
            )
    for key in _REQUIRED:
        if key not in entry:
            raise f.fail(key, "missing")
    decimals = entry["decimals"]
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 6:
        raise f.fail("decimals", f"'{decimals}' is not a whole number from 0 to 6")
    unit = f.choice("unit", UNITS)
    own_data = f.optional_choice("own_data", OWN_DATA)
    note = f.optional_text("note")
    sources = _sources(entry["sources"], f)
    if not sources and (own_data is None or note is None):
        raise f.fail(
            "sources",
            "empty; an indicator without a published source needs own_data and a note saying why",
        )
    if any(s.ofsted for s in sources) != (unit == "judgement"):
        raise f.fail("unit", "use 'judgement' exactly when the sources are Ofsted judgements")
    kind = _kind(entry, unit, f)
    rate = f.optional_text("rate")
    if rate is not None and kind not in ("count", "money"):
        raise f.fail("rate", "only a count or a money total has a rate beside it")
    return Indicator(
        id=ident,
        title=f.text("title"),
        theme=f.choice("theme", THEMES),
        definition=f.text("definition"),
        unit=unit,
        decimals=decimals,
        polarity=f.choice("polarity", POLARITIES),
        year_convention=f.choice("year_convention", YEAR_CONVENTIONS),
        publication=f.text("publication"),
        sources=sources,
        numerator=f.optional_text("numerator"),
        denominator=f.optional_text("denominator"),
        own_data=own_data,
        note=note,
        kind=kind,
        rate=rate,
    )


def _kind(entry: Mapping[str, Any], unit: Unit, f: _Fields) -> Kind:
    """The kind given, or the one its unit implies; a count or total can never be better or worse."""
    implied = next(k for k, units in KIND_UNITS.items() if unit in units)
    kind = implied if entry.get("kind") is None else f.choice("kind", KINDS)
    if unit not in KIND_UNITS[kind]:
        raise f.fail(
            "kind", f"a {kind} cannot be in unit '{unit}' (use {', '.join(KIND_UNITS[kind])})"
        )
    if kind in ("count", "money") and entry.get("polarity") != "neither":
        raise f.fail("polarity", f"a {kind} is context, never better or worse: use 'neither'")
    return kind


def _sources(raw: object, f: _Fields) -> tuple[Source, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise f.fail("sources", "give a list of sources (lait, ees or ofsted)")
    out: list[Source] = []
    for n, item in enumerate(raw, start=1):
        field = f"sources[{n}]"
        if not isinstance(item, dict) or len(item) != 1:
            raise f.fail(field, "each source has exactly one key: lait, ees or ofsted")
        ((kind, value),) = item.items()
        if kind == "lait":
            if not isinstance(value, str) or not value.strip():
                raise f.fail(field, "give the LAIT 'Short Desc' code")
            out.append(Source(lait=value))
        elif kind == "ees":
            out.append(Source(ees=_ees(value, f, field)))
        elif kind == "ofsted":
            out.append(Source(ofsted=f.choice(field, OFSTED_JUDGEMENTS, value)))
        elif kind in ("finance", "derived"):
            if not isinstance(value, str) or not value.strip():
                raise f.fail(field, f"give the {kind} expression as text")
            text = " ".join(value.split())
            out.append(Source(finance=text) if kind == "finance" else Source(derived=text))
        else:
            raise f.fail(
                field, f"unknown source kind '{kind}'; use lait, ees, ofsted, finance or derived"
            )
    return tuple(out)


def _ees(raw: object, f: _Fields, field: str) -> EesSource:
    if not isinstance(raw, dict):
        raise f.fail(field, "an ees source needs file and column")
    for key in raw:
        if key not in _EES_KEYS:
            raise f.fail(field, f"unknown ees key '{key}'; use file, column and filter")
    file, column, filters = raw.get("file"), raw.get("column"), raw.get("filter") or {}
    if not isinstance(file, str) or not file.endswith(".csv"):
        raise f.fail(field, f"file '{file}' is not a CSV path under shared/data")
    if not isinstance(column, str) or not column:
        raise f.fail(field, "give the column that holds the values")
    if not isinstance(filters, dict) or not all(
        isinstance(v, str | int) and not isinstance(v, bool) for v in filters.values()
    ):
        raise f.fail(field, "filter must map column names to single values")
    pairs = tuple((str(k), " ".join(str(v).split())) for k, v in filters.items())
    return EesSource(file=file, column=column, filter=pairs)
