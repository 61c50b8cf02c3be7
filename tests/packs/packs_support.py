"""Shared helpers for the pack tests: packs built and rendered once per session, PDF text."""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import cache

import pypdf

from lineofsight.assurance.records import GovernanceRecord
from lineofsight.packs.catalogue import build_pack
from lineofsight.packs.model import Pack
from lineofsight.packs.render import render_html, render_pdf

STOKE = "E06000021"
RUTLAND = "E06000017"  # suppressed [c] values, e.g. children with 3 or more placements
CITY = "E09000001"  # City of London: suppressed and many missing values


@cache
def built(kind: str, la: str, theme: str | None = None) -> tuple[Pack, str]:
    """The pack on the published data alone (empty record), with its HTML."""
    pack = build_pack(kind, la, theme=theme)
    return pack, render_html(pack)


@cache
def pdf_of(kind: str, la: str, theme: str | None = None) -> bytes:
    pack, html = built(kind, la, theme)
    data: bytes = render_pdf(pack, html)
    return data


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text with runs of white space made single spaces."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def pdf_text(data: bytes) -> str:
    return " ".join(pdf_pages(data))


def with_record(kind: str, la: str, record: GovernanceRecord) -> Pack:
    return build_pack(kind, la, record=record, as_at=record.as_at)


AS_AT = dt.date(2026, 4, 1)
