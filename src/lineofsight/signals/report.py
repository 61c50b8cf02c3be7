"""Text for the risk command: the backtest table, one council's estimate, and the caveats."""

from __future__ import annotations

import textwrap
from typing import Any

from lineofsight.signals.risk import MODEL_NAMES, Estimate

CAVEATS = [
    "It ranks councils better than chance on later inspections (AUC about 0.78), yet in about one "
    "pair in five it ranked the council later judged good above the one judged worse: a prompt, "
    "never a prediction of a result.",
    "It cannot see what inspectors see: the quality of practice, of supervision and of "
    "children's experiences. It only sees published figures and the last judgement.",
    "Its figures are one to two years old by the time they are published, and are the "
    "latest revision of each year, not always what was published at the time.",
    "Associations are not causes: a factor that raises the estimate is not shown to cause a "
    "poorer judgement, and changing it may not change the result.",
    "It was fitted on 271 ILACS inspections from January 2018 to March 2025; a new inspection "
    "framework or a changed inspection pattern may make it wrong.",
]


def _pct(x: float) -> str:
    return f"{x:.0%}"


def backtest_table(record: dict[str, Any]) -> str:
    """The backtest as fixed-width text (fits 100 columns)."""
    lines = [
        "Backtest: next ILACS judgement 'requires improvement' or 'inadequate' vs 'good' or better.",
        f"Split: trained on inspections before {record['cut']}, tested on those from then on.",
        f"Rolling origin: refitted at {', '.join(o[:4] for o in record['origins'])} (1 January); "
        "next year's inspections pooled.",
        "",
        f"{'Design':<8}{'Target':<11}{'Model':<36}{'Test':>5}{'RI+':>5}  {'AUC (95% CI)':<18}"
        f"{'Brier':>6}{'Slope':>7}",
    ]
    for r in record["results"]:
        slope = "" if r["calibration_slope"] is None else f"{r['calibration_slope']:.2f}"
        lines.append(
            f"{r['design']:<8}{r['target']:<11}{MODEL_NAMES[r['model']]:<36}{r['n_test']:>5}"
            f"{r['positives']:>5}  {r['auc']:.2f} ({r['auc_low']:.2f}-{r['auc_high']:.2f})  "
            f"{r['brier']:>6.3f}{slope:>7}"
        )
    lines += [
        "",
        "AUC of the full model minus AUC of the previous judgement alone (paired bootstrap):",
    ]
    for k, v in record["auc_full_minus_previous"].items():
        lines.append(f"  {k:<20} {v['estimate']:+.2f} ({v['low']:+.2f} to {v['high']:+.2f})")
    lines += [
        "",
        "Slope: calibration slope on the test set (1 is ideal; below 1, estimates too extreme).",
        "The base-rate model gives everyone the same figure, so its split AUC is 0.5 by design;",
        "pooled over rolling origins its AUC only reflects base rates changing between years.",
    ]
    return "\n".join(lines)


def estimate_text(name: str, estimates: list[Estimate], record: dict[str, Any]) -> str:
    split = {(r["target"], r["model"]): r for r in record["results"] if r["design"] == "split"}
    lines = [f"Risk of a 'requires improvement' or 'inadequate' judgement at {name}'s next ILACS"]
    for e in estimates:
        what = "overall effectiveness" if e.target == "overall" else "impact of leaders"
        lines += [
            "",
            f"{what.capitalize()}: {_pct(e.probability)} (all councils inspected: "
            f"{_pct(e.base_rate)}).",
        ]
        if e.last_judgement:
            lines.append(f"  Last judged {e.last_judgement} (inspection {e.last_inspection}).")
        lines.append("  Main factors (log-odds; + raises the estimate):")
        for f in e.factors:
            flag = f.feature.endswith(("_poor", "_inadequate", "_outstanding", "short_inspection"))
            if f.value is None:
                value = " (no figure; the typical value was used)"
            elif flag:
                value = ": yes" if f.value else ": no"
            else:
                value = f" = {f.value:,.1f}"
            year = f" ({f.year})" if f.year else ""
            lines.append(f"    {f.contribution:+.2f}  {f.label}{value}{year}")
        r = split.get((e.target, "full"))
        if r:
            lines.append(
                f"  Backtest on later inspections: AUC {r['auc']:.2f} "
                f"({r['auc_low']:.2f}-{r['auc_high']:.2f})."
            )
    lines += ["", "What it cannot tell you:"]
    for c in CAVEATS:
        lines += textwrap.wrap(c, 96, initial_indent="  - ", subsequent_indent="    ")
    return "\n".join(lines)
