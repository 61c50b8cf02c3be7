"""Words for the risk model: the backtest table, one council's estimate, and the caveats.

The same sentences serve the CLI and the Ofsted page, so a leader reads one wording everywhere.
"""

from __future__ import annotations

import textwrap
from typing import Any

from lineofsight.risk.model import MODEL_NAMES, USUAL_CYCLE_YEARS, Estimate, Factor
from lineofsight.wording import date_text, fmt_number, say_number

CAVEATS = [
    "It ranks councils better than chance on later inspections (AUC about 0.75), yet in about one "
    "pair in four it ranked the council later judged good above the one judged worse: a prompt, "
    "never a prediction of a result.",
    "How many councils are judged RI or worse changes a lot from year to year (57% of inspections "
    "in 2022-23, 17% in 2024-25). The model follows the latest reports, but a year's share can "
    "still differ from its estimate by 5 to 14 points.",
    "It cannot see what inspectors see: the quality of practice, of supervision and of "
    "children's experiences. It only sees published figures and the last judgement.",
    "Its figures are one to two years old by the time they are published, and are the "
    "latest revision of each year, not always what was published at the time.",
    "Associations are not causes: a factor that raises the estimate is not shown to cause a "
    "poorer judgement, and changing it may not change the result.",
]


def pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def backtest_table(record: dict[str, Any]) -> str:
    """The backtest as fixed-width text (fits 100 columns)."""
    lines = [
        "Backtest: next ILACS judgement 'requires improvement' or 'inadequate' vs 'good' or better.",
        "One fold per April-March year: fitted on inspections before 1 April, tested on that year;",
        f"each test inspection's intercept from reports published in the {record['window_months']} "
        f"months before it (at least {record['window_min']}).",
        "CITL: mean prediction minus observed share, in percentage points (0 is ideal).",
        "",
        f"{'Target':<11}{'Model':<38}{'Year':<8}{'Test':>5}{'RI+':>5}{'CITL':>7}  "
        f"{'AUC (95% CI)':<17}{'Brier':>6}",
    ]
    for r in record["results"]:
        lines.append(
            f"{r['target']:<11}{MODEL_NAMES[r['model']]:<38}{r['fold']:<8}{r['n_test']:>5}"
            f"{r['positives']:>5}{r['citl_points']:>+7.1f}  "
            f"{r['auc']:.2f} ({r['auc_low']:.2f}-{r['auc_high']:.2f}) {r['brier']:>6.3f}"
        )
    lines += ["", "AUC of the current model minus the previous judgement alone, all years pooled:"]
    for k, v in record["auc_current_minus_previous"].items():
        lines.append(f"  {k:<20} {v['estimate']:+.2f} ({v['low']:+.2f} to {v['high']:+.2f})")
    lines += [
        "",
        "Previous judgement alone and the constant get the same recent intercept. The constant gives",
        "everyone the same figure, so its AUC only reflects the recent share moving during the year.",
    ]
    return "\n".join(lines)


FLAG_WORDS = {
    "short_inspection": (
        "its next inspection is a short one (last judged good or outstanding)",
        "its next inspection is a standard one (last judged requires improvement or inadequate)",
    ),
    "prev_poor": (
        "its last judgement was requires improvement or inadequate",
        "its last judgement was good or outstanding",
    ),
    "prev_inadequate": (
        "its last judgement was inadequate",
        "its last judgement was not inadequate",
    ),
    "prev_outstanding": (
        "its last judgement was outstanding",
        "its last judgement was not outstanding",
    ),
}
PERCENT = {"agency", "vacancy", "turnover", "absence", "rereferrals", "assess45", "icpc15"}


def _amount(feature: str, value: float) -> str:
    """A feature's value in its unit: %, per 10,000 children, cases or pounds."""
    if feature in PERCENT:
        return f"{value:.1f}%"
    if feature == "caseload":
        return f"{value:.1f} cases"
    if feature == "spend_per_child":
        return f"{fmt_number(value, 0, 'gbp_per_child')} a year"
    if feature == "cla_unit_cost":
        return say_number(value, 0, "gbp_per_week")
    return f"{value:,.1f} per 10,000 children"


def factor_sentence(f: Factor, target: str) -> str:
    """ "About 6 points higher because …", with the council's figure and the average council's."""
    size = round(abs(f.points))
    way = "higher" if f.points > 0 else "lower"
    plural = "s" if size != 1 else ""
    head = f"About {size} point{plural} {way}" if size else "Less than 1 point either way"
    plain = f.feature.removeprefix(f"{target}_")
    if plain in FLAG_WORDS:
        yes, no = FLAG_WORDS[plain]
        return f"{head} because {yes if f.value else no}."
    year = f" ({f.year})" if f.year else ""
    if f.value is None:
        return f"{head}: {f.label.lower()} has no figure{year}, so the average was used."
    typical = "" if f.typical is None else _amount(plain, f.typical)
    if plain.endswith("_change"):
        what = f.label.removeprefix("One-year change in ").removesuffix(" rate")
        moved = "rose" if f.value > 0 else "fell"
        return (
            f"{head} because the {what} rate {moved} by {_amount(plain, abs(f.value))} in the "
            f"year to {f.year} (the average council's changed by {typical})."
        )
    value = _amount(plain, f.value)
    return f"{head} because of {f.label.lower()}: {value}{year}, against {typical} for the average."


def headline(e: Estimate, name: str) -> str:
    """One sentence: the estimate, its interval and the national share it is compared with."""
    what = "overall effectiveness" if e.target == "overall" else "the impact of leaders"
    return (
        f"About {pct(e.probability)} (95% interval {pct(e.low)} to {pct(e.high)}) that "
        f"{name}'s next inspection judges {what} 'requires improvement' or 'inadequate'. "
        f"Of the {e.national_n} inspections of councils in England published in the latest year "
        f"of data, {pct(e.national_share)} were."
    )


def data_sentence(e: Estimate, name: str) -> str:
    """The date of the Ofsted data, and a warning where the last inspection may be superseded."""
    text = f"Ofsted's judgements here are as at {date_text(e.data_date)}."
    if e.last_inspection:
        text += f" {name} was last inspected on {date_text(e.last_inspection)}"
        text += f" (judged {e.last_judgement})." if e.last_judgement else "."
    if e.possibly_reinspected:
        text += (
            f" Ofsted usually inspects every {USUAL_CYCLE_YEARS} years, so {name} may have been "
            "inspected since; check Ofsted's website before relying on this estimate."
        )
    return text


def estimate_text(name: str, estimates: list[Estimate], record: dict[str, Any]) -> str:
    latest = {
        (r["target"], r["model"]): r for r in record["results"] if r["fold"] == record["folds"][-1]
    }
    pooled = {(r["target"], r["model"]): r for r in record["results"] if r["fold"] == "all"}
    lines = [f"Risk of a 'requires improvement' or 'inadequate' judgement at {name}'s next ILACS"]
    if estimates:
        lines += textwrap.wrap(data_sentence(estimates[0], name), 96)
    for e in estimates:
        what = "Overall effectiveness" if e.target == "overall" else "Impact of leaders"
        lines += ["", f"{what}: {pct(e.probability)} ({pct(e.low)} to {pct(e.high)})."]
        lines += textwrap.wrap(headline(e, name), 96, initial_indent="  ", subsequent_indent="  ")
        lines.append("  Main factors (percentage points against the average council inspected):")
        for f in e.factors:
            lines += textwrap.wrap(
                factor_sentence(f, e.target), 96, initial_indent="    ", subsequent_indent="      "
            )
        r, last = pooled.get((e.target, "current")), latest.get((e.target, "current"))
        if r and last:
            text = (
                f"Backtest on later inspections, 2021-25: AUC {r['auc']:.2f} "
                f"({r['auc_low']:.2f}-{r['auc_high']:.2f}); in {last['fold']} its mean estimate was "
                f"{last['citl_points']:+.1f} points from the share judged RI or worse."
            )
            lines += textwrap.wrap(text, 96, initial_indent="  ", subsequent_indent="  ")
    lines += ["", "What it cannot tell you:"]
    for c in CAVEATS:
        lines += textwrap.wrap(c, 96, initial_indent="  - ", subsequent_indent="    ")
    return "\n".join(lines)
