"""CLI: ``risk`` (the Ofsted risk model: one council's estimate, the backtest, the analysis)."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer

from lineofsight.cli_options import TableOrJson, TableOrJsonOpt

BACKTEST_FILE = "backtest.json"


def register(app: typer.Typer) -> None:
    app.command("risk")(risk)


def risk(
    la: Annotated[
        str | None, typer.Argument(help="Council name, old 3-digit code or E-code.")
    ] = None,
    evaluate: Annotated[bool, typer.Option("--evaluate", help="Print the backtest table.")] = False,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="With --evaluate: recompute the backtest and save it.")
    ] = False,
    analysis: Annotated[
        bool, typer.Option("--analysis", help="Print the agency/vacancy and judgements analysis.")
    ] = False,
    write: Annotated[
        Path | None, typer.Option("--write", help="With --analysis: write the page and chart here.")
    ] = None,
    fmt: TableOrJsonOpt = TableOrJson.table,
) -> None:
    """The chance the next ILACS inspection finds 'requires improvement' or worse, and why."""
    from lineofsight.errors import UserError

    if analysis:
        _analysis(write)
    elif evaluate:
        _evaluate(refresh, fmt)
    elif la is None:
        raise UserError("Give a council (e.g. lineofsight risk 'Kent') or use --evaluate.")
    else:
        _estimate(la, fmt)


def _stored_backtest() -> dict[str, Any]:
    text = resources.files("lineofsight.risk").joinpath(BACKTEST_FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _evaluate(refresh: bool, fmt: TableOrJson) -> None:
    from lineofsight.risk.report import backtest_table

    if refresh:
        from lineofsight.risk.model import backtest

        record = backtest().record()
        target = Path(str(resources.files("lineofsight.risk").joinpath(BACKTEST_FILE)))
        target.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    record = _stored_backtest()
    if fmt is TableOrJson.json:
        typer.echo(json.dumps(record, indent=2))
        return
    typer.echo(backtest_table(record))


def _estimate(la: str, fmt: TableOrJson) -> None:
    from lineofsight.reference.las import resolve
    from lineofsight.risk.model import estimate
    from lineofsight.risk.report import (
        CAVEATS,
        data_sentence,
        estimate_text,
        factor_sentence,
        headline,
    )

    council = resolve(la)
    today = date.today()
    estimates = [estimate(council.code, t, today) for t in ("overall", "leadership")]
    if fmt is TableOrJson.json:
        out = {
            "la": council.code,
            "name": council.name,
            "as_of": today.isoformat(),
            "ofsted_data_as_at": estimates[0].data_date,
            "estimates": [
                {
                    "target": e.target,
                    "probability": e.probability,
                    "low": e.low,
                    "high": e.high,
                    "national_share": e.national_share,
                    "national_inspections": e.national_n,
                    "last_inspection": e.last_inspection,
                    "last_judgement": e.last_judgement,
                    "possibly_reinspected": e.possibly_reinspected,
                    "sentence": headline(e, council.name),
                    "factors": [
                        f.__dict__ | {"sentence": factor_sentence(f, e.target)} for f in e.factors
                    ],
                }
                for e in estimates
            ],
            "data": data_sentence(estimates[0], council.name),
            "caveats": CAVEATS,
        }
        typer.echo(json.dumps(out, indent=2))
        return
    typer.echo(estimate_text(council.name, estimates, _stored_backtest()))


def _analysis(write: Path | None) -> None:
    from lineofsight.risk.analysis import inspection_rates, report_markdown, strip_chart

    frame = inspection_rates()
    page = report_markdown(frame)
    if write is None:
        typer.echo(page)
        return
    write.mkdir(parents=True, exist_ok=True)
    (write / "agency-vacancy-and-judgements.md").write_text(page, encoding="utf-8")
    (write / "agency-vacancy-and-judgements.svg").write_text(strip_chart(frame), encoding="utf-8")
    typer.echo(f"Wrote {write / 'agency-vacancy-and-judgements.md'} and its chart.")
