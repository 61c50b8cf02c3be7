"""Early warning: signals on indicator series (the Ofsted risk model is in ``lineofsight.risk``).

Signals read series and benchmarks produced upstream; they never recompute an indicator.
"""
