"""Whether returns were made by ``lineofsight synth``, so their findings reports say demo.

Why: a findings report on synthetic returns looks exactly like one on a council's real children;
emailed on, it could pass for real. ``synth`` leaves :data:`MARKER` in each council folder it
writes and names itself in the XML returns' ``<SoftwareCode>``; either is enough.
"""

from __future__ import annotations

from pathlib import Path

MARKER = "SYNTHETIC.txt"
MARKER_TEXT = (
    "These returns were made by 'lineofsight synth': synthetic, not real children. "
    "Findings reports on them are labelled demo.\n"
)
SOFTWARE_CODE = b"lineofsight synthetic"
LABEL = "Demo: findings on synthetic returns, not real children"


def _marked(path: Path) -> bool:
    folder = path if path.is_dir() else path.parent
    return any((p / MARKER).is_file() for p in (folder, *folder.parents))


def _xml_says_synthetic(path: Path) -> bool:
    if path.suffix.lower() != ".xml":
        return False
    try:
        with path.open("rb") as fh:
            return SOFTWARE_CODE in fh.read(8192)
    except OSError:
        return False


def is_synthetic(paths: list[Path], files: list[Path]) -> bool:
    """True when any path given sits in a folder ``synth`` marked, or any XML file names it."""
    return any(_marked(p.resolve()) for p in paths) or any(_xml_says_synthetic(f) for f in files)
