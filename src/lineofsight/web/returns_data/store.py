"""Saving an upload and publishing it: one transaction, so a failure never replaces good data.

A publication is created, its values written, the previous one marked superseded and the new one
marked current all inside ``transaction.atomic``; if any step fails the council's current
publication is the one it had before.

A publication is per return: publishing a workforce census replaces the workforce figures and
carries the current version's SSDA903 and CIN figures into the new version unchanged. An analyst
may instead replace all own figures, after the findings page has said which will go.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest

from lineofsight.web.audit.log import record
from lineofsight.web.audit.models import Action
from lineofsight.web.returns_data.checking import KIND_LABELS, Checked, report_path
from lineofsight.web.returns_data.models import IndicatorValue, Publication, Status, Upload


class CannotPublish(Exception):
    """Why an upload cannot be published, in one sentence for the page or the command line."""


def _return_of(indicator_id: str) -> str:
    """The return an own figure is computed from (its definition's family); '' when unknown."""
    return _families().get(indicator_id, "")


@cache
def _families() -> dict[str, str]:
    from lineofsight.indicators.own.registry import DEFINITIONS

    return {d.id: d.family for d in DEFINITIONS}


def upload_returns(upload: Upload) -> list[str]:
    """The returns an upload holds (``ssda903``, ``cin``, ``workforce``), from its kind."""
    return [k.strip() for k in upload.kind.split(",") if k.strip()]


@dataclass(frozen=True)
class Scope:
    """What publishing an upload would do to the current version: which returns' figures it
    replaces and, per return, how many figures it keeps (or, replacing all, removes)."""

    version: int | None
    replaces: list[str]
    others: dict[str, int]

    def labels(self, returns: list[str] | dict[str, int]) -> str:
        names = [KIND_LABELS.get(r, r or "other figures") for r in returns]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    @property
    def replaces_text(self) -> str:
        return self.labels(self.replaces)

    @property
    def others_text(self) -> str:
        return self.labels(self.others)

    @property
    def others_count(self) -> int:
        return sum(self.others.values())


def publish_scope(upload: Upload) -> Scope:
    """Which of the current version's figures publishing ``upload`` would keep or replace."""
    current = current_publication(upload.la_code)
    mine = upload_returns(upload)
    if current is None:
        return Scope(None, mine, {})
    others = Counter(
        r
        for r in map(_return_of, current.values.values_list("indicator_id", flat=True))
        if r not in mine
    )
    return Scope(current.version, mine, _in_order(others))


def _in_order(counts: Counter[str]) -> dict[str, int]:
    """Counts by return in the order the Data pages list returns (SSDA903, CIN, workforce)."""
    order = {name: i for i, name in enumerate(KIND_LABELS)}
    return {r: counts[r] for r in sorted(counts, key=lambda r: (order.get(r, len(order)), r))}


def _carry(previous: Publication, publication: Publication, replaced: list[str]) -> dict[str, int]:
    """Copy the previous version's figures for the returns not replaced; counts by return."""
    fields = [
        f.attname
        for f in IndicatorValue._meta.concrete_fields
        if f.attname not in {"id", "publication_id"}
    ]
    kept: Counter[str] = Counter()
    rows = []
    for value in previous.values.all():
        family = _return_of(value.indicator_id)
        if family in replaced:
            continue
        kept[family] += 1
        rows.append(
            IndicatorValue(publication=publication, **{f: getattr(value, f) for f in fields})
        )
    IndicatorValue.objects.bulk_create(rows)
    return _in_order(kept)


def save_upload(
    checked: Checked,
    la_code: str,
    user: Any = None,
    source: str = "web",
    *,
    request: HttpRequest | None = None,
    actor: str = "",
) -> Upload:
    """Store an upload's fingerprints, findings and aggregates; rejected when any error is found.

    Its audit event is written in the same transaction, as for a publication.
    """
    with transaction.atomic():
        upload = _create_upload(checked, la_code, user, source)
        record(
            request,
            Action.UPLOAD,
            user=user,
            email=actor,
            la_code=la_code,
            obj=("returns_upload", upload.pk),
            details={
                "files": len(upload.files),
                "status": upload.status,
                "errors": upload.errors,
                "queries": upload.queries,
            },
        )
    return upload


def _create_upload(checked: Checked, la_code: str, user: Any, source: str) -> Upload:
    upload: Upload = Upload.objects.create(
        la_code=la_code,
        uploaded_by=user if getattr(user, "pk", None) else None,
        source=source,
        kind=", ".join(checked.kinds),
        status=Status.REJECTED if checked.errors else Status.VALIDATED,
        files=checked.files,
        returns=checked.returns,
        errors=checked.errors,
        queries=checked.queries,
        summary=checked.summary(),
        report_csv="",  # the full list is a file beside the database (checking.report_path)
        report_json=checked.report_json,
        report_html=checked.report_html,
        aggregates=checked.aggregates if not checked.errors else [],
    )
    if checked.report_csv is not None:
        checked.report_csv.replace(report_path(upload.pk))
    return upload


def publish(
    upload: Upload,
    user: Any = None,
    *,
    acknowledge_queries: bool = False,
    request: HttpRequest | None = None,
    actor: str = "",
    replace_all: bool = False,
) -> Publication:
    """Make this upload's figures the council's current publication (atomically).

    The current version's figures for the returns this upload does not hold are carried into
    the new version, unless ``replace_all``.

    The audit event is written in the same transaction: a publication without its event (or an
    event without its publication) can never be left by a crash. ``actor`` names who published
    when there is no signed-in user (``"command line"``).
    """
    with transaction.atomic():
        locked: Upload = Upload.objects.select_for_update().get(pk=upload.pk)
        if locked.status == Status.REJECTED or locked.errors:
            raise CannotPublish(
                f"Upload {locked.pk} has {locked.errors:,} errors; correct the files and upload "
                "them again."
            )
        if locked.status != Status.VALIDATED:
            raise CannotPublish(f"Upload {locked.pk} is already {locked.status_label.lower()}.")
        if not locked.aggregates:
            raise CannotPublish(f"Upload {locked.pk} holds no figures to publish.")
        if locked.queries and not acknowledge_queries:
            raise CannotPublish(
                f"Upload {locked.pk} has {locked.queries:,} queries; confirm you have reviewed "
                "them to publish."
            )
        previous = (
            Publication.objects.select_for_update()
            .filter(la_code=locked.la_code, is_current=True)
            .first()
        )
        if previous is not None:
            previous.is_current = False
            previous.save(update_fields=["is_current"])
            Upload.objects.filter(pk=previous.upload_id).update(status=Status.SUPERSEDED)
        top = Publication.objects.filter(la_code=locked.la_code).aggregate(n=Max("version"))["n"]
        publication: Publication = Publication.objects.create(
            la_code=locked.la_code,
            version=(top or 0) + 1,
            upload=locked,
            published_by=user if getattr(user, "pk", None) else None,
            queries_acknowledged=bool(locked.queries and acknowledge_queries),
            is_current=True,
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(
                publication=publication,
                indicator_id=row["indicator_id"],
                period_start=dt.date.fromisoformat(row["period_start"]),
                period_end=dt.date.fromisoformat(row["period_end"]),
                value=row["value"],
                state=row["state"],
                numerator=row["numerator"],
                denominator=row["denominator"],
                returns=row.get("returns", ""),
                note=row.get("note", ""),
            )
            for row in locked.aggregates
        )
        kept = (
            {} if previous is None or replace_all
            else _carry(previous, publication, upload_returns(locked))
        )  # fmt: skip
        locked.status = Status.PUBLISHED
        locked.aggregates = []  # now held as IndicatorValue rows
        locked.save(update_fields=["status", "aggregates"])
        record(
            request,
            Action.PUBLICATION,
            user=user,
            email=actor,
            la_code=locked.la_code,
            obj=("returns_publication", publication.pk),
            details={
                "version": publication.version,
                "upload": locked.pk,
                "values": publication.values.count(),
                "queries_acknowledged": publication.queries_acknowledged,
                "returns": upload_returns(locked),
                "kept_from_version": previous.version if kept else None,
                "kept": kept,
                "replaced_all": bool(previous is not None and replace_all),
            },
        )
    upload.refresh_from_db()
    return publication


def current_publication(la_code: str) -> Publication | None:
    """The council's current publication, or None before its first."""
    found: Publication | None = Publication.objects.filter(la_code=la_code, is_current=True).first()
    return found
