"""The demo's regional alliance: the demo council and a few councils of its real region.

``lineofsight demo`` signs people in as a regional analyst, lead and member, so they need a region
to look at. Every part of it is made up and marked so (``Region.is_demo``, "demo" in its name and
signatories): the other members' own figures are published from synthetic returns by the same
generator, checks and publication as the demo council's (never real children), the agreement
and the sharing choices are recorded, and audited, as a real alliance's would be. The other
members' returns start a year before the in-year extract rather than at ``DEMO_FIRST``: the
regional page shows each council's latest period, and that keeps the demo quick to start.
"""

from __future__ import annotations

import datetime as dt
import re
import time

from lineofsight.web.demo_data import register_demo_loader

OTHER_MEMBERS = 3
MIN_CHILDREN = 20_000  # leaves out the City of London, the Isles of Scilly and Rutland
DEMO_SIGNATORY = "Demo signatory, director of children's services, {council}"
# What each other member shares, in turn: the demo shows both kinds of consent.
OTHER_SHARING = ("extract", "aggregates", "extract")


def demo_region_code(region_name: str) -> str:
    """e.g. ``demo-west-midlands``."""
    return "demo-" + re.sub(r"[^a-z0-9]+", "-", region_name.lower()).strip("-")[:30]


def other_members(la_code: str) -> list[str]:
    """The smallest councils of the demo council's region by children (quick to generate),
    leaving out the very small ones, whose figures would be almost all suppressed."""
    from lineofsight.reference.las import registry, resolve
    from lineofsight.reference.population import population_0_17

    home = resolve(la_code)
    sized = []
    for la in registry().current():
        if la.region_code != home.region_code or la.code == home.code:
            continue
        children = population_0_17(la.code, 2024) or 0.0
        if children >= MIN_CHILDREN:
            sized.append((children, la.code))
    return [code for _, code in sorted(sized)[:OTHER_MEMBERS]]


@register_demo_loader
def load_demo_region(la_code: str) -> str:
    """Set up the demo alliance (once per database) with the demo council's regional accounts."""
    from django.utils import timezone

    from lineofsight.indicators.own.periods import march_year
    from lineofsight.reference.las import resolve
    from lineofsight.web.accounts.models import User
    from lineofsight.web.regions.models import Member, Region, Sharing
    from lineofsight.web.regions.store import STAFF_ROLES, add_region, set_sharing
    from lineofsight.web.returns_data.demo import demo_extract_day, publish_synthetic_returns

    home = resolve(la_code)
    code = demo_region_code(home.region_name)
    staff = User.objects.filter(is_demo=True, la_code=la_code, role__in=list(STAFF_ROLES))
    existing = Region.objects.filter(code=code, is_demo=True).first()
    if existing is not None and existing.members.filter(la_code=la_code).exists():
        existing.staff.add(*staff)
        return (
            f"Region: demo alliance '{existing.name}' ({existing.members.count()} councils) "
            "already set up; reused."
        )
    if existing is not None:  # the demo run before for another council of this region
        agreement = existing.agreement
        signatories = [*(agreement.signatories if agreement else [])]
        signatories.append(DEMO_SIGNATORY.format(council=home.name))
        add_region(
            code,
            existing.name,
            [la_code],
            signed_on=agreement.signed_on if agreement else timezone.localdate(),
            signatories=signatories,
            actor="demo loader",
        )
        existing.staff.add(*staff)
        return f"Region: {home.name} joined the demo alliance '{existing.name}'."
    if Region.objects.filter(code=code).exists():
        return f"Region: a region '{code}' exists that is not the demo's, so none was set up."
    started = time.perf_counter()
    today = timezone.localdate()
    others = other_members(la_code)
    last = march_year(demo_extract_day(today))
    for other in others:
        publish_synthetic_returns(other, first=last - 1)
    names = [resolve(c).name for c in [la_code, *others]]
    region = add_region(
        code,
        f"{home.region_name} demo alliance (synthetic figures)",
        [la_code, *others],
        signed_on=dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1),
        signatories=[DEMO_SIGNATORY.format(council=n) for n in names],
        members_see_named=False,
        actor="demo loader",
    )
    region.is_demo = True
    region.save(update_fields=["is_demo"])
    region.staff.add(*staff)
    for other, sharing in zip(others, OTHER_SHARING, strict=False):
        if sharing != Sharing.AGGREGATES:
            member = Member.objects.get(region=region, la_code=other)
            set_sharing(member, sharing, actor="demo loader", reason="Demo: a made-up choice")
    took = time.perf_counter() - started
    return (
        f"Region: demo alliance '{region.name}' of {', '.join(names)}, the others' own figures "
        f"from synthetic returns, with a demo agreement and sharing choices, in {took:.1f} s."
    )
