"""Reading the dates people type for a pack (``--as-at``, ``--since``): strictly YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
import re

from lineofsight.errors import UserError

_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def parse_day(text: str, option: str = "--as-at") -> dt.date:
    """A calendar date written as YYYY-MM-DD; anything else is one sentence naming the option."""
    m = _ISO.fullmatch(text.strip())
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    shown = text.encode("unicode_escape").decode("ascii")  # one line, whatever was typed
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    raise UserError(f"{option} '{shown}' is not a date; give it as YYYY-MM-DD, e.g. 2026-04-01.")
