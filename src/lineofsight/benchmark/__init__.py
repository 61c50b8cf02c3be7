"""Benchmarking: neighbours, region, England, rank, quartile band and trend."""
