"""Compare our validation findings with the peer validators' on the same files.

Run: ``uv run python benchmarks/compare_peers.py --out DIR`` after ``benchmarks/peers/setup.sh``.
Runs csc-validator-be-903 (run-offline) on the 903 sample and csc-validator-be-cin (run) on
the CIN sample, each in its own environment, and ours in this process, then for every rule both
implement lists the (child, rule) pairs found by one and not the other. Prints counts per rule;
writes ``summary.csv`` and ``differences.csv`` to ``--out``. docs/peer-comparison.md explains
each difference. Asserts nothing.
"""

from __future__ import annotations

import argparse
import ast
import csv
import importlib.util
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from peer_tools import PEER_YEAR_903, SCIN, Failed, files_903, run_peer

Pair = tuple[str, str]  # (child id, normalised rule code)
_CODE = re.compile(r"^(?:\d{3,4}[A-Z]?|INT\d{2}|SW\d+[A-Z]?STG\d)$")


def normalise_rule(code: str) -> str | None:
    """One spelling for a DfE rule code on both sides, or None when it is not a DfE code.

    Upper-case ('392a' and '392A' are one rule); no 'CIN'/'903' prefix; the trailing 'Q' that marks
    a CIN query dropped ('8555Q' and '8555' are one check: the DfE list never holds both). Our
    own ids for checks without a DfE code ('903-CODE', 'ROW-DUPLICATE', ...) return None.
    """
    c = code.strip().upper()
    c = re.sub(r"^(?:CIN|LAC)[-_ ]?(?=\d)|^903[-_ ](?=\d)", "", c)
    if re.fullmatch(r"\d{3,4}Q", c):
        c = c[:-1]
    return c if _CODE.match(c) else None


@dataclass
class Side:
    """One validator's result: the rules it runs and the (child, rule) pairs it reports."""

    rules: set[str]
    pairs: set[Pair]
    where: dict[Pair, list[str]] = field(default_factory=dict)  # ours: file:row and message


def implemented(kind: str) -> set[str]:
    """The DfE codes our validation can report: rule-code literals in the rules module, and the
    codes the bundled schema attaches to columns (blank or invalid values)."""
    from lineofsight.returns import schema

    spec = importlib.util.find_spec(f"lineofsight.returns.{kind}.rules")
    assert spec is not None and spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    codes = {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }
    s = schema.load(kind)
    for name in s.raw.get("tables", {}):
        codes |= {c.rule for c in s.table(name) if c.rule}
    codes |= {e["rule"] for e in s.raw.get("elements", {}).values() if e.get("rule")}
    return {n for c in codes if (n := normalise_rule(c))}


def ours(kind: str, paths: list[Path], year: int | None) -> Side:
    from lineofsight.returns.load import read_paths

    side = Side(implemented(kind), set())
    for result in read_paths(paths, year=year):
        for f in result.findings:
            rule = normalise_rule(f.rule_id)
            if rule and f.child_id:
                pair = (f.child_id, rule)
                side.pairs.add(pair)
                side.where.setdefault(pair, []).append(f"{f.file}:{f.row} {f.message}")
    return side


def peer(env: str, runner: str, target: Path, *flags: str) -> Side:
    out = run_peer(env, runner, target, *flags)
    rules = {n for c in out["rules"] if (n := normalise_rule(c))}
    pairs = {(c, n) for c, r in out["pairs"] if (n := normalise_rule(r))}
    return Side(rules, pairs)


def compare(
    name: str, a: Side, b: Side, iso: Side
) -> tuple[list[list[object]], list[list[object]]]:
    """Per-rule counts and the detail rows for the rules both sides implement. ``b`` is the peer as
    its CLI runs it, ``iso`` the peer with each rule on its own copy of the data."""
    common = a.rules & b.rules

    def children(side: Side, rule: str) -> set[str]:
        return {c for c, r in side.pairs if r == rule}

    summary, detail = [], []
    for rule in sorted(common, key=lambda r: (len(r), r)):
        o, p, i = children(a, rule), children(b, rule), children(iso, rule)
        summary.append([name, rule, len(o), len(p), len(o & p), len(o - p), len(p - o), len(i),
                        len(o - i), len(i - o)])  # fmt: skip
        for child in sorted(o - p):
            notes = " | ".join(a.where[(child, rule)][:3])
            detail.append([name, rule, child, "ours only", child in i, notes])
        for child in sorted(p - o):
            detail.append([name, rule, child, "peer only", child in i, ""])
    return summary, detail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the CSV files")
    args = parser.parse_args()
    runs = [
        ("ssda903", "v903", "run_903.py", files_903()[0].parent, files_903(), PEER_YEAR_903),
        ("cin", "vcin", "run_cin.py", SCIN, [SCIN], None),
    ]
    summary: list[list[object]] = []
    detail: list[list[object]] = []
    for kind, env, runner, target, paths, year in runs:
        if not target.exists():
            sys.exit(f"{target} is missing; set LINEOFSIGHT_SHARED to the shared data folder.")
        try:
            theirs = peer(env, runner, target)
            # the CIN peer already deep-copies the data for each rule; the 903 peer does not
            iso = peer(env, runner, target, "--isolated") if kind == "ssda903" else theirs
        except Failed as e:
            sys.exit(str(e))
        mine = ours(kind, paths, year)
        s, d = compare(kind, mine, theirs, iso)
        summary += s
        detail += d
        only_peer = len(theirs.rules - mine.rules)
        print(
            f"\n{kind}: {len(mine.rules & theirs.rules)} rules in both; the peer runs "
            f"{only_peer} we do not, we run {len(mine.rules - theirs.rules)} it does not."
        )
        print("children per rule; 'isolated': the peer with each rule on its own copy of the data")
        print(f"{'rule':>9} {'ours':>6} {'peer':>6} {'both':>6} {'ours only':>10} "
              f"{'peer only':>10} {'isolated':>9} {'ours only':>10} {'iso only':>9}")  # fmt: skip
        for row in s:
            rule, (o, p, both, oo, po, i, oi, io) = row[1], row[2:]
            flag = "" if oo == po == 0 else "  <- differs"
            print(
                f"{rule:>9} {o:>6} {p:>6} {both:>6} {oo:>10} {po:>10} {i:>9} {oi:>10} {io:>9}{flag}"
            )
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "summary.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["return", "rule", "ours", "peer", "both", "ours_only", "peer_only",
                    "peer_isolated", "ours_only_vs_isolated", "isolated_only"])  # fmt: skip
        w.writerows(summary)
    with (args.out / "differences.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["return", "rule", "child_id", "found_by", "in_peer_isolated", "our_findings"])
        w.writerows(detail)
    differing = sum(1 for row in summary if row[5] or row[6])
    print(f"\n{differing} of {len(summary)} shared rules differ; detail in {args.out}/")


if __name__ == "__main__":
    main()
