"""GOV.UK date input: a date people know (a review date, a due date) asked as day, month and year
boxes rather than one text box with a format hint, as the Design System advises.

The forms behind the pages parse one text value, so the three boxes are joined here before they do,
and split again to show what was typed. A form that sends the single field (an older page, a
script) still works.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

PARTS = ("day", "month", "year")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def joined(data: Mapping[str, Any], name: str) -> str | None:
    """The boxes of ``name`` as YYYY-MM-DD text; None when the form sent no boxes, "" when all are
    blank. Anything that is not a whole date (a two-digit year, a letter) comes back as text the
    date parsers refuse, so the page says it must be a real date."""
    if not any(f"{name}-{p}" in data for p in PARTS):
        return None
    day, month, year = (str(data.get(f"{name}-{p}", "")).strip() for p in PARTS)
    if not (day or month or year):
        return ""
    if not (len(year) == 4 and (year + month + day).isascii() and (year + month + day).isdigit()):
        return f"not a date: {day}/{month}/{year}"
    return f"{year}-{month.zfill(2)}-{day.zfill(2)}"


def with_dates(data: Any, names: Iterable[str]) -> Any:
    """A copy of the posted data (a QueryDict or dict) with each date's boxes joined under its name."""
    copy = data.copy()
    for name in names:
        text = joined(data, name)
        if text is not None:
            copy[name] = text
    return copy


def boxes(value: dt.date | str | None) -> list[dict[str, str]]:
    """The day, month and year items for ``govukDateInput``, showing a date or what was typed."""
    if isinstance(value, dt.date):
        parts = [str(value.day), str(value.month), str(value.year)]
    else:
        text = str(value or "")
        if found := _ISO.match(text):
            parts = [found.group(3).lstrip("0"), found.group(2).lstrip("0"), found.group(1)]
        elif text.startswith("not a date: "):
            parts = [*text.removeprefix("not a date: ").split("/"), "", "", ""][:3]
        else:
            parts = ["", "", ""]
    widths = ("govuk-input--width-2", "govuk-input--width-2", "govuk-input--width-4")
    return [
        {"name": name, "value": part, "classes": width}
        for name, part, width in zip(PARTS, parts, widths, strict=True)
    ]
