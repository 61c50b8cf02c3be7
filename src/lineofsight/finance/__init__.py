"""Money: the published finance figures for a council and its own in-year budget monitoring."""
