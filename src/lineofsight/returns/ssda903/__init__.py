"""SSDA903 (children looked after) return: CSV set and XML readers, and its validation rules."""
