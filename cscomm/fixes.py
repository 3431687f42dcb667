"""Fixes: the edits a finding offers, whether they are safe, and applying them to a text.

A fix is **safe** when it is mechanical and keeps the meaning (a misspelling with one
certain correction, a doubled word, spacing, punctuation): ``check --fix`` applies it. Any
other single replacement is **unsafe**: only ``--unsafe-fixes`` applies it. Offsets are
``str`` indices into the text the findings point into.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cscomm.document import Document, Span

Locate = Callable[[int], tuple[int, int]]


class Applicability(StrEnum):
    """Whether ``--fix`` applies a fix (safe) or only ``--fix --unsafe-fixes`` (unsafe)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``[start, end)`` with ``content`` (an empty span inserts, empty content deletes).

    ``line``/``column`` and ``end_line``/``end_column`` locate the span as a finding's are
    located (1-based, code points); they are 0 until the edit is placed in its file.
    """

    start: int
    end: int
    content: str
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    def located(self, locate: Locate) -> Edit:
        (line, column), (end_line, end_column) = locate(self.start), locate(self.end)
        return replace(self, line=line, column=column, end_line=end_line, end_column=end_column)

    def to_dict(self) -> dict[str, Any]:
        return {
            "content": self.content,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@dataclass(frozen=True, slots=True)
class Fix:
    """The edits that fix one finding, with a one-line description for an "apply" button."""

    applicability: Applicability
    edits: tuple[Edit, ...]
    message: str

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)

    def to_dict(self) -> dict[str, Any]:
        return {
            "applicability": str(self.applicability),
            "message": self.message,
            "edits": [e.to_dict() for e in self.edits],
        }


def replacement(text: str, start: int, end: int, content: str, applicability: Applicability) -> Fix | None:
    """The fix that turns ``text[start:end]`` into ``content``, as one minimal edit (the
    common beginning and end are left alone); ``None`` when nothing would change."""
    old = text[start:end]
    if old == content:
        return None
    head = 0
    while head < min(len(old), len(content)) and old[head] == content[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(content)) - head and old[-1 - tail] == content[-1 - tail]:
        tail += 1
    edit = Edit(start + head, end - tail, content[head : len(content) - tail])
    return Fix(applicability, (edit,), _describe(old, content))


def offered(
    doc: Document, span: Span, suggestions: Sequence[str], fix: Fix | None, fixable: Applicability | None
) -> Fix | None:
    """The located fix of a rule's hit: its own ``fix``, else, from a rule whose suggestions
    replace the flagged span (``fixable``), its only suggestion. ``None`` when an edit would
    reach outside the agent's own text (quoted customer text, signature, headers)."""
    if fix is None and fixable is not None and len(suggestions) == 1:
        fix = replacement(doc.text, span.start, span.end, suggestions[0], fixable)
    if fix is None or not all(_in_own_text(doc, edit) for edit in fix.edits):
        return None
    return replace(fix, edits=tuple(edit.located(doc.locate) for edit in fix.edits))


def _in_own_text(doc: Document, edit: Edit) -> bool:
    return any(p.span.start <= edit.start and edit.end <= p.span.end for p in doc.own_parts)


def _describe(old: str, new: str) -> str:
    if not new:
        return f"Delete “{old}”"
    if not old:
        return f"Insert “{new}”"
    return f"Replace “{old}” with “{new}”"


def wanted(fix: Fix, unsafe: bool) -> bool:
    """Whether a run with (or without) ``--unsafe-fixes`` applies ``fix``."""
    return unsafe or fix.applicability is Applicability.SAFE


def non_overlapping(fixes: Iterable[Fix]) -> list[Fix]:
    """The fixes to apply in one round, in text order: each that starts after the last one
    taken ends (a fix touching or overlapping it, or the same fix again, waits for the next
    round, as in ruff)."""
    chosen: list[Fix] = []
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        if chosen and fix.start <= chosen[-1].end:
            continue
        chosen.append(fix)
    return chosen


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` made."""
    pieces: list[str] = []
    at = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        pieces += [text[at : edit.start], edit.content]
        at = edit.end
    pieces.append(text[at:])
    return "".join(pieces)
