"""The council's data pages: overview, indicator, compare and Ofsted (aggregates only)."""
