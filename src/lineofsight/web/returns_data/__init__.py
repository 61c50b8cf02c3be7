"""The analysts' Data pages: upload returns, read the validation findings, publish the aggregates.

Child-level rows are read and checked in memory; only the findings report (analysts only) and the
aggregate own-data indicator values are stored.
"""
