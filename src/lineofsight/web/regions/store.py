"""Reading and changing regions, for the pages and the CLI alike (docs/regions.md).

Who sees what is decided here, once: a region's analysts and lead see every sharing member's
figures; a member council's readers see the others' only when the agreement says members see
each other's figures by name and their own council still shares (reciprocity). A withdrawn
member's figures are never read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from lineofsight.benchmark.regional import Member as Shared
from lineofsight.benchmark.regional import RegionalTable, regional_table
from lineofsight.errors import UserError
from lineofsight.web.accounts.roles import Role
from lineofsight.web.accounts.scope import council_name, validate_la_code
from lineofsight.web.audit.log import record
from lineofsight.web.audit.models import Action
from lineofsight.web.regions.models import Agreement, Member, Region, Sharing, SharingChoice

if TYPE_CHECKING:
    from lineofsight.packs.model import Pack

STAFF_ROLES = frozenset({Role.REGIONAL_ANALYST, Role.REGIONAL_LEAD})
MEMBER_ROLES = frozenset({Role.REGIONAL_MEMBER, Role.DIRECTOR})


def regions_for(user: Any) -> QuerySet[Region]:
    """The regions a user may open: staffed ones for regional staff, their council's for members."""
    role = getattr(user, "role", None)
    if role in STAFF_ROLES:
        return Region.objects.filter(staff=user)
    if role in MEMBER_ROLES:
        return Region.objects.filter(members__la_code=user.la_code).distinct()
    return Region.objects.none()


def visible_codes(user: Any, region: Region) -> set[str]:
    """The sharing members whose figures this user sees by name in this region."""
    sharing = {m.la_code for m in region.members.all() if m.shares}
    if getattr(user, "role", None) in STAFF_ROLES:
        return sharing
    own = user.la_code
    if own not in sharing:
        return set()  # a council that shares nothing sees no other council's figures
    agreement = region.agreement
    if agreement is not None and agreement.members_see_named:
        return sharing
    return {own}


def publication_rows(la_code: str) -> pd.DataFrame:
    """A council's current published own figures (aggregates), the engine's columns."""
    from lineofsight.web.returns_data.models import IndicatorValue

    rows = list(
        IndicatorValue.objects.filter(
            publication__la_code=la_code, publication__is_current=True
        ).values(
            "indicator_id", "period_start", "period_end", "value", "state", "numerator",
            "denominator",
        )
    )  # fmt: skip
    columns = ["indicator_id", "period_start", "period_end", "value", "state"]
    return pd.DataFrame(rows, columns=[*columns, "numerator", "denominator"])


def table_for(region: Region, *, published: bool = True) -> RegionalTable:
    """Every sharing member's latest figures side by side (the view hides what a user may not see)."""
    members = [
        Shared(m.la_code, council_name(m.la_code), publication_rows(m.la_code))
        for m in region.members.all()
        if m.shares
    ]
    return regional_table(members, published=published)


def add_region(
    code: str,
    name: str,
    members: Iterable[str],
    *,
    signed_on: dt.date,
    signatories: Sequence[str],
    members_see_named: bool = False,
    sharing: str = Sharing.AGGREGATES.value,
    actor: str = "",
) -> Region:
    """Create (or extend) a region with its members and record its agreement; audited."""
    codes = [validate_la_code(c) for c in members]
    if not codes:
        raise UserError("A region needs at least one member council (--member E-code).")
    if not signatories:
        raise UserError("A data-sharing agreement needs its signatories (--signatory).")
    with transaction.atomic():
        region, _ = Region.objects.get_or_create(code=code, defaults={"name": name})
        if name and region.name != name:
            region.name = name
            region.save()
        Agreement.objects.create(
            region=region,
            signed_on=signed_on,
            signatories=list(signatories),
            members_see_named=members_see_named,
        )
        for la_code in codes:
            member, created = Member.objects.get_or_create(
                region=region, la_code=la_code, defaults={"sharing": sharing}
            )
            if created:
                SharingChoice.objects.create(member=member, sharing=sharing, reason="joined")
                record(
                    None,
                    Action.CHANGE,
                    email=actor,
                    la_code=la_code,
                    obj=("region_member", f"{region.code}/{la_code}"),
                    details={"region": region.code, "sharing": sharing, "previous": None},
                )
    made: Region = region
    return made


def set_sharing(
    member: Member,
    sharing: str,
    *,
    request: HttpRequest | None = None,
    user: Any = None,
    actor: str = "",
    reason: str = "",
) -> SharingChoice:
    """Record a member's new sharing choice and its audit event, in one transaction."""
    choice = Sharing(sharing)
    with transaction.atomic():
        previous = member.sharing
        member.sharing = choice
        member.save()
        made: SharingChoice = SharingChoice.objects.create(
            member=member,
            sharing=choice,
            recorded_by=user if getattr(user, "pk", None) else None,
            reason=reason[:400],
        )
        record(
            request,
            Action.CHANGE,
            user=user,
            email=actor,
            la_code=member.la_code,
            obj=("region_member", f"{member.region.code}/{member.la_code}"),
            details={
                "region": member.region.code,
                "sharing": str(choice),
                "previous": previous,
                "reason": reason[:400],
            },
        )
    return made


def agreement_words(region: Region) -> str:
    """The agreement as one sentence, for the page's downloads and the pack."""
    from lineofsight.wording import date_text

    agreement = region.agreement
    if agreement is None:
        return "No data-sharing agreement is recorded."
    return (
        f"Data-sharing agreement signed {date_text(agreement.signed_on.isoformat())} by "
        f"{'; '.join(agreement.signatories)}."
    )


def regional_pack(region: Region, as_at: dt.date) -> Pack:
    """The regional pack (``packs/regional.py``) as the region's analysts see it: every sharing
    member's figures, demo-marked when demo. For the CLI and the region's staff only."""
    from lineofsight.packs.regional import build_regional
    from lineofsight.web import demo_marks

    return build_regional(
        table_for(region),
        region_name=region.name,
        agreement=agreement_words(region),
        sharing=[(council_name(m.la_code), m.sharing_label) for m in region.members.all()],
        as_at=as_at,
        demo=demo_marks.for_region(region),
    )
