"""Synthetic child-level returns: never real children."""
