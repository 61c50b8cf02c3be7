"""What both peer runners print: timings, peak memory and the (child, rule) pairs of an issue table.

Imported by run_903.py and run_cin.py (which run under the peers' own interpreters), so it uses
only the standard library and whatever pandas the peer pins.
"""

import json
import resource
import sys
from typing import Any


def issue_pairs(issues: Any) -> list[tuple[str, str]]:
    """Distinct (child id, rule code) pairs; return-level issues with no child are not pairs."""
    return sorted(
        {
            (str(child), str(rule))
            for child, rule in zip(issues["child_id"], issues["rule_code"], strict=True)
            if child == child and child is not None  # NaN != NaN
        }
    )


def emit(peer: str, t0: float, t1: float, t2: float, issues: Any, **extra: Any) -> None:
    """Print the runner's JSON: import and run time, own peak RSS, pairs, and peer-specific extras."""
    out = {
        "peer": peer,
        "import_s": t1 - t0,
        "run_s": t2 - t1,
        "wall_s": t2 - t0,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **extra,
        "pairs": issue_pairs(issues),
    }
    json.dump(out, sys.stdout)
