"""CIN census return: XML reader for schema years 2017-2026, and its validation rules."""
