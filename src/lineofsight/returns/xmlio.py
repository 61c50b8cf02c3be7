"""Safe, forgiving XML parsing for returns.

No entities, no network. A truncated or malformed file is parsed as far as it goes and
reported, rather than rejected outright: the analyst sees which records were read. A file that
could only be an attack or a mistake is refused in one sentence before anything is read: DfE
returns never carry a document type declaration (where entity bombs and external fetches live),
an XInclude, or nesting more than a few levels deep.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from lineofsight.errors import UserError
from lineofsight.returns.findings import Finding, Severity

_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST)", re.IGNORECASE)
_XINCLUDE = b"http://www.w3.org/2001/XInclude"


def refuse_hostile(data: bytes, path: Path) -> None:
    """UserError for XML that declares a DTD or entities, or uses XInclude: no return does."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    if _DTD.search(data):
        raise UserError(
            f"{path.name} contains a document type declaration (DTD or entities), which DfE "
            "returns never do, so it was not read; export the return again."
        )
    if _XINCLUDE in data:
        raise UserError(
            f"{path.name} uses XInclude to pull in other files, which DfE returns never do, so "
            "it was not read; export the return again."
        )


def parse(data: bytes, path: Path) -> tuple[Any, list[Finding]]:
    """(root element, findings). Raises UserError when nothing usable can be read."""
    refuse_hostile(data, path)
    strict = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return _plain(etree.fromstring(data, strict), b"xmlns" in data), []
    except etree.XMLSyntaxError as exc:
        problem = f"line {exc.lineno}: {exc.msg}" if exc.lineno else str(exc.msg)
        if "encoding" in problem.lower() or "utf-8" in problem.lower():
            retried = _as_windows_1252(data, path, strict)
            if retried is not None:
                return retried
    except ValueError as exc:  # e.g. an encoding declaration lxml refuses
        problem = str(exc)
    if "depth" in problem.lower():
        raise UserError(
            f"{path.name} is nested more than 256 elements deep, far deeper than any return, so "
            "it was not read; export the return again."
        )
    loose = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(data, loose)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        raise UserError(f"{path.name} is not readable XML ({problem}).")
    note = Finding(
        "XML-MALFORMED",
        Severity.ERROR,
        path.name,
        None,
        None,
        None,
        f"The XML is damaged or cut short ({problem}); records up to that point were read and "
        "anything after it is missing. Export the file again.",
    )
    return _plain(root), [note]


def _as_windows_1252(data: bytes, path: Path, parser: Any) -> tuple[Any, list[Finding]] | None:
    """Exporters often write Windows-1252 under a UTF-8 declaration (or none): re-read it so."""
    text = data.decode("cp1252", errors="replace")
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    note = Finding(
        "FILE-ENCODING",
        Severity.QUERY,
        path.name,
        None,
        None,
        None,
        "The XML is not valid UTF-8; it was read as Windows-1252. Check names look right, or "
        "export it as UTF-8.",
    )
    return _plain(root, b"xmlns" in data), [note]


def _plain(root: Any, has_ns: bool = True) -> Any:
    """Drop namespaces so readers can use bare element names whatever the exporter wrote."""
    if "}" not in str(root.tag) and not root.nsmap and not has_ns:
        return root
    for el in root.iter():
        if isinstance(el.tag, str) and "}" in el.tag:
            el.tag = el.tag.rsplit("}", 1)[-1]
    return root


def local(tag: object) -> str:
    """Element name without any namespace; '' for comments and processing instructions."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def text_of(el: Any) -> str | None:
    value = el.text
    return (value.strip() or None) if value is not None else None


def elements(el: Any) -> Any:
    """Child elements only (no comments or processing instructions), so ``.tag`` is a name."""
    return el.iterchildren(tag=etree.Element)
