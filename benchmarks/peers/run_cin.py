"""Run csc-validator-be-cin as ``python -m cin_validator run FILE`` does; print JSON.

Run with the peer's own interpreter (see setup.sh): ``$PEERS/vcin/bin/python run_cin.py FILE``.
Mirrors the peer's ``__main__.py`` run: ElementTree parse, convert_data + process_data, the
``run`` command's default ruleset (cin2024_25), CinValidator and its full_issue_df. Only the
printing of the DataFrame is left out. Return-level issues (no child) are not pairs.

Output: {"import_s", "run_s", "wall_s", "peak_mb", "rules", "pairs": [[child, code]]}.
Imports only the peer, the standard library and pandas.
"""

import time

T0 = time.perf_counter()

import contextlib  # noqa: E402
import importlib  # noqa: E402
import sys  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

from cin_validator import cin_validator  # noqa: E402
from peer_result import emit  # noqa: E402

RULESET = "cin2024_25"  # the default of the peer's ``run`` command


def main(path: str) -> None:
    t1 = time.perf_counter()
    with contextlib.redirect_stdout(sys.stderr):  # keep stdout for the JSON
        root = ET.parse(path).getroot()
        data = cin_validator.process_data(cin_validator.convert_data(root))
        registry = importlib.import_module(f"cin_validator.rules.{RULESET}").registry
        v = cin_validator.CinValidator(data, registry, selected_rules=None)
        issues = v.full_issue_df
    t2 = time.perf_counter()
    emit(
        "csc-validator-be-cin",
        T0,
        t1,
        t2,
        issues,
        rules=sorted(str(r.code) for r in registry.values()),
        return_level=sorted({str(c) for c in v.multichild_issues["rule_code"]}),
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: run_cin.py FILE  (a CIN census XML file)")
    main(sys.argv[1])
