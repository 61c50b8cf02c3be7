"""Bytes to text the way councils' files really arrive: UTF-8 with or without BOM, or Windows-1252.

A file that is not text at all (binary, an Excel workbook) is unusable input: a UserError naming it.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lineofsight.errors import UserError
from lineofsight.returns.findings import Finding, Severity

_BINARY_MAGIC = {
    b"PK\x03\x04": "a zip or Excel (.xlsx) workbook",
    b"\xd0\xcf\x11\xe0": "an old Excel (.xls) workbook",
    b"%PDF": "a PDF",
}


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or "it cannot be read"
        raise UserError(f"{path}: cannot read the file ({reason}).") from None


def decode(data: bytes, path: Path, sniff: bool = False) -> tuple[str, list[Finding]]:
    """Decode ``data``; a non-UTF-8 file is read as Windows-1252 and noted as a query.

    ``sniff``: ``data`` is only the start of the file, so a UTF-8 character cut at the end
    is not a reason to fall back to Windows-1252."""
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UserError(
                f"{path.name} is {what}, not a CSV or XML return; save it as CSV or XML and try again."
            )
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise UserError(f"{path.name} starts as UTF-16 but is not valid UTF-16 text.") from None
    if b"\x00" in data[:4096]:
        raise UserError(f"{path.name} is a binary file, not a CSV or XML return.")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        if sniff:
            return data.decode("utf-8", errors="replace"), []
        text = data.decode("cp1252", errors="replace")
        note = Finding(
            "FILE-ENCODING",
            Severity.QUERY,
            path.name,
            None,
            None,
            None,
            f"The file is not UTF-8 (first odd byte at position {exc.start}); it was read as "
            "Windows-1252. Check names and postcodes look right, or save it as UTF-8.",
        )
        return text, [note]


_NON_ALNUM = re.compile(r"[^A-Z0-9]")


def column_key(name: str) -> str:
    """Header matching ignores case, spaces, underscores, quotes and a stray BOM."""
    return _NON_ALNUM.sub("", name.replace("\ufeff", "").upper())
