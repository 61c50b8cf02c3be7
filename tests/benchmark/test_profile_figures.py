"""Every council's profile, figure by figure, is what it was: a refactor (issue #15's wording
package and layers) may change how figures are written, never the figures.

The digest covers numbers (to 6 places) and states of every headline entry of all 153 councils:
value, previous year, change, neighbours' median, region, England, rank, band and rate; no wording.
It was computed on main before the wording package (4ac0430) and equals it after (72711e7); it
changed since, on purpose, when #17 kept states exactly as published (a07e07c: 960 cells c, not x)
and joint returns stopped being ranked twice (56ca9fd).

If you change a figure or a state on purpose, say so in your commit and paste the new digest from
this test's failure message.
"""

from __future__ import annotations

import hashlib
import json
import math

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.reference.las import registry
from lineofsight.values import Value

DIGEST = "65d0de30783b16b11f6d0eff331de026a95bf2f8dcd51d2873e1d5cfd5fcc7f9"
ENTRIES = 13_617


def _cell(x: Value) -> list[object]:
    n = x.number
    number = None if n is None or math.isnan(n) else round(float(n), 6)
    return [number, str(x.state.value)]


def test_every_councils_profile_figures_are_unchanged() -> None:
    b = get_benchmark()
    digest = hashlib.sha256()
    councils = sorted(registry().current(), key=lambda la: la.code)
    count = 0
    for la in councils:
        for e in b.profile(la).entries:
            change = None if e.change is None or math.isnan(e.change) else round(e.change, 6)
            record = [
                la.code,
                e.indicator.id,
                e.year,
                _cell(e.value),
                e.previous_year,
                _cell(e.previous),
                change,
                _cell(e.neighbours_median),
                _cell(e.region),
                _cell(e.england),
                e.rank,
                e.ranked,
                e.band,
                _cell(e.rate),
            ]
            digest.update(json.dumps(record).encode())
            count += 1
    assert len(councils) == 153
    assert (count, digest.hexdigest()) == (ENTRIES, DIGEST), (
        f"profile figures changed: {count} entries, digest {digest.hexdigest()}"
    )
