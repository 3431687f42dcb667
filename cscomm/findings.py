"""Findings: the immutable records every rule produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any

from cscomm.fixes import Fix


class Severity(IntEnum):
    """How serious a finding is; ordered so comparisons work."""

    SUGGESTION = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Read a severity name such as ``"warning"`` (case-insensitive)."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            names = ", ".join(s.name.lower() for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {names})") from None

    def __str__(self) -> str:
        return self.name.lower()


class Category(StrEnum):
    """The check family a rule belongs to (the JSON ``category``)."""

    COURTESY = "courtesy"
    SPELLING = "spelling"
    GRAMMAR = "grammar"
    CLARITY = "clarity"
    QUESTIONS = "questions"
    NEXT_ACTION = "next-action"
    TONE = "tone"
    PRIVACY = "privacy"
    ENGINE = "engine"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one file, located by 1-based line and column.

    ``end_line``/``end_column`` point just past the flagged span. ``extra`` holds
    rule-specific JSON fields (e.g. ``question`` for unanswered questions). ``fix`` is
    the edit that fixes it, when the rule offers one; ``url`` is its rule's documentation.
    """

    code: str
    name: str
    category: Category
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    suggestions: tuple[str, ...] = ()
    origin: str = ""
    extra: tuple[tuple[str, Any], ...] = field(default=())
    fix: Fix | None = None
    url: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The finding as a JSON-ready dict (schema documented in the README)."""
        record: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "category": str(self.category),
            "severity": str(self.severity),
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "suggestions": list(self.suggestions),
            "fix": self.fix.to_dict() if self.fix else None,
            "url": self.url,
        }
        if self.origin:
            record["origin"] = self.origin
        record.update(self.extra)
        return record

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.code)
