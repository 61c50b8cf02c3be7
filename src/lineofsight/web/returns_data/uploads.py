"""Turning uploaded files into paths the readers can open, with the limits a browser form needs.

Each file is written to its own folder in a temporary directory (so two years' ``episodes.csv``
do not collide) under a cleaned name; the directory, and every child-level byte in it, is deleted
as soon as the check is done.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from lineofsight.errors import UserError

MAX_FILES = 60
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 500 * 1024 * 1024
SUFFIXES = (".csv", ".xml")


MAX_NAME = 120


def clean_name(raw: str) -> str:
    """The file's own name without folders or characters a filesystem might object to; a long
    name is shortened before its extension, so ``.csv`` or ``.xml`` survives the cut."""
    base = re.split(r"[\\/]", raw or "")[-1].strip()
    base = re.sub(r"[^A-Za-z0-9._ -]", "_", base).strip(". ")
    if len(base) > MAX_NAME:
        stem, dot, ext = base.rpartition(".")
        suffix = f".{ext}" if dot and stem and len(ext) <= 10 else ""
        base = base[: len(base) - len(suffix)][: MAX_NAME - len(suffix)].rstrip(". ") + suffix
    return base or "unnamed"


def check_limits(files: list[Any]) -> None:
    """One sentence naming the file when the set cannot be accepted (type, size or count)."""
    if not files:
        raise UserError("Select at least one return file (.csv or .xml) to upload.")
    if len(files) > MAX_FILES:
        raise UserError(f"Upload at most {MAX_FILES} files at once; you selected {len(files)}.")
    total = 0
    for f in files:
        name = clean_name(f.name)
        if not name.lower().endswith(SUFFIXES):
            raise UserError(f"{name} must be a .csv or .xml return file.")
        if f.size == 0:
            raise UserError(f"{name} is empty.")
        if f.size > MAX_FILE_BYTES:
            raise UserError(f"{name} must be smaller than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
        total += f.size
    if total > MAX_TOTAL_BYTES:
        raise UserError(
            f"The files together must be smaller than {MAX_TOTAL_BYTES // (1024 * 1024)} MB."
        )


@contextmanager
def staged(files: Iterable[Any]) -> Iterator[tuple[list[Path], dict[Path, str]]]:
    """Write the uploaded files to a temporary folder for the readers; removed on exit."""
    with TemporaryDirectory(prefix="lineofsight-upload-") as tmp:
        paths: list[Path] = []
        names: dict[Path, str] = {}
        for i, f in enumerate(files):
            folder = Path(tmp) / f"{i:03d}"
            folder.mkdir()
            path = folder / clean_name(f.name)
            with path.open("wb") as out:
                for chunk in f.chunks():
                    out.write(chunk)
            paths.append(path)
            names[path] = path.name
        yield paths, names
