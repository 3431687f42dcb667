"""Helpers for testing rules, also usable for a company's own packs.

Examples and case files mark expected spans with ``[[…]]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cscomm.document import DocKind, Span
from cscomm.resources import SAFE_LOADER

_MARKER = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)


def expand_markers(text: str) -> tuple[str, list[Span]]:
    """Remove ``[[`` ``]]`` markers; return the clean text and the marked spans."""
    spans: list[Span] = []
    clean: list[str] = []
    cursor = 0
    length = 0
    for match in _MARKER.finditer(text):
        before = text[cursor : match.start()]
        clean.append(before)
        length += len(before)
        spans.append(Span(length, length + len(match.group(1))))
        clean.append(match.group(1))
        length += len(match.group(1))
        cursor = match.end()
    clean.append(text[cursor:])
    return "".join(clean), spans


@dataclass(frozen=True, slots=True)
class RuleCase:
    """One must-fire or must-not-fire text for one rule."""

    rule: str
    name: str
    text: str
    fires: bool
    kind: DocKind | None = None
    incoming: str | None = None
    options: dict[str, Any] | None = None

    @property
    def id(self) -> str:
        return f"{self.rule}::{self.name}"


def load_cases(path: Path) -> list[RuleCase]:
    """Cases from a YAML case file: ``rule: CODE`` and a list of ``cases``."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    rule = data["rule"]
    cases = []
    for entry in data["cases"]:
        fires = "fail" in entry
        kind = entry.get("kind", data.get("kind"))
        cases.append(
            RuleCase(
                rule=rule,
                name=entry["name"],
                text=entry["fail" if fires else "pass"],
                fires=fires,
                kind=DocKind(kind) if kind else None,
                incoming=entry.get("incoming"),
                options=entry.get("options"),
            )
        )
    return cases
