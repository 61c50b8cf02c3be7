"""Numbers as GOV.UK writes them: the one place a figure becomes text.

Charts, tables, signals, drafts, packs and the CLI all call these, so a sum of money reads the
same everywhere: '£85.5m' and '£1.2bn' for totals, '£2,100 a week' and '£950 per child' for
rates, '21.0%' for a percentage, '512.3 per 10,000 children' for a rate.

`fmt_number` is the short form for a table cell or an axis (the unit as a suffix, '%' or '£');
`say_number` is the form for a sentence (the unit's phrase after the number).
"""

from __future__ import annotations

import math

from lineofsight.values import LABELS, State, Value

_PHRASES = {
    "per_10k": "per 10,000 children",
    "rate_per_10k": "per 10,000 children",
    "rate_per_100k": "per 100,000 children",
    "gbp_thousands": "thousand",
    "gbp_per_week": "a week",
    "gbp_per_child": "per child",
    "fte": "full-time equivalent",
    "days": "days",
    "weeks": "weeks",
}


def unit_parts(unit: str) -> tuple[str, str]:
    """How a unit is written: a suffix on each number ("%") and a phrase after a pair of numbers.

    Units come from the catalogue ("percent", "rate_per_10k") or LAIT's free text
    ("% of referrals", "Rate per 10,000"); anything unrecognised is left unstated.
    """
    u = unit.strip().lower()
    if u in {"percent", "percentage", "pct"} or u.startswith("%"):
        return "%", ""
    if u in _PHRASES:
        return "", _PHRASES[u]
    if u.startswith("rate per") or u.startswith("per "):
        return "", u.removeprefix("rate ").strip()
    return "", ""


def money(number: float) -> str:
    """Pounds as GOV.UK writes them: '£85.5m', '£1.2bn', '£950,000'; a deficit as '-£97.6m'.

    Millions and billions to one decimal place (a trailing '.0' dropped), smaller sums to the pound.
    """
    sign = "-" if number < 0 else ""
    size = abs(number)
    for scale, suffix in ((1e9, "bn"), (1e6, "m")):
        if round(size / scale, 1) >= 1:
            text = f"{size / scale:,.1f}".removesuffix(".0")
            return f"{sign}£{text}{suffix}"
    text = f"{size:,.0f}"
    return f"{sign if text != '0' else ''}£{text}"


def _is_total(unit: str) -> bool:
    """A money total (not a rate such as a week's cost or a sum per child): shown as '£85.5m'."""
    return unit.strip().lower() == "gbp"


def fmt_number(number: float, decimals: int = 0, unit: str = "") -> str:
    """A figure for a table cell or an axis: thousands separators, the catalogue's decimals, '%' or '£'.

    A money total is written as `money` writes it; a money rate to the catalogue's decimals.
    """
    if _is_total(unit):
        return money(number)
    suffix, _ = unit_parts(unit)
    text = f"{abs(number):,.{max(0, decimals)}f}{suffix}"
    sign = "-" if number < 0 and text.strip("0.,%") else ""
    return f"{sign}£{text}" if unit.strip().lower().startswith("gbp") else f"{sign}{text}"


def say_number(number: float, decimals: int = 0, unit: str = "") -> str:
    """A figure for a sentence: '21.0%', '512.3 per 10,000 children', '£2,100 a week', '£85.5m'."""
    text = fmt_number(number, decimals, unit)
    phrase = unit_parts(unit)[1]
    return f"{text} {phrase}" if phrase else text


def fmt_value(value: Value, decimals: int = 0, unit: str = "") -> str:
    """The number, or in words why there is none ("suppressed (small number)")."""
    if value.ok and value.number is not None:
        return fmt_number(value.number, decimals, unit)
    return LABELS[value.state] or LABELS[State.MISSING]


def fmt_range(low: float, high: float, decimals: int = 0, unit: str = "") -> str:
    """'11 to 68 per 10,000 children', '21.0% to 30.0%', '£100 to £200 a week': a phrase said once."""
    if unit_parts(unit)[1]:
        return f"{fmt_number(low, decimals, unit)} to {say_number(high, decimals, unit)}"
    return f"{fmt_number(low, decimals, unit)} to {fmt_number(high, decimals, unit)}"


def fmt_change(delta: float, decimals: int = 0, unit: str = "") -> str:
    """The size of a change: percentages as percentage points, everything else in its unit."""
    size = abs(delta)
    if unit_parts(unit)[0] == "%":
        return f"{size:,.{max(0, decimals)}f} percentage points"
    return say_number(size, decimals, unit)


def percent(number: float, decimals: int = 1) -> str:
    """'21.0%'."""
    return fmt_number(number, decimals, "percent")


def signed_money(number: float, unit: str = "gbp") -> str:
    """A change in pounds with its sign: '+£15.1m', '-£300', '£0' (a money rate to the pound)."""
    text = fmt_number(abs(number), 0, unit)
    if text.strip("£0.,m") == "" or number == 0:
        return text
    return ("+" if number > 0 else "-") + text


def signed_change(change: float | None, decimals: int = 0) -> str:
    """A change with its sign for a table column: '+1.2', '-340'; '' where there is no change."""
    if change is None or math.isnan(change):
        return ""
    return f"{change:+,.{max(0, decimals)}f}"
