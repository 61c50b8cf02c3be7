"""``governance_record(la_code, as_at)``: everything the council has recorded, as the plain-data
``GovernanceRecord`` the overview and the briefing packs read, so they never touch the database.

The key-question answers, enabler answers and self-evaluation come from the assessment app
(``lineofsight.web.assessment.snapshot.assessment_parts``).
"""

from __future__ import annotations

import datetime as dt

from lineofsight.assurance import records
from lineofsight.web.assessment.snapshot import assessment_parts
from lineofsight.web.governance import store
from lineofsight.web.governance.models import Action, Meeting, Voice


def _action(a: Action) -> records.Action:
    latest = a.updates.order_by("-at", "-pk").first()
    return records.Action(
        title=a.title,
        owner=a.owner,
        board=a.board.name,
        due=a.due,
        status=a.status,
        latest_update=latest.note if latest is not None else "",
    )


def _meeting(m: Meeting) -> records.Meeting:
    return records.Meeting(
        board=m.board.name,
        date=m.date,
        decisions=tuple(d.text for d in m.decisions.all()),
        attendance=tuple(m.attendees),
    )


def _voice(v: Voice) -> records.Voice:
    return records.Voice(
        date=v.date,
        source=v.source_label,
        group=v.group_label,
        said=v.said,
        themes=tuple(v.theme_list),
        response=v.response,
        reported_to_council=v.reported_to_council,
    )


def governance_record(la_code: str, as_at: dt.date) -> records.GovernanceRecord:
    """The council's governance record as it stands, judged at ``as_at`` (which actions are
    overdue, how long post holders have served)."""
    actions = Action.objects.filter(la_code=la_code).select_related("board").order_by("due", "pk")
    meetings = (
        Meeting.objects.filter(board__la_code=la_code)
        .select_related("board")
        .prefetch_related("decisions")
        .order_by("date", "pk")
    )
    voices = Voice.objects.filter(la_code=la_code).order_by("date", "pk")
    answers, enabler_answers, self_evaluation = assessment_parts(la_code)
    from lineofsight.web.finance.attention import finance_attention
    from lineofsight.web.finance.store import current as current_monitoring
    from lineofsight.web.finance.store import current_mix

    monitoring = current_monitoring(la_code)
    mix = current_mix(la_code)
    return records.GovernanceRecord(
        la_code=la_code,
        as_at=as_at,
        answers=answers,
        enabler_answers=enabler_answers,
        actions=tuple(_action(a) for a in actions),
        meetings=tuple(_meeting(m) for m in meetings),
        roles=tuple(store.holder(r) for r in store.current_roles(la_code).values()),
        voices=tuple(_voice(v) for v in voices),
        self_evaluation=self_evaluation,
        monitoring=monitoring[1] if monitoring else None,
        monitoring_is_demo=bool(monitoring and monitoring[0].is_demo),
        placement_mix=mix[1] if mix else None,
        placement_mix_is_demo=bool(mix and mix[0].synthetic),
        finance_judgements=tuple(finance_attention(la_code)),
    )
