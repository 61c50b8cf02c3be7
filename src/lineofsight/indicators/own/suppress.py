"""DfE-style small-number suppression for own-data figures shown beyond analysts.

Analysts see exact figures; anyone else sees ``c`` where a count of children is 1 to 4, or where
a percentage or rate rests on 1 to 4 children, so that individuals cannot be identified. Zero is
not disclosive and stays. Workforce figures are about staff in post, not children, and DfE
publishes them unsuppressed.
"""

from __future__ import annotations

import pandas as pd

CHILD_LEVEL_PREFIXES = (
    "cla_",
    "care_leavers_",
    "cin_",
    "referrals_",
    "rereferrals_",
    "assessments_",
    "s47_",
    "icpc_",
    "cpp_",
)


def suppress(df: pd.DataFrame, threshold: int = 5) -> pd.DataFrame:
    """A copy of an own-data result with child counts 1 to ``threshold - 1`` shown as ``c``.

    The numerator is the count of children (or events) behind every child-level figure, so a
    count, a percentage and a rate are all suppressed when it is small; ``value``, ``numerator``
    and ``denominator`` are blanked with it so the count cannot be recovered.
    """
    out = df.copy()
    child = out["indicator_id"].astype(str).str.startswith(CHILD_LEVEL_PREFIXES)
    num = pd.to_numeric(out["numerator"], errors="coerce")
    small = child & (out["state"] == "value") & (num >= 1) & (num < threshold)
    out["value"] = out["value"].astype("float64").mask(small)
    out["numerator"] = num.astype("float64").mask(small)
    out["denominator"] = pd.to_numeric(out["denominator"], errors="coerce").mask(small)
    out["state"] = out["state"].mask(small, "c")
    return out
