"""The sections the packs share, one module per subject.

Each builder returns a :class:`~lineofsight.packs.model.Section` even when there is nothing to show,
with a sentence that says so and what would fill it, so a pack made before anything is recorded
still reads whole.
"""
