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
from lineofsight.returns.findings import Findings, ReadResult

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
    paths: list[Path],
    year: int | None = None,
    validate: bool = True,
    chosen: list[Path] | None = None,
) -> list[ReadResult]:
    """Read every return under ``paths``; one ReadResult per kind, with rule findings added.

    A collection holds one return per year: files that would merge two returns of one year (CSV
    tables beside an XML return, or two XML returns) are refused with a sentence naming them,
    unless ``chosen`` names the files to read for that collection (CLI ``--return FILE``).
    """
    files = expand(paths)
    groups: dict[str, list[Path]] = defaultdict(list)
    for f in files:
        groups[kind_of(f)].append(f)
    if chosen:
        groups = _only_chosen(groups, chosen)
    results = []
    for kind in ("ssda903", "cin", "workforce"):
        if kind not in groups:
            continue
        result = _read(kind, groups[kind], year)
        _one_return_per_year(kind, groups[kind], result)
        if kind == "ssda903" and len(files) == 1 and _unrecognised(result):
            raise UserError(
                f"{files[0].name} is not an SSDA903 table, CIN census or workforce census file "
                "(its columns match none of them)."
            )
        if validate:
            result.findings += _rules(kind, result)
        results.append(result)
    if results and not any(r.rows_read for r in results):
        raise UserError(_nothing_read(files))
    return results


COLLECTION = {"ssda903": "SSDA903", "cin": "CIN census", "workforce": "workforce census"}


def return_of(path: Path) -> str:
    """Which return a file belongs to: an XML file is a whole return; a collection's CSV tables
    are one return for each year (the readers tell the years apart; two folders of tables for the
    same year are the readers' FILE-REPEATED query)."""
    return path.name if path.suffix.lower() == ".xml" else "CSV"


def _only_chosen(groups: dict[str, list[Path]], chosen: list[Path]) -> dict[str, list[Path]]:
    """For each collection a chosen file belongs to, only the returns the chosen files are in."""
    names = {c.name for c in chosen}
    out: dict[str, list[Path]] = {}
    matched: set[str] = set()
    for kind, files in groups.items():
        picked = {return_of(f) for f in files if f.name in names}
        matched |= {f.name for f in files if f.name in names}
        out[kind] = [f for f in files if return_of(f) in picked] if picked else files
    missing = sorted(names - matched)
    if missing:
        raise UserError(
            f"--return {missing[0]} names no file among those given; give the name of one of "
            "the files, e.g. --return fake_903.xml."
        )
    return out


def _one_return_per_year(kind: str, files: list[Path], result: ReadResult) -> None:
    """Refuse files that hold two returns of one collection for the same year: merged, they
    would count some children twice and others from a return the council did not send."""
    import pandas as pd

    kinds = {f.name: return_of(f) for f in files}
    per_year: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for table in result.tables.values():
        if not len(table) or "_file" not in table or "YEAR" not in table:
            continue
        pairs = table[["_file", "YEAR"]].drop_duplicates().itertuples(index=False)
        for name, yr in pairs:
            ret = kinds.get(str(name))
            if ret is None:
                continue
            seen = per_year[0 if pd.isna(yr) else int(yr)][ret]
            if str(name) not in seen:
                seen.append(str(name))
    for yr, returns in sorted(per_year.items()):
        if len(returns) < 2:
            continue
        parts = []
        for ret, names in sorted(returns.items()):
            shown = ", ".join(sorted(names)[:3]) + (
                f" and {len(names) - 3} more" if len(names) > 3 else ""
            )
            parts.append(shown if ret.endswith(".xml") else f"the CSV tables ({shown})")
        when = f"the {yr} collection year" if yr else "one collection year"
        example = next((r for r in sorted(returns) if r.endswith(".xml")), sorted(returns)[0])
        example = example if example.endswith(".xml") else sorted(returns[example])[0]
        raise UserError(
            f"These files hold {len(returns)} {COLLECTION[kind]} returns for {when}, which would "
            f"be merged: {'; '.join(parts)}; keep one return per year in the folder, or name the "
            f"one to read with --return FILE, for example --return {example}."
        )


def _nothing_read(files: list[Path]) -> str:
    """One sentence for input that holds no records at all (empty files, or a header alone)."""
    if len(files) == 1:
        path = files[0]
        try:
            with path.open("rb") as fh:  # only the start: a file with no records may still be big
                empty = not fh.read(4096).strip(b"\xef\xbb\xbf \t\r\n")
        except OSError:
            empty = False
        what = "is empty" if empty else "holds no records (a header or outline alone)"
        return f"{path.name} {what}, so there is nothing to check; export the return again."
    return (
        f"None of the {len(files)} files holds any records (they are empty, or a header or "
        "outline alone), so there is nothing to check; export the returns again."
    )


def _unrecognised(result: ReadResult) -> bool:
    return (
        any(rule == "FILE-UNKNOWN" for rule, _ in result.findings.counts) and result.rows_used == 0
    )


def _read(kind: str, files: list[Path], year: int | None) -> ReadResult:
    if kind == "ssda903":
        from lineofsight.returns.ssda903 import read

        return read.read(files, year)
    if kind == "cin":
        from lineofsight.returns.cin import read as cin_read

        return cin_read.read(files, year)
    from lineofsight.returns.workforce import read as wf_read

    return wf_read.read(files, year)


def _rules(kind: str, result: ReadResult) -> Findings:
    if kind == "ssda903":
        from lineofsight.returns.ssda903 import rules

        return rules.validate(result.tables)
    if kind == "cin":
        from lineofsight.returns.cin import rules as cin_rules

        return cin_rules.validate(result.tables)
    from lineofsight.returns.workforce import rules as wf_rules

    return wf_rules.validate(result.tables)
