"""Constants shared by the synth tests (kept out of conftest so test modules can import them)."""

FIRST, LAST, SEED = 2021, 2025, 11
