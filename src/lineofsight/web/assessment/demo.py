"""Demo content for ``lineofsight demo``: a filled-in first assessment round for the demo council.

Everything here is made up to show how the pages work, and says so: the round is marked as demo
content (a banner on every page of it) and each narrative starts "Demo content". It runs once per
database: a council that already has a round keeps it.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from lineofsight.web.demo_data import register_demo_loader

DEMO_MARK = "Demo content, made up to show how this page works. "

# (item id, rating, maturity level, narrative, owner, review date as days from today)
QUESTIONS = (
    (
        "kq_lead_member_01",
        "adequate",
        "",
        "The lead member has a deputy and a weekly briefing with the director; casework "
        "from councillors takes more of the role than planned.",
        "Leader of the council",
        120,
    ),
    (
        "kq_lead_member_04",
        "weak",
        "",
        "Leaders see the quarterly performance report but not the views of children in care "
        "directly; the overview's signals are not yet discussed at the quartet.",
        "Leader of the council",
        -14,  # past its review date
    ),
    (
        "kq_ofsted_01",
        "adequate",
        "",
        "The self-evaluation was refreshed for the annual conversation; the improvement plan "
        "tracks the last inspection's recommendations.",
        "Director of children's services",
        90,
    ),
    (
        "kq_corporate_parenting_01",
        "weak",
        "",
        "Placement stability is below our neighbours and the board has not yet asked why; "
        "sufficiency work is under way.",
        "Lead member for children's services",
        60,
    ),
    (
        "kq_finance_01",
        "dont_know",
        "",
        "The children's services budget variance is reported to cabinet, but the drivers of "
        "placement cost growth are not yet understood.",
        "Chief executive",
        45,
    ),
    (
        "kq_governance_01",
        "strong",
        "",
        "Scrutiny has a children's services work programme and receives the performance "
        "report each quarter.",
        "Lead member for children's services",
        180,
    ),
)
ENABLERS = (
    (
        "workforce",
        "weak",
        "developing",
        "Agency social workers remain above the regional average; the recruitment and "
        "retention plan started this year.",
        "Director of children's services",
        90,
    ),
    (
        "leadership_and_governance",
        "adequate",
        "established",
        "The strategic quartet meets monthly and the improvement board is chaired independently.",
        "Leader of the council",
        150,
    ),
)


@register_demo_loader
def load_demo_assessment(la_code: str) -> str:
    """A first round with a few answers (some weak, one past its review date), unless one exists."""
    from lineofsight.web.assessment.forms import AnswerInput
    from lineofsight.web.assessment.store import current_round, save_answer, start_round

    existing = current_round(la_code)
    if existing is not None:
        return f"Assessment: round {existing.number} ({existing.name}) already exists; reused."
    today = timezone.localdate()
    round_ = start_round(
        la_code, f"Demo assessment {today.year}", today - dt.timedelta(days=30), is_demo=True
    )
    for kind, items in (("question", QUESTIONS), ("enabler", ENABLERS)):
        for item_id, rating, level, narrative, owner, days in items:
            answer = AnswerInput(
                rating=rating,
                level=level,
                narrative=DEMO_MARK + narrative,
                owner=owner,
                review_date=today + dt.timedelta(days=days),
            )
            save_answer(round_, kind, item_id, answer)
    return (
        f"Assessment: demo round '{round_.name}' with {len(QUESTIONS)} key questions and "
        f"{len(ENABLERS)} enablers answered (demo content)."
    )
