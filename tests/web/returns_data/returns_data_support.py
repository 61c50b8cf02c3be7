"""Constants the Data page tests share (a module of its own, since importing ``conftest`` is ambiguous)."""

RUTLAND = "E06000017"  # small, so its synthetic returns are quick to generate and read
