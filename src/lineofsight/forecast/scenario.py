"""Scenarios for the own-data forecast: what changes against the base, read from YAML or JSON.

A scenario file is small and written by people, so every field is checked and a bad one is named
in one sentence. Unknown fields are refused (a misspelt 'entry_rate' must not be ignored).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from lineofsight.errors import UserError

COST_KEYS = (
    "fostering_in_house",
    "fostering_agency",
    "residential",
    "supported",
    "adoption",
    "with_parents",
    "other",
)


@dataclass(frozen=True)
class Scenario:
    """What differs from the base forecast. The defaults are the base itself."""

    name: str = "Base"
    entry_rate: float = 1.0  # multiplier on children entering care (1.1 = 10% more)
    step_down: float = 0.0  # share of children in residential moving to fostering each month
    in_house_fostering_share: float | None = None  # None: as in the window
    uasc_per_year: float = (
        0.0  # extra unaccompanied asylum-seeking children a year (16+, supported)
    )
    unit_costs: dict[str, float] = field(default_factory=dict)  # weekly pounds by COST_KEYS
    inflation: float = 0.03  # unit cost inflation a year (assumption: 3%)
    window_months: int = 12  # the months of history the rates are estimated from
    months: int = 36  # months ahead

    def record(self) -> dict[str, Any]:
        return asdict(self)


_BOUNDS: dict[str, tuple[float, float]] = {
    "entry_rate": (0.0, 5.0),
    "step_down": (0.0, 0.5),
    "in_house_fostering_share": (0.0, 1.0),
    "uasc_per_year": (0.0, 10_000.0),
    "inflation": (-0.2, 0.5),
    "window_months": (3, 120),
    "months": (1, 60),
}


def _number(name: str, value: Any, integer: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UserError(f"Scenario field '{name}' must be a number, not {value!r}.")
    if not math.isfinite(value):
        raise UserError(f"Scenario field '{name}' must be a finite number.")
    if integer and value != int(value):
        raise UserError(f"Scenario field '{name}' must be a whole number of months.")
    low, high = _BOUNDS[name]
    if not low <= value <= high:
        raise UserError(
            f"Scenario field '{name}' must be between {low:g} and {high:g}, not {value:g}."
        )
    return float(value)


def from_mapping(data: Any) -> Scenario:
    """A Scenario from parsed YAML/JSON; anything wrong raises one sentence naming the field."""
    if data is None:
        return Scenario()
    if not isinstance(data, dict):
        raise UserError("A scenario must be a mapping of fields (name, entry_rate, ...).")
    known = {f.name for f in fields(Scenario)}
    unknown = sorted(str(k) for k in data if k not in known)
    if unknown:
        raise UserError(
            f"Unknown scenario field '{unknown[0]}'; the fields are: {', '.join(sorted(known))}."
        )
    kwargs: dict[str, Any] = {}
    if "name" in data:
        if not isinstance(data["name"], str) or not data["name"].strip() or len(data["name"]) > 80:
            raise UserError("Scenario field 'name' must be text of 1 to 80 characters.")
        kwargs["name"] = data["name"].strip()
    for key in ("entry_rate", "step_down", "uasc_per_year", "inflation"):
        if key in data:
            kwargs[key] = _number(key, data[key])
    if data.get("in_house_fostering_share") is not None:
        kwargs["in_house_fostering_share"] = _number(
            "in_house_fostering_share", data["in_house_fostering_share"]
        )
    for key in ("window_months", "months"):
        if key in data:
            kwargs[key] = int(_number(key, data[key], integer=True))
    if "unit_costs" in data:
        costs = data["unit_costs"]
        if not isinstance(costs, dict):
            raise UserError(
                "Scenario field 'unit_costs' must map a placement type to weekly pounds."
            )
        clean = {}
        for key, value in costs.items():
            if key not in COST_KEYS:
                raise UserError(
                    f"Unknown unit cost '{key}'; the types are: {', '.join(COST_KEYS)}."
                )
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise UserError(f"Unit cost '{key}' must be weekly pounds, not {value!r}.")
            if not (math.isfinite(value) and 0 <= value <= 100_000):
                raise UserError(f"Unit cost '{key}' must be between 0 and 100,000 pounds a week.")
            clean[str(key)] = float(value)
        kwargs["unit_costs"] = clean
    return Scenario(**kwargs)


def parse(text: str, source: str = "scenario") -> Scenario:
    """Parse YAML (JSON is YAML too) into a Scenario."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise UserError(f"{source} is not valid YAML or JSON{where}.") from None
    return from_mapping(data)


def load(path: Path) -> Scenario:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path} does not exist; check the path.") from None
    except (OSError, UnicodeDecodeError):
        raise UserError(f"{path}: cannot read the scenario file as UTF-8 text.") from None
    return parse(text, path.name)


def dumps(scenario: Scenario) -> str:
    return json.dumps(scenario.record(), indent=2)
