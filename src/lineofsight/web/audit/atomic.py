"""A change and the audit event that records it commit together, or neither does.

Every request that may change data (POST, PUT, PATCH, DELETE) runs its view in one database
transaction, so a view that saves a record and then writes its audit event cannot leave the record
without the event if the process dies or the audit write fails in between; a view that answers
with a server error is rolled back too. Reads (GET, HEAD) take no transaction: with SQLite a
transaction holds the write lock. Nor does a request from someone not signed in: the sign-in form
changes no record, and its attempts are what the audit log records.

Views that run for long before they write (checking uploaded returns, making a PDF pack) opt out
with Django's ``transaction.non_atomic_requests`` and keep their own short transaction around the
write and its event (``returns_data.store``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import HttpRequest, HttpResponseBase

Handler = Callable[[HttpRequest], HttpResponseBase]
READS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class AtomicWritesMiddleware:
    """Runs each writing request's view inside ``transaction.atomic`` (place it last)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., HttpResponseBase],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if request.method in READS:
            return None
        if DEFAULT_DB_ALIAS in getattr(view, "_non_atomic_requests", set()):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # signing in changes no record; its attempts are the audit itself
        with transaction.atomic():
            response = view(request, *args, **kwargs)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        return response
