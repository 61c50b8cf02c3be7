"""The social work workforce: a staff group that persists across census years, plus agency cover.

Each census year (30 September) some staff leave (turnover), new staff join to reach the published
FTE, agency workers and vacancies are added at the published rates, and caseloads and sickness
days are spread so the averages come out at the published values.
"""

from __future__ import annotations

import dataclasses
import math
import random
from pathlib import Path
from xml.sax.saxutils import escape

from lineofsight.synth.calendar import iso, sept30
from lineofsight.synth.model import Worker, Workforce
from lineofsight.synth.people import ETHNIC

# The CSWW schema's ethnicity list has no WIRT or WROM.
_ETHNIC = tuple(e for e, _ in ETHNIC if e not in ("WIRT", "WROM"))
_ETHNIC_WEIGHTS = tuple(w for e, w in ETHNIC if e not in ("WIRT", "WROM"))
FTE_CHOICES = (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.8, 0.6, 0.5, 0.9)


def _worker(rng: random.Random, agency: bool, start: int) -> Worker:
    fte = rng.choice(FTE_CHOICES)
    return Worker(
        swe="SW" + "".join(rng.choices("0123456789", k=10)),
        agency=agency,
        fte=fte,
        dob=start - int(rng.uniform(23, 60) * 365.25),
        gender=rng.choices(("1", "2"), (15, 85))[0],
        ethnic=rng.choices(_ETHNIC, _ETHNIC_WEIGHTS)[0],
        role=rng.choices(("5", "4", "3", "2", "6"), (62, 14, 14, 5, 5))[0] if not agency else "5",
        start=start,
        origin=rng.choice(("1", "2", "2", "4", "5", "6", "8")),
    )


def simulate_workforce(
    rng: random.Random, targets: dict[int, dict[str, float]], years: list[int]
) -> list[Workforce]:
    out: list[Workforce] = []
    staff: list[Worker] = []
    for y in years:
        t = targets[y]
        period_start, census = sept30(y - 1) + 1, sept30(y)
        want = max(t.get("sw_fte", 100.0), 1.0)
        if not staff:  # the first year's staff were already in post
            while sum(w.fte for w in staff) < want:
                staff.append(_worker(rng, False, period_start - rng.randint(30, 4000)))
        leave_fte = want * t.get("sw_turnover_rate_pct", 14.0) / 100
        rng.shuffle(staff)
        leavers: list[Worker] = []
        for w in list(staff):
            if sum(x.fte for x in leavers) + w.fte / 2 > leave_fte:
                break
            leavers.append(w)
            staff.remove(w)
        for w in leavers:
            w.end = rng.randint(period_start, census - 1)
            w.leaver_destination = rng.choice(("1", "3", "4", "5", "6", "7", "8"))
            w.reason_leave = rng.choice(("1", "1", "1", "5", "7", "8"))
        while sum(w.fte for w in staff) < want - 0.5:
            staff.append(_worker(rng, False, rng.randint(period_start, census)))
        agency_rate = min(t.get("sw_agency_rate_pct", 15.0), 80.0) / 100
        agency_fte = want * agency_rate / (1 - agency_rate)
        agency: list[Worker] = []
        while sum(w.fte for w in agency) < agency_fte - 0.5:
            agency.append(_worker(rng, True, rng.randint(period_start - 300, census)))
        vacancy = min(t.get("sw_vacancy_rate_pct", 15.0), 80.0) / 100
        vacancies = want * vacancy / (1 - vacancy)
        in_post = staff + agency
        for w in in_post:
            w.cases = None
            w.days_lost = 0.0
        holders = [w for w in in_post if w.role in ("5", "4")]
        caseload = t.get("sw_caseload_avg", 16.0)
        total_cases = round(caseload * sum(w.fte for w in holders))
        weights = [w.fte * rng.uniform(0.6, 1.4) for w in holders]
        scale = total_cases / sum(weights) if weights else 0.0
        for w, wt in zip(holders, weights, strict=True):
            w.cases = max(1, round(wt * scale))
        if holders:  # settle rounding on the first holder so the average is exact
            holders[0].cases = max(
                1, (holders[0].cases or 1) + total_cases - sum(w.cases or 0 for w in holders)
            )
        leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
        lost = (
            t.get("sw_absence_rate_pct", 3.5)
            / 100
            * (254 if leap else 253)
            * sum(w.fte for w in staff)
        )
        spread = [rng.expovariate(1.0) ** 2 for _ in staff]
        days = 254 if leap else 253
        for w, share in zip(
            staff, _share_days(lost, spread, [w.fte * days for w in staff]), strict=True
        ):
            w.days_lost = share
        rows = [_copy(w) for w in staff + agency + leavers]
        out.append(
            Workforce(
                y, round(vacancies, 2), round(sum(w.fte for w in agency), 2), len(agency), rows
            )
        )
    return out


def _share_days(lost: float, weights: list[float], caps: list[float]) -> list[float]:
    """``lost`` days shared in proportion to ``weights``, no one losing more than their cap (their
    FTE's working days in the year): a 0.6 FTE worker cannot lose 354 days. What a capped worker
    cannot take passes to the others; a total beyond every cap is cut to the caps."""
    weights = [max(x, 1e-12) for x in weights]
    shares = [0.0] * len(weights)
    open_ = [i for i, c in enumerate(caps) if c > 0]
    left = min(lost, sum(caps[i] for i in open_))
    while left > 1e-9 and open_:
        total = sum(weights[i] for i in open_)
        full = [i for i in open_ if shares[i] + left * weights[i] / total >= caps[i]]
        if not full:
            for i in open_:
                shares[i] += left * weights[i] / total
            break
        for i in full:
            left -= caps[i] - shares[i]
            shares[i] = caps[i]
        open_ = [i for i in open_ if i not in full]
    return [min(round(x, 2), math.floor(c * 100) / 100) for x, c in zip(shares, caps, strict=True)]


def _copy(w: Worker) -> Worker:
    return dataclasses.replace(w)


def write_xml(wf: Workforce, old_code: str, path: Path, cp1252: bool = False) -> None:
    """A CSWW return for one census year, element order as in the 2022 XSD.

    ``cp1252`` writes the file as Windows-1252 (as some HR systems export) with an accented
    institution name, so readers must honour the XML declaration.
    """
    encoding = "windows-1252" if cp1252 else "UTF-8"
    institution = "Universit\u00e9 de Montr\u00e9al" if cp1252 else "Synthetic University"
    parts = [
        f'<?xml version="1.0" encoding="{encoding}"?>\n<Message>\n  <Header>\n    <CollectionDetails>\n',
        f"      <Collection>CSWW</Collection>\n      <Year>{wf.year}</Year>\n",
        f"      <ReferenceDate>{iso(sept30(wf.year))}</ReferenceDate>\n    </CollectionDetails>\n",
        f"    <Source>\n      <SourceLevel>L</SourceLevel>\n      <LEA>{escape(old_code)}</LEA>\n",
        "      <SoftwareCode>lineofsight synthetic</SoftwareCode>\n    </Source>\n  </Header>\n",
        f"  <LALevelVacancies>\n    <NumberOfVacancies>{wf.vacancies:.2f}</NumberOfVacancies>\n",
        f"    <NoAgencyFTE>{wf.agency_fte:.2f}</NoAgencyFTE>\n",
        f"    <NoAgencyHeadcount>{wf.agency_headcount}</NoAgencyHeadcount>\n  </LALevelVacancies>\n",
    ]
    for w in wf.workers:
        e = [f"    <AgencyWorker>{int(w.agency)}</AgencyWorker>", f"    <SWENo>{w.swe}</SWENo>",
             f"    <FTE>{w.fte:.6f}</FTE>", f"    <PersonBirthDate>{iso(w.dob)}</PersonBirthDate>",
             f"    <GenderCurrent>{w.gender}</GenderCurrent>", f"    <Ethnicity>{w.ethnic}</Ethnicity>",
             f"    <QualInst>{institution}</QualInst>", "    <QualLevel>1</QualLevel>",
             "    <StepUpGrad>0</StepUpGrad>", f"    <OrgRole>{w.role}</OrgRole>",
             f"    <RoleStartDate>{iso(w.start)}</RoleStartDate>",
             f"    <StartOrigin>{w.origin}</StartOrigin>"]  # fmt: skip
        if w.end is not None:
            e.append(f"    <RoleEndDate>{iso(w.end)}</RoleEndDate>")
            e.append(f"    <LeaverDestination>{w.leaver_destination}</LeaverDestination>")
            e.append(f"    <ReasonLeave>{w.reason_leave}</ReasonLeave>")
        else:
            e.append(f"    <FTE30>{w.fte:.6f}</FTE30>")
            if w.cases is not None:
                e.append(f"    <Cases30>{w.cases}</Cases30>")
        if not w.agency:
            e.append(f"    <WorkingDaysLost>{w.days_lost:.2f}</WorkingDaysLost>")
        e.append("    <FrontlineGrad>0</FrontlineGrad>")
        parts.append("  <CSWWWorker>\n" + "\n".join(e) + "\n  </CSWWWorker>\n")
    parts.append("</Message>\n")
    path.write_text("".join(parts), encoding=encoding.lower())
