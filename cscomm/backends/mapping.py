"""Load ``backend-map.yml``: which SG code each backend category becomes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cscomm.backends.base import Category
from cscomm.resources import SAFE_LOADER

_CODE = re.compile(r"SG\d{3}")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_SEVERITIES = frozenset({"suggestion", "warning", "error"})
_KEYS = frozenset({"backend-category", "code", "name", "category", "severity", "message-prefix"})


@dataclass(frozen=True, slots=True)
class CodeMapping:
    """The cscomm rule a backend category is reported as."""

    backend_category: Category
    code: str
    name: str
    category: str
    severity: str
    message_prefix: str = ""
    opt_in: bool = False


def load_backend_map(path: Path) -> dict[Category, CodeMapping]:
    """Read and validate a backend map file.

    Raises:
        ValueError: the file is malformed; the message names the file and entry.
    """
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: cannot read backend map: {exc}") from exc
    entries = data.get("mappings") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a top-level 'mappings' list")
    result: dict[Category, CodeMapping] = {}
    for number, entry in enumerate(entries, start=1):
        mapping = _entry(entry, f"{path}: mappings[{number}]")
        if mapping.backend_category in result:
            raise ValueError(
                f"{path}: mappings[{number}]: {mapping.backend_category.value!r} is mapped twice"
            )
        result[mapping.backend_category] = mapping
    missing = sorted(c.value for c in Category if c not in result)
    if missing:
        raise ValueError(f"{path}: no mapping for {', '.join(missing)}")
    _check_codes_consistent(path, result.values())
    return result


def _entry(entry: Any, where: str) -> CodeMapping:
    """Validate one list entry."""
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected a mapping")
    unknown = sorted(set(entry) - _KEYS - {"opt-in"})
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")
    opt_in = entry.get("opt-in", False)
    if not isinstance(opt_in, bool):
        raise ValueError(f"{where}: opt-in must be true or false")
    values = {key: entry.get(key, "" if key == "message-prefix" else None) for key in _KEYS}
    bad = sorted(key for key, value in values.items() if not isinstance(value, str))
    if bad:
        raise ValueError(f"{where}: {', '.join(bad)} must be string(s)")
    text = {key: str(value) for key, value in values.items()}
    try:
        backend_category = Category(text["backend-category"])
    except ValueError:
        raise ValueError(f"{where}: unknown backend-category {text['backend-category']!r}") from None
    if not _CODE.fullmatch(text["code"]):
        raise ValueError(f"{where}: code {text['code']!r} is not SG + 3 digits")
    if not _NAME.fullmatch(text["name"]):
        raise ValueError(f"{where}: name {text['name']!r} is not kebab-case")
    if text["severity"] not in _SEVERITIES:
        raise ValueError(
            f"{where}: severity {text['severity']!r} is not one of {', '.join(sorted(_SEVERITIES))}"
        )
    return CodeMapping(
        backend_category=backend_category,
        code=text["code"],
        name=text["name"],
        category=text["category"],
        severity=text["severity"],
        message_prefix=text["message-prefix"],
        opt_in=opt_in,
    )


def _check_codes_consistent(path: Path, mappings: Iterable[CodeMapping]) -> None:
    """A code used for several categories must keep one name and category."""
    seen: dict[str, CodeMapping] = {}
    for mapping in mappings:
        first = seen.setdefault(mapping.code, mapping)
        if (first.name, first.category) != (mapping.name, mapping.category):
            raise ValueError(
                f"{path}: {mapping.code} is both {first.name!r} ({first.category}) "
                f"and {mapping.name!r} ({mapping.category})"
            )
