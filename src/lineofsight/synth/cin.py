"""The CIN census for one year, as XML in the shape of that year's DfE schema.

A child is in the census when one of their CIN episodes was open at some point in the year. Sub
records follow the census rules: an assessment authorised, or a plan ended, before the year began
is left out; dates after 31 March were not yet known and are left blank. Schema changes handled:
CIN plan dates from 2022, ``Sex`` (M/F) in place of ``GenderCurrent`` (1/2) from 2025.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from itertools import groupby
from pathlib import Path

from lineofsight.synth.calendar import iso, known_on, march31
from lineofsight.synth.model import Referral, World

Fault = Callable[[str, str, str], None]  # (child id, field, kind) -> record in the manifest


def _el(name: str, value: object, indent: str) -> str:
    return f"{indent}<{name}>{value}</{name}>\n"


def write_xml(
    world: World, year: int, path: Path, faults: tuple[random.Random, float, Fault] | None = None
) -> int:
    """Write the census; returns the number of children. ``faults`` = (rng, rate, record).

    An in-year extract (the world's ``as_at`` before 31 March) is dated that day and stops there.
    """
    as_of, ystart = known_on(year, world.as_at), march31(year - 1) + 1
    made = f"{year}-05-15" if as_of == march31(year) else iso(as_of)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n  <Header>\n    <CollectionDetails>\n',
        f"      <Collection>CIN</Collection>\n      <Year>{year}</Year>\n",
        f"      <ReferenceDate>{iso(as_of)}</ReferenceDate>\n    </CollectionDetails>\n",
        f"    <Source>\n      <SourceLevel>L</SourceLevel>\n      <LEA>{world.old_code}</LEA>\n",
        "      <SoftwareCode>lineofsight synthetic</SoftwareCode>\n      <Release>1</Release>\n",
        f"      <SerialNo>001</SerialNo>\n      <DateTime>{made}T09:00:00</DateTime>\n",
        "    </Source>\n  </Header>\n  <Children>\n",
    ]
    n = 0
    live = [
        r for r in world.referrals if r.date <= as_of and (r.close is None or r.close >= ystart)
    ]
    for _, group in groupby(live, key=lambda r: r.child.id):
        refs = list(group)
        c = refs[0].child
        n += 1
        rng_f = faults[0] if faults and faults[0].random() < faults[1] * 3 else None
        kind = (
            rng_f.choice(("missing_dob", "assessment_before_start", "plan_end_before_start"))
            if rng_f
            else ""
        )
        out.append("    <Child>\n      <ChildIdentifiers>\n")
        out.append(_el("LAchildID", c.id, "        "))
        if as_of - c.dob >= 5 * 365.25:
            out.append(_el("UPN", c.upn, "        "))
        else:
            out.append(_el("UPNunknown", "UN1", "        "))
        if kind == "missing_dob" and faults:
            faults[2](c.id, "PersonBirthDate", kind)
        else:
            out.append(_el("PersonBirthDate", iso(c.dob), "        "))
        if year <= 2024:
            out.append(_el("GenderCurrent", str(c.sex), "        "))
        else:
            out.append(_el("Sex", "M" if c.sex == 1 else "F", "        "))
        out.append("      </ChildIdentifiers>\n      <ChildCharacteristics>\n")
        out.append(_el("Ethnicity", c.ethnic, "        "))
        out.append(
            f"        <Disabilities>\n          <Disability>{c.disability}</Disability>\n        </Disabilities>\n"
        )
        out.append("      </ChildCharacteristics>\n")
        for r in refs:
            out.append(
                _details(
                    r, year, as_of, ystart, kind if faults else "", faults[2] if faults else None
                )
            )
            kind = "" if kind != "missing_dob" else kind
        out.append("    </Child>\n")
    out.append("  </Children>\n</Message>\n")
    path.write_text("".join(out), encoding="utf-8")
    return n


def _details(
    r: Referral, year: int, as_of: int, ystart: int, fault: str, record: Fault | None
) -> str:
    i = "        "
    s = [
        "      <CINdetails>\n",
        _el("CINreferralDate", iso(r.date), i),
        _el("ReferralSource", r.source, i),
    ]
    s.append(_el("PrimaryNeedCode", r.need, i))
    closed = r.close is not None and r.close <= as_of
    if closed:
        s.append(_el("CINclosureDate", iso(r.close or 0), i))
        s.append(_el("ReasonForClosure", r.closure_reason, i))
    if r.icpc is not None and ystart <= r.icpc <= as_of:
        s.append(_el("DateOfInitialCPC", iso(r.icpc), i))
    if (
        r.assess_start is not None
        and r.assess_start <= as_of
        and (r.assess_auth is None or r.assess_auth >= ystart)
    ):
        s.append(f"{i}<Assessments>\n")
        s.append(_el("AssessmentActualStartDate", iso(r.assess_start), i + "  "))
        if r.assess_auth is not None and r.assess_auth <= as_of:
            auth = r.assess_auth
            if fault == "assessment_before_start" and record:
                auth = r.assess_start - 3
                record(r.child.id, "AssessmentAuthorisationDate", fault)
                fault = ""
            s.append(_el("AssessmentAuthorisationDate", iso(auth), i + "  "))
            s.append(f"{i}  <FactorsIdentifiedAtAssessment>\n")
            s.extend(_el("AssessmentFactors", f, i + "    ") for f in r.factors)
            s.append(f"{i}  </FactorsIdentifiedAtAssessment>\n")
        s.append(f"{i}</Assessments>\n")
    if year >= 2022 and r.cin_plan_start is not None and r.cin_plan_start <= as_of:
        s.append(f"{i}<CINPlanDates>\n")
        s.append(_el("CINPlanStartDate", iso(r.cin_plan_start), i + "  "))
        if closed:
            s.append(_el("CINPlanEndDate", iso(r.close or 0), i + "  "))
        s.append(f"{i}</CINPlanDates>\n")
    if (
        r.s47_start is not None
        and r.s47_start <= as_of
        and (r.s47_start >= ystart or (r.icpc is not None and r.icpc >= ystart))
    ):
        s.append(f"{i}<Section47>\n")
        s.append(_el("S47ActualStartDate", iso(r.s47_start), i + "  "))
        if r.icpc_target is not None:
            s.append(_el("InitialCPCtarget", iso(r.icpc_target), i + "  "))
        if r.icpc is not None and r.icpc <= as_of:
            s.append(_el("DateOfInitialCPC", iso(r.icpc), i + "  "))
        s.append(_el("ICPCnotRequired", "1" if r.kind == "s47" else "0", i + "  "))
        s.append(f"{i}</Section47>\n")
    s.append(_el("ReferralNFA", "1" if r.kind == "nfa" else "0", i))
    if (
        r.plan_start is not None
        and r.plan_start <= as_of
        and (r.plan_end is None or r.plan_end >= ystart)
    ):
        s.append(f"{i}<ChildProtectionPlans>\n")
        s.append(_el("CPPstartDate", iso(r.plan_start), i + "  "))
        if r.plan_end is not None and r.plan_end <= as_of:
            end = r.plan_end
            if fault == "plan_end_before_start" and record:
                end = r.plan_start - 7
                record(r.child.id, "CPPendDate", fault)
            s.append(_el("CPPendDate", iso(end), i + "  "))
        s.append(_el("InitialCategoryOfAbuse", r.plan_category, i + "  "))
        s.append(_el("LatestCategoryOfAbuse", r.plan_latest_category, i + "  "))
        s.append(_el("NumberOfPreviousCPP", r.plan_previous, i + "  "))
        reviews = [d for d in r.plan_reviews if ystart <= d <= as_of]
        if reviews:
            s.append(f"{i}  <Reviews>\n")
            s.extend(_el("CPPreviewDate", iso(d), i + "    ") for d in reviews)
            s.append(f"{i}  </Reviews>\n")
        s.append(f"{i}</ChildProtectionPlans>\n")
    s.append("      </CINdetails>\n")
    return "".join(s)
