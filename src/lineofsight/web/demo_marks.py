"""What in the service is demo content, decided in one place.

``lineofsight demo`` seeds made-up records (governance, key-question answers, budget monitoring)
and publishes figures from synthetic returns. A demo page, pack or download must never pass for a
council's real record, so every page shows a notice, every downloaded pack page carries a DEMO
watermark and every CSV of demo content says so in a column. Each app already marks what its
demo loader made (``is_demo``, ``source="demo"``, ``synthetic``, the governance demo author);
this module reads those marks and nothing else decides.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest

WATERMARK = "DEMO"
CSV_COLUMN = "demo_content"  # the column a CSV of demo content gains, on every row
CSV_TEXT = "Demo: made up to show how the service works, not real figures"


@dataclass(frozen=True, slots=True)
class DemoMarks:
    """Which parts of a council's record are demo content (empty: none, a real service)."""

    parts: tuple[str, ...] = ()
    synthetic_returns: bool = False
    demo_service: bool = False  # run by ``lineofsight demo`` (the pages before signing in)

    def __bool__(self) -> bool:
        return bool(self.parts) or self.demo_service

    @property
    def heading(self) -> str:
        return "This is a demonstration, not a council's real record"

    @property
    def notice(self) -> str:
        """One sentence for the page notice and the pack cover."""
        if not self.parts:
            return (
                "This copy of the service was set up by the demo, with demo accounts and "
                "made-up records to show how it works."
            )
        listed = _listed(self.parts)
        return (
            f"The {listed} were made up by the demo to show how the service works. "
            "Published figures from the Department for Education, Ofsted and the Office for "
            "National Statistics are real."
        )


NONE = DemoMarks()


def _listed(parts: tuple[str, ...]) -> str:
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def for_council(la_code: str) -> DemoMarks:
    """The demo marks for one council's record."""
    from lineofsight.web.assessment.models import Round
    from lineofsight.web.finance.models import Monitoring, PlacementMix
    from lineofsight.web.forecast.models import Basis
    from lineofsight.web.governance.demo import DEMO
    from lineofsight.web.governance.models import ActionUpdate, RoleRecord
    from lineofsight.web.returns_data.models import Publication

    def scoped(qs, field: str = "la_code"):  # type: ignore[no-untyped-def]
        return qs.filter(**{field: la_code})

    parts: list[str] = []
    if scoped(Round.objects.filter(is_demo=True)).exists():
        parts.append("key question and enabler answers")
    if (
        scoped(ActionUpdate.objects.filter(by_email=DEMO), "action__la_code").exists()
        or scoped(RoleRecord.objects.filter(recorded_by_email=DEMO)).exists()
    ):
        parts.append("boards, actions, statutory role holders and voices of children")
    synthetic = scoped(Publication.objects.filter(is_current=True, upload__source="demo")).exists()
    if synthetic:
        parts.append("figures from the council's own returns (synthetic, not real children)")
    if scoped(Monitoring.objects.filter(is_current=True, is_demo=True)).exists():
        parts.append("budget monitoring figures")
    if scoped(Basis.objects.filter(synthetic=True)).exists():
        parts.append("forecast rates")
    latest_mix = scoped(PlacementMix.objects.all()).first()
    if latest_mix is not None and latest_mix.synthetic:
        parts.append("placement mix and its cost (from a synthetic 903 return)")
    return DemoMarks(tuple(parts), synthetic)


def for_request(request: HttpRequest) -> DemoMarks:
    """The marks for the signed-in user's council, once per request. Before signing in there is
    no council: the notice shows when the service runs under ``lineofsight demo``'s settings."""
    cached: DemoMarks | None = getattr(request, "_demo_marks", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    code = ""
    if user is not None and user.is_authenticated:
        code = getattr(user, "la_code", "") or ""
    service = bool(getattr(settings, "DEMO_ACCOUNTS_ALLOWED", False))
    try:
        marks = for_council(code) if code else NONE
    except DatabaseError:  # the error pages must render even when the database cannot answer
        marks = NONE
    if service and not code:
        marks = DemoMarks(demo_service=True)
    request._demo_marks = marks
    return marks


def for_region(region: Any) -> str:
    """The sentence marking a region's page, pack and downloads as demo ('' for a real one): the
    demo's own alliance, or any sharing member whose current figures come from synthetic returns."""
    from lineofsight.web.accounts.scope import council_name
    from lineofsight.web.returns_data.models import Publication

    codes = [m.la_code for m in region.members.all() if m.shares]
    synthetic = Publication.objects.filter(
        is_current=True, upload__source="demo", la_code__in=codes
    ).values_list("la_code", flat=True)
    if region.is_demo:
        return (
            "Demo: this regional alliance, its agreement and its sharing choices were made up by "
            "the demo, and its members' own figures come from synthetic returns, not real children"
        )
    if synthetic:
        names = _listed(tuple(sorted(council_name(c) for c in set(synthetic))))
        return f"Demo: the own figures of {names} come from synthetic returns, not real children"
    return ""


def csv_rows_marked(rows: Iterable[list[str]], text: str = CSV_TEXT) -> Iterator[list[str]]:
    """Rows of a CSV (header first) with the demo column added to each."""
    for n, row in enumerate(rows):
        yield [*row, CSV_COLUMN if n == 0 else text]


def mark_csv(content: str, text: str = CSV_TEXT) -> str:
    """A whole CSV with the demo column added: still one header row, still parseable."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(csv_rows_marked(csv.reader(io.StringIO(content)), text))
    return out.getvalue()
