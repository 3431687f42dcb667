"""Undo format=flowed (RFC 3676) so that each paragraph is one line again.

A line ending in a space is "soft": it continues on the next line of the same
quote depth. With DelSp=yes that trailing space was added by the sender and is
removed; otherwise it is kept as the space between the joined words. A leading
space (after any ">" quote marks) is space-stuffing and is removed. The
signature separator "-- " is never soft.
"""

from __future__ import annotations

from dataclasses import dataclass

_SIGNATURE_SEPARATOR = "-- "


@dataclass(frozen=True, slots=True)
class _Line:
    depth: int
    content: str
    soft: bool


def _parse(line: str, delsp: bool) -> _Line:
    content = line.lstrip(">")
    depth = len(line) - len(content)
    if content.startswith(" "):
        content = content[1:]
    soft = content.endswith(" ") and content != _SIGNATURE_SEPARATOR
    if soft and delsp:
        content = content[:-1]
    return _Line(depth, content, soft)


def _render(depth: int, content: str) -> str:
    if not depth:
        return content
    marks = ">" * depth
    return f"{marks} {content}" if content else marks


def unflow(text: str, delsp: bool) -> str:
    """Join the soft line breaks of a format=flowed ``text`` ("\\n" line ends)."""
    out: list[str] = []
    pending: _Line | None = None
    for raw in text.split("\n"):
        line = _parse(raw, delsp)
        if pending is not None and pending.depth == line.depth:
            line = _Line(line.depth, pending.content + line.content, line.soft)
        elif pending is not None:
            out.append(_render(pending.depth, pending.content))
        pending = line if line.soft else None
        if not line.soft:
            out.append(_render(line.depth, line.content))
    if pending is not None:
        out.append(_render(pending.depth, pending.content))
    return "\n".join(out)
