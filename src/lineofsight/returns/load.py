"""One entry point for the council's own returns: give it files and folders, get ReadResults.

Each file's kind is told from its content (XML root and elements, CSV header columns), never
only from its name; files of one kind are read together so several years load at once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from lineofsight.errors import UserError
from lineofsight.returns import textio
from lineofsight.returns.findings import Finding, ReadResult

SUFFIXES = {".csv", ".xml"}
_SNIFF = [
    ("ssda903", re.compile(rb"<\s*(?:\w+:)?EXPSSDA903\b")),
    ("workforce", re.compile(rb"<\s*(?:\w+:)?(?:CSWWWorker|LALevelVacancies)\b")),
    ("cin", re.compile(rb"<\s*(?:\w+:)?(?:Children|CINdetails|LAchildID)\b")),
]


def expand(paths: list[Path]) -> list[Path]:
    """Files named directly, plus every .csv/.xml file under each folder (sorted)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
            )  # fmt: skip
            if not found:
                raise UserError(f"{path} holds no .csv or .xml files to read.")
            out += found
        elif path.is_file():
            out.append(path)
        else:
            raise UserError(f"{path} does not exist; check the path.")
    return out


def kind_of(path: Path) -> str:
    """'ssda903', 'cin' or 'workforce' from the start of the file's content."""
    try:
        with path.open("rb") as fh:
            head = fh.read(262_144)
    except OSError as exc:
        raise UserError(f"{path}: cannot read the file ({exc.strerror}).") from None
    textio.decode(head, path, sniff=True)  # rejects binary files with a clear sentence
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        for kind, pattern in _SNIFF:
            if pattern.search(head):
                return kind
        raise UserError(
            f"{path.name} is XML but not an SSDA903, CIN census or workforce census return."
        )
    return "ssda903"


def read_paths(
    paths: list[Path], year: int | None = None, validate: bool = True
) -> list[ReadResult]:
    """Read every return under ``paths``; one ReadResult per kind, with rule findings added."""
    files = expand(paths)
    groups: dict[str, list[Path]] = defaultdict(list)
    for f in files:
        groups[kind_of(f)].append(f)
    results = []
    for kind in ("ssda903", "cin", "workforce"):
        if kind not in groups:
            continue
        result = _read(kind, groups[kind], year)
        if kind == "ssda903" and len(files) == 1 and _unrecognised(result):
            raise UserError(
                f"{files[0].name} is not an SSDA903 table, CIN census or workforce census file "
                "(its columns match none of them)."
            )
        if validate:
            result.findings += _rules(kind, result)
        results.append(result)
    return results


def _unrecognised(result: ReadResult) -> bool:
    return any(f.rule_id == "FILE-UNKNOWN" for f in result.findings) and result.rows_used == 0


def _read(kind: str, files: list[Path], year: int | None) -> ReadResult:
    if kind == "ssda903":
        from lineofsight.returns.ssda903 import read

        return read.read(files, year)
    if kind == "cin":
        from lineofsight.returns.cin import read as cin_read

        return cin_read.read(files, year)
    from lineofsight.returns.workforce import read as wf_read

    return wf_read.read(files, year)


def _rules(kind: str, result: ReadResult) -> list[Finding]:
    if kind == "ssda903":
        from lineofsight.returns.ssda903 import rules

        return rules.validate(result.tables)
    if kind == "cin":
        from lineofsight.returns.cin import rules as cin_rules

        return cin_rules.validate(result.tables)
    from lineofsight.returns.workforce import rules as wf_rules

    return wf_rules.validate(result.tables)
