"""A briefing pack as plain data: sections of paragraphs, tables and charts, with its sources.

Builders make a :class:`Pack` from the published data and a council's governance record; the
renderer turns it into HTML and PDF. Keeping the pack as data means the same content drives every
format and tests can check it without parsing a document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from lineofsight.charts import Chart
from lineofsight.reference.las import LA


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text; ``style`` is "" or "empty" (a section without data) or "note"."""

    text: str
    style: str = ""
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    kind: ClassVar[str] = "bullets"


@dataclass(frozen=True)
class Table:
    """A table with a caption; ``numeric`` marks columns to right-align."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()
    note: str = ""
    widths: tuple[int, ...] = ()  # column widths in per cent (fixed layout is fast to typeset)
    kind: ClassVar[str] = "table"

    @property
    def column_widths(self) -> tuple[int, ...]:
        if len(self.widths) == len(self.columns):
            return self.widths
        share = 100 // max(1, len(self.columns))
        return tuple(share for _ in self.columns)

    def is_numeric(self, index: int) -> bool:
        return index < len(self.numeric) and self.numeric[index]


@dataclass(frozen=True)
class Figure:
    """An SVG chart with its figures as a table beneath it and the source of those figures."""

    chart: Chart
    source: str
    kind: ClassVar[str] = "figure"


Block = Paragraph | Bullets | Table | Figure


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    blocks: tuple[Block, ...]
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class SourceRef:
    """Where figures or content in the pack come from, listed at the end and credited on every page."""

    publication: str
    publisher: str
    file: str
    release: str  # ISO date, or "" where the source has none
    licence: str


@dataclass(frozen=True)
class Pack:
    kind: str  # quartet | scrutiny | corporate-parenting | self-evaluation | regional
    title: str
    la: LA
    as_at: dt.date
    data_date: dt.date  # the latest release date of the published data bundled
    sections: tuple[Section, ...]
    sources: tuple[SourceRef, ...] = ()
    summary: tuple[str, ...] = ()  # paragraphs on the cover
    publishers: tuple[str, ...] = field(default_factory=tuple)
    # Set when the pack holds demo content (``lineofsight demo``): a DEMO watermark on every page
    # and this sentence on the cover, so a demo pack cannot be circulated as a council's record.
    demo: str = ""
    # Set for a regional pack (packs/regional.py): the cover names the region, not a council.
    region: str = ""

    @property
    def filename_stem(self) -> str:
        slug = "".join(ch if ch.isalnum() else "-" for ch in self.la.name.lower()).strip("-")
        while "--" in slug:
            slug = slug.replace("--", "-")
        return f"{slug}-{self.kind}-pack-{self.as_at.isoformat()}"
