"""Early warning: signals on indicator series and a risk model of the next Ofsted ILACS judgement.

Signals read series and benchmarks produced upstream; they never recompute an indicator.
"""
