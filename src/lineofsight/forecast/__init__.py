"""Forecasts: the published series of every council a few years ahead, and (from the council's own
903) children in care by age band and placement type with their cost, under named scenarios."""
