"""Run csc-validator-be-903 as ``python -m lac_validator run-offline DIR`` does; print JSON.

Run with the peer's own interpreter (see setup.sh): ``$PEERS/v903/bin/python run_903.py DIR``.
Mirrors the peer's ``__main__.py`` run-offline: the same eleven files (its P4A table is
``placed_for_adoption_errors.csv``), collection year 2023, ruleset lac2025_26, LacValidator +
Report + create_issue_df. Only the printing of whole DataFrames is left out.

With ``--isolated``, each rule gets a deep copy of the data instead of the peer's shallow one
(``copy_datastore`` uses ``copy(deep=False)``, so a rule that edits a column in place changes what
later rules see); comparing the two runs shows which peer findings come from that leak.

Output: {"import_s", "run_s", "wall_s", "peak_mb", "rules", "failed", "pairs": [[child, code]]}.
Imports only the peer, the standard library and pandas.
"""

import time

T0 = time.perf_counter()

import contextlib  # noqa: E402
import importlib  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

from lac_validator import lac_validator  # noqa: E402
from lac_validator.report import Report  # noqa: E402
from lac_validator.utils import process_uploaded_files  # noqa: E402
from peer_result import emit  # noqa: E402

TABLES = [
    "ad1", "episodes", "header", "missing", "oc2", "oc3", "placed_for_adoption_errors",
    "previous_permanence", "reviews", "uasc", "sw_episodes",
]  # fmt: skip
COLLECTION_YEAR = "2023"  # hard-coded in the peer's run-offline
RULESET = "lac2025_26"  # the peer's default


def _deep_copy(data_store: dict[str, Any]) -> dict[str, Any]:
    return {k: v.copy(deep=True) if k != "metadata" else v for k, v in data_store.items()}


def main(folder: str, isolated: bool) -> None:
    t1 = time.perf_counter()
    if isolated:
        lac_validator.copy_datastore = _deep_copy
    files = process_uploaded_files({"This year": [f"{folder}/{t}.csv" for t in TABLES]})
    registry = importlib.import_module(f"lac_validator.rules.{RULESET}").registry
    with contextlib.redirect_stdout(sys.stderr):  # some peer rules print debugging output
        v = lac_validator.LacValidator(
            metadata={"collectionYear": COLLECTION_YEAR, "localAuthority": "E09000027"},
            files=files,
            registry=registry,
            selected_rules=None,
        )
        report = Report(v.ds_results, registry)
        issues = lac_validator.create_issue_df(report.report, report.error_report)
    t2 = time.perf_counter()
    emit(
        "csc-validator-be-903",
        T0,
        t1,
        t2,
        issues,
        rules=sorted(str(r.code) for r in registry.values()),
        skipped=sorted(str(c) for c in v.skips),
        failed=sorted(str(c) for c in v.fails),
    )


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--isolated"]
    if len(args) != 1:
        sys.exit("usage: run_903.py [--isolated] DIR  (the folder holding the 903 CSV tables)")
    main(args[0], "--isolated" in sys.argv)
