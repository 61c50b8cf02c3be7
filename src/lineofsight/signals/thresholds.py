"""Thresholds: a council's figure past a cut-off set per indicator in ``thresholds.yaml``.

Defaults are grounded in the national distribution of the same period (the worst 10% of English LAs
fires medium, the worst 2.5% high), so a threshold is never a number someone made up; an indicator
can carry a fixed figure instead, with the reason beside it in the YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import yaml

from lineofsight.errors import UserError
from lineofsight.indicators.meta import IndicatorMeta
from lineofsight.signals.model import Severity, Signal
from lineofsight.values import Value
from lineofsight.wording import period_phrase, say_number

_KEYS = {"medium_percentile", "high_percentile", "fixed_medium", "fixed_high", "disabled", "why"}


@dataclass(frozen=True)
class ThresholdRule:
    medium_percentile: float = 10.0
    high_percentile: float = 2.5
    fixed_medium: float | None = None
    fixed_high: float | None = None
    disabled: bool = False
    why: str = ""


@dataclass(frozen=True)
class Cutoffs:
    """The figures past which a value fires, and where they came from."""

    medium: float
    high: float
    basis: str  # e.g. "the worst 10% of 152 English LAs"
    fixed: bool = False


def parse_thresholds(text: str, origin: str = "thresholds.yaml") -> dict[str, ThresholdRule]:
    """Read the thresholds file; a bad entry is one sentence naming the file, indicator and key."""
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise UserError(f"{origin} is not valid YAML: {exc}.") from exc
    if not isinstance(raw, dict):
        raise UserError(f"{origin} must be a mapping with 'defaults' and 'indicators'.")
    defaults = _rule(raw.get("defaults") or {}, ThresholdRule(), origin, "defaults")
    out = {"*": defaults}
    for ind, spec in (raw.get("indicators") or {}).items():
        out[str(ind)] = _rule(spec or {}, defaults, origin, str(ind))
    return out


def _rule(spec: Any, base: ThresholdRule, origin: str, where: str) -> ThresholdRule:
    if not isinstance(spec, dict):
        raise UserError(f"{origin}, entry '{where}': expected a mapping of threshold settings.")
    unknown = set(spec) - _KEYS
    if unknown:
        raise UserError(
            f"{origin}, entry '{where}': unknown key '{sorted(unknown)[0]}'; "
            f"allowed: {', '.join(sorted(_KEYS))}."
        )
    values: dict[str, Any] = {**base.__dict__, "why": ""}
    for key, v in spec.items():
        if key == "why":
            values[key] = str(v)
        elif key == "disabled":
            if not isinstance(v, bool):
                raise UserError(f"{origin}, entry '{where}', key 'disabled': use true or false.")
            values[key] = v
        else:
            if isinstance(v, bool) or not isinstance(v, int | float):
                raise UserError(f"{origin}, entry '{where}', key '{key}': '{v}' is not a number.")
            if key.endswith("percentile") and not 0 < float(v) <= 50:
                raise UserError(
                    f"{origin}, entry '{where}', key '{key}': {v} must be above 0 and at most 50."
                )
            values[key] = float(v)
    return ThresholdRule(**values)


@cache
def load_thresholds() -> dict[str, ThresholdRule]:
    text = resources.files("lineofsight.signals").joinpath("thresholds.yaml").read_text("utf-8")
    return parse_thresholds(text)


def rule_for(indicator_id: str, rules: dict[str, ThresholdRule] | None = None) -> ThresholdRule:
    rules = rules if rules is not None else load_thresholds()
    return rules.get(indicator_id, rules["*"])


def cutoffs(meta: IndicatorMeta, rule: ThresholdRule, national: list[float]) -> Cutoffs | None:
    """Cut-offs for one period from the national distribution (or the fixed figures)."""
    if rule.disabled or meta.polarity == "neither":
        return None
    if rule.fixed_medium is not None:
        high = rule.fixed_high if rule.fixed_high is not None else rule.fixed_medium
        return Cutoffs(rule.fixed_medium, high, "a fixed figure set in thresholds.yaml", True)
    if len(national) < 20:
        return None
    low_good = meta.polarity == "low_good"
    arr = np.asarray(national, dtype=float)

    def cut(p: float) -> float:
        return float(np.percentile(arr, 100 - p if low_good else p))

    return Cutoffs(
        cut(rule.medium_percentile),
        cut(rule.high_percentile),
        f"the worst {rule.medium_percentile:g}% of {len(national)} English LAs",
    )


def threshold_signal(
    meta: IndicatorMeta, la: str, period: str, value: Value, cut: Cutoffs | None
) -> list[Signal]:
    """Fire when the value is at or past the medium cut-off in the worse direction."""
    if cut is None or not value.ok or value.number is None:
        return []
    x = value.number
    low_good = meta.polarity == "low_good"

    def past(c: float) -> bool:
        return x >= c if low_good else x <= c

    if not past(cut.medium):
        return []
    severity = Severity.HIGH if past(cut.high) else Severity.MEDIUM

    def fmt(n: float) -> str:
        return say_number(n, meta.decimals, meta.unit)

    where = (
        f"past the threshold of {fmt(cut.medium)} set for this indicator"
        if cut.fixed
        else f"among {cut.basis} (the cut-off is {fmt(cut.medium)})"
    )
    sentence = f"{meta.title} was {fmt(x)} {period_phrase(meta.year_label, period)}, {where}."
    return [
        Signal(
            indicator_id=meta.id,
            la=la,
            kind="threshold",
            severity=severity,
            sentence=sentence,
            rule=f"at or past the cut-off from {cut.basis}",
            period=period,
            evidence={
                "value": x,
                "medium_cutoff": round(cut.medium, 6),
                "high_cutoff": round(cut.high, 6),
                "basis": cut.basis,
            },
        )
    ]
