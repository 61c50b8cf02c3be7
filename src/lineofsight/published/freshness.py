"""How current the published data is: each source's date and whether a newer release is due.

A leader needs to know that the Ofsted judgements stop at a date, and that a figure may already
have been superseded; these functions read that from the store's provenance rather than from text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from lineofsight.published.store import load_store

AS_AT = re.compile(r"as at (\d{1,2} \w+ \d{4})", re.IGNORECASE)


def _as_at(publication: str) -> date | None:
    m = AS_AT.search(publication)
    if not m:
        return None
    try:
        return datetime.strptime(m.group(1), "%d %B %Y").date()
    except ValueError:
        return None


def ofsted_as_at() -> str:
    """The date Ofsted's ILACS outcomes are as at (ISO), from the title of the source the ILACS
    table came from; failing that, the latest publication date in the table."""
    store = load_store()
    ids = set(store.ofsted_ilacs.source_id.astype(int))
    rows = store.sources[store.sources.source_id.astype(int).isin(ids)]
    for publication in rows.publication:
        when = _as_at(str(publication))
        if when is not None:
            return when.isoformat()
    return str(store.ofsted_ilacs.publication_date.max())


# Families of publications, how often each is released, and the words that find its sources.
@dataclass(frozen=True)
class Family:
    key: str
    title: str
    match: str  # a regular expression on the source's publication title
    cycle_days: int  # a new release is expected this long after the last


FAMILIES = [
    Family("ofsted", "Ofsted local authority inspection outcomes", r"inspection outcomes", 365),
    Family("cla", "Children looked after in England", r"children looked after", 365),
    Family("cin", "Children in need", r"children in need", 365),
    Family("workforce", "Children's social work workforce", r"social work workforce", 365),
    Family("population", "ONS mid-year population estimates", r"population", 365),
]
GRACE_DAYS = 60  # releases slip; flag only when a release is this late


@dataclass(frozen=True)
class SourceDate:
    family: str
    title: str
    publication: str  # the latest publication of the family in the store
    release: date
    expected: date  # when the next release was due

    def overdue(self, today: date) -> bool:
        return today > self.expected + timedelta(days=GRACE_DAYS)


def source_dates() -> list[SourceDate]:
    """The latest release of each family of sources in the store, with its next expected date."""
    sources = load_store().sources
    out = []
    for fam in FAMILIES:
        official = ~sources.file.astype(str).str.startswith("derived:")
        rows = sources[official & sources.publication.str.contains(fam.match, case=False)]
        dated = []
        for r in rows.itertuples(index=False):
            try:
                dated.append((date.fromisoformat(str(r.release)), str(r.publication)))
            except ValueError:
                continue
        if not dated:
            continue
        release, publication = max(dated)
        out.append(
            SourceDate(
                fam.key, fam.title, publication, release, release + timedelta(days=fam.cycle_days)
            )
        )
    return out
