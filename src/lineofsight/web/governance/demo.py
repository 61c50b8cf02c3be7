"""The demo council's governance records: boards, meetings with decisions, actions (some overdue,
some done), the statutory roles register with a recently appointed interim DCS, and what children
and care leavers said with the council's responses.

All invented ("Demo Person ..."), and dated relative to the day ``lineofsight demo`` runs so the
overdue actions and the roles signals always show; the same day gives the same records. Runs once
per council: a council that already has governance records keeps them.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from lineofsight.web.demo_data import register_demo_loader

DEMO = "Demo data (lineofsight demo)"  # who the history says made the demo's entries

# (board slug, days before today, attendance, decisions)
MEETINGS: tuple[tuple[str, int, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "strategic-quartet",
        70,
        (
            "Councillor Demo Person A, leader",
            "Councillor Demo Person B, lead member",
            "Demo Person C, chief executive",
            "Demo Person D, interim director",
        ),
        (
            "Agree the workforce stability plan for children's social care.",
            "Ask the director for a monthly report on agency social workers.",
        ),
    ),
    (
        "improvement-board",
        42,
        (
            "Demo Person E, independent chair",
            "Councillor Demo Person A, leader",
            "Demo Person D, interim director",
            "Demo Person F, Department for Education adviser",
        ),
        (
            "Refresh the improvement plan after the focused visit.",
            "Audit 40 child protection plans for the quality of supervision.",
        ),
    ),
    (
        "corporate-parenting-board",
        21,
        (
            "Councillor Demo Person B, lead member (chair)",
            "Two members of the children in care council",
            "Demo Person G, head of service for children in care",
        ),
        (
            "Publish the care leaver offer in a young-person friendly format.",
            "Invite care leavers to present to full council each year.",
        ),
    ),
)

# (title, owner, board slug, meeting index or None, decision number, due in days, status, note)
ACTIONS: tuple[tuple[str, str, str, int | None, int, int, str, str], ...] = (
    (
        "Recruit permanent team managers for the assessment service",
        "Director of children's services",
        "strategic-quartet",
        0,
        1,
        -30,
        "in_progress",
        "Two of five posts filled; the rest are out to advert again.",
    ),
    (
        "Monthly agency social worker report to the quartet",
        "Director of children's services",
        "strategic-quartet",
        0,
        2,
        -40,
        "done",
        "First report taken at the quartet; monthly from now on.",
    ),
    (
        "Refresh the improvement plan",
        "Chief executive",
        "improvement-board",
        1,
        1,
        -7,
        "open",
        "",
    ),
    (
        "Case audit of 40 child protection plans",
        "Head of quality assurance",
        "improvement-board",
        1,
        2,
        35,
        "in_progress",
        "Audit tool agreed; 12 plans audited so far.",
    ),
    (
        "Care leaver offer in a young-person friendly format",
        "Head of service for children in care",
        "corporate-parenting-board",
        2,
        1,
        60,
        "open",
        "",
    ),
    (
        "Review safeguarding partnership arrangements",
        "Chief executive",
        "safeguarding-partnership",
        None,
        0,
        -90,
        "dropped",
        "Replaced by the national review of partnership arrangements.",
    ),
)

# (post, name, appointed days ago, interim, additional responsibilities, test of assurance)
ROLES: tuple[tuple[str, str, int, bool, str], ...] = (
    ("dcs", "Demo Person D", 120, True, "Education and skills"),
    ("lmcs", "Councillor Demo Person B", 900, False, ""),
    ("chief_executive", "Demo Person C", 1500, False, ""),
    ("leader", "Councillor Demo Person A", 1300, False, ""),
)

# (days ago, source, group, said, themes, response, reported to council)
VOICES: tuple[tuple[int, str, str, str, str, str, bool], ...] = (
    (
        80,
        "children_in_care_council",
        "children_in_care",
        "Children said they change social worker too often and have to tell their story again.",
        "continuity, social workers",
        "The quartet agreed a workforce stability plan; the council now reports each child's "
        "number of social workers in the year to the corporate parenting board.",
        True,
    ),
    (
        45,
        "survey",
        "care_leavers",
        "Care leavers said the council tax exemption was hard to find out about.",
        "money, information",
        "The exemption is now explained in the care leaver offer and personal advisers raise it "
        "at every pathway plan review.",
        False,
    ),
    (
        12,
        "visit",
        "send_families",
        "Parents of children with SEND said they wait too long to hear about their child's plan.",
        "communication, waiting times",
        "",
        False,
    ),
)

COMMITMENTS: tuple[tuple[str, str, str, str], ...] = (
    ("care_leaver_offer", "Council tax exemption for care leavers up to age 25.", "", "in_place"),
    ("care_leaver_offer", "A personal adviser for every care leaver up to age 25.", "", "in_place"),
    ("care_leaver_offer", "Free leisure centre membership.", "", "planned"),
    (
        "covenant",
        "Work experience placements for care leavers.",
        "Demo Partner Hospital Trust",
        "under_review",
    ),
)


@register_demo_loader
def load_demo_governance(la_code: str) -> str:
    """Boards, meetings, actions, the roles register and voices for the demo council."""
    from lineofsight.web.governance import store
    from lineofsight.web.governance.models import (
        Action,
        Commitment,
        Meeting,
        RoleRecord,
        Voice,
    )

    if (
        Action.objects.filter(la_code=la_code).exists()
        or RoleRecord.objects.filter(la_code=la_code).exists()
    ):
        return f"Governance: {la_code} already has governance records; reused."
    today: dt.date = timezone.localdate()

    def days(n: int) -> dt.date:
        return today + dt.timedelta(days=n)

    with transaction.atomic():
        boards = {b.slug: b for b in store.ensure_boards(la_code)}
        boards["strategic-quartet"].chair = "Councillor Demo Person A, leader"
        boards["strategic-quartet"].save(update_fields=["chair"])
        meetings = []
        for slug, ago, attendance, decisions in MEETINGS:
            m = Meeting.objects.create(
                board=boards[slug], date=days(-ago), attendance="\n".join(attendance)
            )
            store.save_decisions(m, "\n".join(decisions))
            meetings.append(m)
        for title, owner, slug, mi, dn, due, status, note in ACTIONS:
            meeting = meetings[mi] if mi is not None else None
            decision = meeting.decisions.get(number=dn) if meeting is not None else None
            action = store.add_action(
                la_code=la_code,
                board=boards[slug],
                title=title,
                owner=owner,
                due=days(due),
                meeting=meeting,
                decision=decision,
                who=DEMO,
            )
            if status != "open" or note:
                store.add_update(action, status, note, who=DEMO)
        for post, name, ago, interim, extra in ROLES:
            store.record_role(
                la_code,
                post,
                {
                    "name": name,
                    "appointed": days(-ago),
                    "interim": interim,
                    "additional_responsibilities": extra,
                },
                who=DEMO,
            )
        for ago, source, group, said, themes, response, reported in VOICES:
            Voice.objects.create(
                la_code=la_code,
                date=days(-ago),
                source=source,
                group=group,
                said=said,
                themes=themes,
                response=response,
                reported_to_council=reported,
                reported_on=days(-ago + 30) if reported else None,
            )
        for kind, text, partner, status in COMMITMENTS:
            Commitment.objects.create(
                la_code=la_code, kind=kind, text=text, partner=partner, status=status
            )
    overdue = store.overdue(Action.objects.filter(la_code=la_code), today).count()
    return (
        f"Governance: {len(boards)} boards, {len(MEETINGS)} meetings, {len(ACTIONS)} actions "
        f"({overdue} overdue), {len(ROLES)} statutory posts and {len(VOICES)} voices recorded "
        f"for {la_code} (demo content)."
    )
