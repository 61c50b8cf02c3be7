"""Indicator definitions over the council's own child-level returns (SSDA903, CIN, workforce).

The definitions live in :mod:`.ssda903`, :mod:`.cin` and :mod:`.workforce`; :mod:`.registry` lists
them in catalogue order for :func:`lineofsight.indicators.engine.compute`.
"""
