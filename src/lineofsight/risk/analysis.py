"""The seed's claim, tested: do inadequate judgements go with higher agency and vacancy rates?

For every ILACS inspection 2018 – March 2025 we take the council's agency and vacancy rates from the
last workforce census published before the inspection (the same rule as the risk model), and compare
inspections judged inadequate with all others, and RI-or-inadequate with good-or-outstanding:
difference in means and medians with bootstrap 95% intervals (fixed seed), the rank-biserial
correlation and the AUC (the chance a random inadequate council had the higher rate).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from lineofsight.published.store import load_store
from lineofsight.risk import stats
from lineofsight.risk.data import inspections_dataset

MEASURES = {"agency": "Agency social worker rate (%)", "vacancy": "Social worker vacancy rate (%)"}
ORDER = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"]
SHORT = {
    "Outstanding": "Outstanding",
    "Good": "Good",
    "Requires improvement to be good": "Requires improvement",
    "Inadequate": "Inadequate",
}


@dataclass(frozen=True)
class Comparison:
    measure: str
    contrast: str  # e.g. "inadequate vs all others"
    n_a: int
    n_b: int
    mean_a: float
    mean_b: float
    median_a: float
    median_b: float
    mean_diff: stats.Interval
    median_diff: stats.Interval
    rank_biserial: float
    auc: stats.Interval


def inspection_rates() -> pd.DataFrame:
    """One row per inspection: overall judgement and the agency and vacancy rates before it."""
    data = inspections_dataset()
    judgements = load_store().ofsted_ilacs.sort_values(["inspection_date", "la_code"])
    out = data[["la_code", "inspection_date", "agency", "vacancy", "year_agency"]].copy()
    out["overall"] = judgements["overall"].to_numpy()
    return out


def compare(frame: pd.DataFrame, measure: str, in_a: pd.Series, contrast: str) -> Comparison:
    ok = frame[measure].notna()
    a = frame.loc[ok & in_a, measure].to_numpy(dtype=float)
    b = frame.loc[ok & ~in_a, measure].to_numpy(dtype=float)
    y = np.r_[np.ones(len(a), dtype=int), np.zeros(len(b), dtype=int)]
    return Comparison(
        measure=measure,
        contrast=contrast,
        n_a=len(a),
        n_b=len(b),
        mean_a=float(a.mean()),
        mean_b=float(b.mean()),
        median_a=float(np.median(a)),
        median_b=float(np.median(b)),
        mean_diff=stats.bootstrap_diff(a, b, "mean"),
        median_diff=stats.bootstrap_diff(a, b, "median"),
        rank_biserial=stats.rank_biserial(a, b),
        auc=stats.auc_ci(y, np.r_[a, b]),
    )


def comparisons(frame: pd.DataFrame | None = None) -> list[Comparison]:
    f = inspection_rates() if frame is None else frame
    inadequate = f["overall"] == "Inadequate"
    poor = f["overall"].isin(["Inadequate", "Requires improvement to be good"])
    out = []
    for m in MEASURES:
        out.append(compare(f, m, inadequate, "inadequate vs all other judgements"))
        out.append(compare(f, m, poor, "RI or inadequate vs good or outstanding"))
    return out


def group_table(frame: pd.DataFrame) -> list[list[str]]:
    rows = []
    for j in ORDER:
        g = frame[frame["overall"] == j]
        row = [SHORT[j], str(len(g))]
        for m in MEASURES:
            v = g[m].dropna()
            row += [f"{v.median():.1f}", f"{v.mean():.1f}"]
        rows.append(row)
    return rows


def strip_chart(frame: pd.DataFrame) -> str:
    """Two panels of dots (one per inspection) by judgement, with the median marked; plain SVG."""
    width, height, left, top, panel_w, gap = 760, 360, 70, 50, 320, 40
    plot_h = 250
    parts = []
    cols = len(ORDER)
    for k, (m, label) in enumerate(MEASURES.items()):
        x0 = left + k * (panel_w + gap)
        vmax = float(np.ceil(frame[m].max() / 10) * 10)

        def yp(v: float, vmax: float = vmax) -> float:
            return top + plot_h - v / vmax * plot_h

        parts.append(
            f'<text x="{x0 + panel_w / 2}" y="{top - 20}" text-anchor="middle" '
            f'font-weight="bold">{escape(label)}</text>'
        )
        for t in np.linspace(0, vmax, 5):
            parts.append(
                f'<line x1="{x0}" x2="{x0 + panel_w}" y1="{yp(t):.1f}" y2="{yp(t):.1f}" stroke="#ddd"/>'
            )
            parts.append(
                f'<text x="{x0 - 6}" y="{yp(t) + 4:.1f}" text-anchor="end" font-size="12">{t:.0f}</text>'
            )
        for i, j in enumerate(ORDER):
            cx = x0 + (i + 0.5) * panel_w / cols
            vals = frame.loc[frame["overall"] == j, m].dropna().to_numpy(dtype=float)
            rng = np.random.default_rng(stats.SEED + i)
            jitter = rng.uniform(-18, 18, len(vals))
            colour = "#d4351c" if j == "Inadequate" else "#1d70b8"
            for v, dx in zip(vals, jitter, strict=True):
                parts.append(
                    f'<circle cx="{cx + dx:.1f}" cy="{yp(v):.1f}" r="2.6" fill="{colour}" fill-opacity="0.6"/>'
                )
            if len(vals):
                med = float(np.median(vals))
                parts.append(
                    f'<line x1="{cx - 26:.1f}" x2="{cx + 26:.1f}" y1="{yp(med):.1f}" '
                    f'y2="{yp(med):.1f}" stroke="#0b0c0c" stroke-width="3"/>'
                )
            parts.append(
                f'<text x="{cx:.1f}" y="{top + plot_h + 18}" text-anchor="middle" '
                f'font-size="11">{escape(SHORT[j].replace("Requires improvement", "RI"))}</text>'
            )
            parts.append(
                f'<text x="{cx:.1f}" y="{top + plot_h + 32}" text-anchor="middle" font-size="11">n={len(vals)}</text>'
            )
    meds = {
        m: {j: float(frame.loc[frame["overall"] == j, m].median()) for j in ORDER} for m in MEASURES
    }
    desc = (
        "Dot chart, one dot per ILACS inspection from 2018 to March 2025, of the council's agency "
        "and vacancy rates in the last workforce census published before the inspection, grouped by "
        "overall judgement; a black bar marks each group's median. Medians, agency: "
        + ", ".join(f"{SHORT[j]} {meds['agency'][j]:.1f}%" for j in ORDER)
        + "; vacancy: "
        + ", ".join(f"{SHORT[j]} {meds['vacancy'][j]:.1f}%" for j in ORDER)
        + "."
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="chart-title chart-desc" '
        f'font-family="Arial, Helvetica, sans-serif" font-size="13">\n'
        f'<title id="chart-title">Agency and vacancy rates before each ILACS inspection, by judgement</title>\n'
        f'<desc id="chart-desc">{escape(desc)}</desc>\n' + "\n".join(parts) + "\n</svg>\n"
    )


def report_markdown(
    frame: pd.DataFrame | None = None, chart_file: str = "agency-vacancy-and-judgements.svg"
) -> str:
    """The docs page: method, figures, chart and data table, all computed here."""
    f = inspection_rates() if frame is None else frame
    comps = comparisons(f)
    lines = [
        "# Agency and vacancy rates and Ofsted judgements",
        "",
        "The leader's guide says \"analysis has shown a correlation between local authorities that "
        "have an 'inadequate' Ofsted judgement and those with high proportions of agency staff and "
        'vacancy rates". This page tests that claim on the real data bundled with Line of Sight. '
        "Regenerate it with `lineofsight risk --analysis --write docs`.",
        "",
        "## Method",
        "",
        f"- {len(f)} ILACS inspections (January 2018 to March 2025, Ofsted's inspection outcomes as at 31 "
        "March 2025); overall effectiveness judgement.",
        "- For each, the council's agency social worker rate and vacancy rate (FTE, DfE children's social "
        "work workforce census) from the last census *published before* the inspection (census at 30 "
        "September, used from 1 March the next year). Figures are the latest revision of that year.",
        "- Differences in means and medians with percentile bootstrap 95% intervals (2,000 resamples, "
        f"seed {stats.SEED}); rank-biserial correlation (−1 to 1; 0 means no tendency); AUC = the chance "
        "that a randomly chosen council in the first group had the higher rate (0.5 = no better than a "
        "coin), with a bootstrap 95% interval.",
        "- An inspection is one observation; councils inspected twice appear twice, so intervals are "
        "somewhat too narrow.",
        "",
        "## Results",
        "",
        "| Rate | Contrast | n (first / second group) | Median (first / second) "
        "| Difference in medians (95% CI) | Difference in means (95% CI) | Rank-biserial "
        "| AUC (95% CI) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in comps:
        lines.append(
            f"| {c.measure} | {c.contrast} | {c.n_a} / {c.n_b} | {c.median_a:.1f}% / {c.median_b:.1f}% "
            f"| {c.median_diff.text(1)} pp | {c.mean_diff.text(1)} pp | {c.rank_biserial:+.2f} | {c.auc.text(2)} |"
        )
    lines += ["", "## What it shows", ""]
    for c in comps:
        excludes = c.mean_diff.low > 0 or c.mean_diff.high < 0
        lines.append(
            f"- **{MEASURES[c.measure].split(' (')[0]}, {c.contrast}:** medians {c.median_a:.1f}% against "
            f"{c.median_b:.1f}%; the difference in means is {c.mean_diff.estimate:+.1f} percentage points "
            f"({'an interval that excludes zero' if excludes else 'an interval that includes zero'}); "
            f"AUC {c.auc.estimate:.2f}."
        )
    lines += [
        "",
        "An association in the same period is not a cause, and it is not a forecast: agency reliance "
        "and vacancies may follow a poor judgement (or the difficulties it finds) as much as precede "
        "it. The rank-biserial and AUC figures say how much the groups overlap; the chart shows it.",
        "",
        f"![Dot chart of agency and vacancy rates by judgement]({chart_file})",
        "",
        "<details><summary>Show data</summary>",
        "",
        "| Overall judgement | Inspections | Agency median | Agency mean | Vacancy median | Vacancy mean |",
        "|---|---|---|---|---|---|",
    ]
    for row in group_table(f):
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "</details>", ""]
    return "\n".join(lines)
