"""The prose of a template, built character by character with each one's file offset."""

from __future__ import annotations

from dataclasses import dataclass

from cscomm.directives import Comment

_CLOSING_PUNCTUATION = frozenset(".,;:!?)")


@dataclass(frozen=True, slots=True)
class Prose:
    """The text to check, the file offset of each of its characters (plus one for its
    end), and the file's HTML comments (where directives live)."""

    text: str
    offsets: tuple[int, ...]
    comments: tuple[Comment, ...] = ()


class ProseWriter:
    """Collects prose: text copied from the file, characters put in for the layout
    (line breaks, quote marks), and gaps where something was left out (inline code)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._chars: list[str] = []
        self._offsets: list[int] = []
        self._comments: list[Comment] = []
        self._gap = False

    def copy(self, text: str, offsets: list[int]) -> None:
        """Text from the file; ``offsets`` gives each character's place in it."""
        if self._gap and self._chars and self._chars[-1] == " ":
            if text[:1].isspace():
                stripped = len(text) - len(text.lstrip())
                text, offsets = text[stripped:], offsets[stripped:]
            elif text[:1] in _CLOSING_PUNCTUATION:  # "set it to `true`." reads "set it to."
                self._chars.pop()
                self._offsets.pop()
        self._gap = False
        self._chars.extend(text)
        self._offsets.extend(offsets)

    def put(self, text: str, at: int | None = None) -> None:
        """Characters that are not in the file as such, placed at ``at`` (default: just
        after the last character copied)."""
        if at is None:
            at = min(self._offsets[-1] + 1, self._size) if self._offsets else 0
        self._gap = False
        self._chars.extend(text)
        self._offsets.extend([at] * len(text))

    def gap(self) -> None:
        """Something was left out here; spaces around it are not doubled."""
        self._gap = True

    def comment(self, start: int, end: int, body: str) -> None:
        self._comments.append(Comment(start, end, body))

    @property
    def empty(self) -> bool:
        return not self._chars

    def prose(self) -> Prose:
        end = min(self._offsets[-1] + 1, self._size) if self._offsets else 0
        return Prose("".join(self._chars), (*self._offsets, end), tuple(self._comments))
