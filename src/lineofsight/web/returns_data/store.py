"""Saving an upload and publishing it: one transaction, so a failure never replaces good data.

A publication is created, its values written, the previous one marked superseded and the new one
marked current all inside ``transaction.atomic``; if any step fails the council's current
publication is the one it had before.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max

from lineofsight.web.returns_data.checking import Checked
from lineofsight.web.returns_data.models import IndicatorValue, Publication, Status, Upload


class CannotPublish(Exception):
    """Why an upload cannot be published, in one sentence for the page or the command line."""


def save_upload(checked: Checked, la_code: str, user: Any = None, source: str = "web") -> Upload:
    """Store an upload's fingerprints, findings and aggregates; rejected when any error is found."""
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
        report_csv=checked.report_csv,
        report_json=checked.report_json,
        report_html=checked.report_html,
        aggregates=checked.aggregates if not checked.errors else [],
    )
    return upload


def publish(upload: Upload, user: Any = None, *, acknowledge_queries: bool = False) -> Publication:
    """Make this upload's figures the council's current publication (atomically)."""
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
            )
            for row in locked.aggregates
        )
        locked.status = Status.PUBLISHED
        locked.aggregates = []  # now held as IndicatorValue rows
        locked.save(update_fields=["status", "aggregates"])
    upload.refresh_from_db()
    return publication


def current_publication(la_code: str) -> Publication | None:
    """The council's current publication, or None before its first."""
    found: Publication | None = Publication.objects.filter(la_code=la_code, is_current=True).first()
    return found
