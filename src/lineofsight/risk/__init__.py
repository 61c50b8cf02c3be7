"""The risk model of the next Ofsted ILACS judgement: its data, fit, backtest and wording.

Kept apart from ``signals`` (rules on indicator series): it reads the same published store but
models an outcome, so it has its own data set, statistics and stored backtest.
"""
