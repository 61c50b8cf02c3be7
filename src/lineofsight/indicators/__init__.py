"""Indicators: the headline catalogue (metadata) and definitions over the council's own returns."""
