"""What every pack builder reads, gathered once: the council, its figures, signals and record.

Building this is the slow part of a pack (the benchmark and signals); the builders only select
and arrange what is here, so the four packs say the same thing about the same figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lineofsight.assurance.records import GovernanceRecord
from lineofsight.benchmark.engine import Benchmark, Entry, get_benchmark
from lineofsight.errors import UserError
from lineofsight.packs.figures import data_date
from lineofsight.reference.las import LA, registry
from lineofsight.signals.engine import signals_for
from lineofsight.signals.model import Signal
from lineofsight.wording import day_month_year


@dataclass(frozen=True)
class PackContext:
    la: LA
    as_at: dt.date
    data_date: dt.date
    record: GovernanceRecord
    benchmark: Benchmark
    entries: dict[str, Entry]  # headline indicator id -> latest comparison
    signals: tuple[Signal, ...]
    since: dt.date | None = None  # the data date of the previous pack, when known
    source_ids: set[int] = field(default_factory=set)
    # No record was given (the command line): the pack reads published data only, and says so.
    published_only: bool = False

    def entry(self, indicator_id: str) -> Entry | None:
        return self.entries.get(indicator_id)


def council(text: str) -> LA:
    """A current council from a name or code; a former council is refused in one sentence."""
    la = registry().resolve(text)
    if not la.current:
        after = ", ".join(registry().get(c).name for c in la.successors) or "its successor"
        raise UserError(
            f"{la.name} no longer has children's services of its own; make the pack for {after}."
        )
    return la


def make_context(
    la: LA | str,
    as_at: dt.date | None = None,
    record: GovernanceRecord | None = None,
    since: dt.date | None = None,
) -> PackContext:
    """Gather the council's figures and signals; ``as_at`` defaults to the data's own date."""
    target = council(la) if isinstance(la, str) else la
    published = dt.date.fromisoformat(data_date())
    when = as_at or published
    if since is not None and since >= when:
        raise UserError(
            f"The previous pack's date ({day_month_year(since)}) must be before this pack's "
            f"({day_month_year(when)})."
        )
    rec = record or GovernanceRecord.empty(target.code, when)
    if rec.la_code != target.code:
        raise UserError(f"The governance record given is for {rec.la_code}, not {target.name}.")
    b = get_benchmark()
    entries = {e.indicator.id: e for e in b.profile(target).entries}
    return PackContext(
        la=target,
        as_at=when,
        data_date=published,
        record=rec,
        benchmark=b,
        entries=entries,
        signals=tuple(signals_for(target, b)),
        since=since,
        published_only=record is None,
    )
