"""Run Social Finance's cs-demand-model as ``demand-model predict SOURCE`` does; print JSON.

Run with the peer's own interpreter (``$PEERS/vcsdemand/bin/python run_demand.py SOURCE``).
Mirrors the peer's ``predict`` command: the default window (the six months to the end of the
data), prediction 12 months after the end. Prints the window, the end and the predicted children
in care on the last predicted day by placement type (summed over age bands).
Imports only the peer, the standard library and pandas.
"""

import json
import sys

import pandas as pd
from cs_demand_model import DemandModellingDataContainer, ModelPredictor, PopulationStats
from cs_demand_model.config import Config
from cs_demand_model.datastore import fs_datastore
from dateutil.relativedelta import relativedelta

source = sys.argv[1]
end_arg = sys.argv[2] if len(sys.argv) > 2 else None  # a backtest: pretend the data ends here
config = Config()
dc = DemandModellingDataContainer(fs_datastore(source), config)
stats = PopulationStats(dc.enriched_view, config)
end = dc.end_date if end_arg is None else pd.Timestamp(end_arg)
start = end - relativedelta(months=6)
predictor = ModelPredictor.from_model(stats, start, end)
prediction_date = end + relativedelta(months=12)
pop = predictor.predict((prediction_date - end).days)


def in_care(row: "pd.Series") -> dict[str, float]:
    """Children by placement type (summed over age bands), leaving out the NOT_IN_CARE column."""
    out: dict[str, float] = {}
    for column, value in row.items():
        name = column[-1] if isinstance(column, tuple) else column
        key = str(getattr(name, "name", name))
        if key != "NOT_IN_CARE":
            out[key] = out.get(key, 0.0) + float(value)
    return out


predicted = in_care(pop.iloc[-1])
opening = in_care(stats.stock.loc[:end].iloc[-1])
outcome = stats.stock.loc[:prediction_date]
actual = in_care(outcome.iloc[-1]) if outcome.index[-1] >= prediction_date else None
print(
    json.dumps(
        {
            "start": str(start.date()),
            "end": str(end.date()),
            "predicted_to": str(pop.index[-1].date()),
            "opening": sum(opening.values()),
            "children": sum(predicted.values()),
            "by_type": predicted,
            "actual": None if actual is None else sum(actual.values()),
        }
    )
)
