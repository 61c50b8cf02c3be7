"""The council's own statutory returns: SSDA903, CIN census and workforce census."""
