"""A small SSDA903 history written as CSV (never real children): three years, a few hundred episodes."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

PLACES = ("U4", "U5", "U1", "K2", "H5", "P1", "A4", "S1")
PROVIDERS = {"U4": "PR1", "U5": "PR4", "U1": "PR1", "K2": "PR4", "H5": "PR4", "P1": "PR0",
             "A4": "PR1", "S1": "PR3"}  # fmt: skip


def write_903(folder: Path, children: int = 150, seed: int = 3) -> Path:
    """Header and episodes files for the years ending 31 March 2023-2025, one pair per year."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    people = []
    for i in range(children):
        dob = dt.date(2006, 1, 1) + dt.timedelta(days=rng.randrange(0, 17 * 365))
        start = dt.date(2022, 4, 1) + dt.timedelta(days=rng.randrange(0, 3 * 365 - 30))
        if start <= dob:
            start = dob + dt.timedelta(days=1)
        eps = []
        day = start
        for _ in range(rng.randrange(1, 4)):
            place = rng.choice(PLACES)
            length = rng.randrange(20, 500)
            end = day + dt.timedelta(days=length)
            eps.append((day, end, place))
            day = end
        closed = rng.random() < 0.5
        people.append((f"C{i:04d}", dob, eps, closed))
    for year in (2023, 2024, 2025):
        y0, y1 = dt.date(year - 1, 4, 1), dt.date(year, 3, 31)
        head = ["CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"]
        rows = [
            "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
        ]
        for child, dob, eps, closed in people:
            in_year = False
            for n, (s, e, place) in enumerate(eps):
                last = n == len(eps) - 1
                end = e if (not last or closed) else None
                if s > y1 or (end is not None and end < y0):
                    continue
                in_year = True
                dec = end if end is not None and end <= y1 else None
                rec = "" if dec is None else ("E13" if last else "X1")
                rows.append(
                    f"{child},{s:%d/%m/%Y},{'S' if n == 0 else 'P'},C2,N1,{place},"
                    f"{'' if place in ('T1',) else PROVIDERS[place]},"
                    f"{'' if dec is None else f'{dec:%d/%m/%Y}'},{rec},,,,"
                )
            if in_year:
                head.append(f"{child},1,{dob:%d/%m/%Y},WBRI,A123456789012,,")
        (folder / f"header_{year}.csv").write_text("\n".join(head) + "\n")
        (folder / f"episodes_{year}.csv").write_text("\n".join(rows) + "\n")
    return folder
