"""Strict reading of the assurance content files: one sentence naming the file, entry and field.

The content is edited by people, not generated, so a typo (an unknown key, a repeated id, an
indicator id that does not exist) must fail at load with a sentence that says where, never later
as a page with a missing question or a wrong figure.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

import yaml

from lineofsight.errors import UserError

_S = TypeVar("_S", bound=str)


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses a key repeated in one mapping (PyYAML keeps the last silently),
    and reads only true/false as booleans: YAML 1.1 also reads yes, no, on and off, so a key or
    answer a person types as ``off`` would arrive as ``False``."""


_BOOL = "tag:yaml.org,2002:bool"
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key '{key}' appears twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def load_mapping(text: str, origin: str) -> dict[str, Any]:
    """The top-level mapping of a content file; bad YAML names the line."""
    try:
        raw = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - _StrictLoader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None)
        detail = f" ({problem})" if problem else ""
        raise UserError(f"{origin} is not valid YAML{where}{detail}; fix it there.") from exc
    if not isinstance(raw, dict):
        raise UserError(f"{origin} must be a mapping of sections at the top level.")
    return raw


class Entry:
    """Typed access to one mapping in a content file; every error names ``where`` and the field."""

    def __init__(self, raw: object, where: str, allowed: Sequence[str], required: Sequence[str]):
        if not isinstance(raw, dict):
            raise UserError(f"{where} is not a mapping of fields.")
        self.raw: dict[str, Any] = raw
        self.where = where
        for key in raw:
            if key not in allowed:
                raise self.fail(str(key), f"unknown key; allowed keys are {', '.join(allowed)}")
        for key in required:
            if raw.get(key) is None:
                raise self.fail(key, "missing")

    def fail(self, field: str, problem: str) -> UserError:
        return UserError(f"{self.where}, field '{field}': {problem}.")

    def text(self, field: str) -> str:
        value = self.raw.get(field)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "give some text")
        return " ".join(value.split())

    def optional_text(self, field: str) -> str:
        value = self.raw.get(field)
        if value is None or value == "":
            return ""
        return self.text(field)

    def optional_date(self, field: str) -> dt.date | None:
        value = self.raw.get(field)
        if value is None or value == "":
            return None
        if isinstance(value, dt.date):
            return value
        raise self.fail(field, f"'{value}' is not a date written as YYYY-MM-DD")

    def whole_number(self, field: str) -> int:
        value = self.raw.get(field)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(field, f"'{value}' is not a whole number from 1")
        return value

    def list_of(self, field: str, required: bool = False) -> list[Any]:
        value = self.raw.get(field)
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            raise self.fail(field, "give a list")
        return value

    def text_list(self, field: str) -> tuple[str, ...]:
        items = self.list_of(field)
        for item in items:
            if not isinstance(item, str) or not item.strip():
                raise self.fail(field, f"'{item}' is not text")
        return tuple(" ".join(i.split()) for i in items)

    def choices(self, field: str, allowed: tuple[_S, ...]) -> tuple[_S, ...]:
        out: list[_S] = []
        for item in self.text_list(field):
            match = next((a for a in allowed if a == item), None)
            if match is None:
                raise self.fail(field, f"'{item}' is not one of {', '.join(allowed)}")
            out.append(match)
        return tuple(out)


def check_ids(ids: Iterable[str], known: Mapping[str, object] | Sequence[str], where: str) -> None:
    """Every id must be known (an indicator in the catalogue); a near miss gets 'did you mean'."""
    pool = list(known)
    for ident in ids:
        if ident not in known:
            close = difflib.get_close_matches(ident, pool, n=1, cutoff=0.6)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise UserError(
                f"{where}: evidence indicator '{ident}' is not in the indicator catalogue "
                f"(src/lineofsight/indicators/catalogue.yaml).{hint}"
            )


def unique(ids: Iterable[str], what: str, origin: str) -> None:
    """Ids must be unique across the file, or links to them would be ambiguous."""
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise UserError(
                f"{origin}: the {what} id '{ident}' appears more than once; ids must be unique."
            )
        seen.add(ident)
