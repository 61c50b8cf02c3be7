"""Matching council and region names across publishers that spell them differently.

Ofsted, DfE and ESFA write "Bristol, City of", "City of Bristol" and "Bristol"; one forgiving key
lets the data build and the council lookup agree. It imports nothing, so both can use it.
"""

from __future__ import annotations

import re
import unicodedata


def normalise_name(name: str) -> str:
    """A forgiving key for LA names: case, accents, punctuation, '&', 'St.' and 'City of' folded."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ").replace("st.", "st ").replace("(pre lg)", "")
    text = re.sub(r"\bcity of\b|\bcounty of\b|\bcounty\b|\bborough\b|\bcouncil\b", " ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())
