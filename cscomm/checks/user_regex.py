"""The patterns of user rule packs, compiled with RE2: linear time, whatever the pattern.

Python's ``re`` backtracks: ``(a+)+$`` takes minutes on thirty a's. The built-in packs
are audited for that (``tests/robustness``); a user pack is not, so its patterns run on
RE2 (``google-re2``), which never backtracks. RE2 has no look-around and no
back-references: a pattern that uses them is a load error naming the file and key.

The word bounds of ``compile_phrases`` (no letter, digit, ``_`` or ``-`` on either side)
are look-arounds in ``re``; here they are a consumed character (or the text's edge) on
each side of a capture group, and each search resumes one character back, so adjacent
matches are all found. In a user pattern, ``\\w``, ``\\d``, ``\\s`` and ``\\b`` are ASCII
(RE2's meaning); the word bounds themselves know every script.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import re2

_NOT_WORD_CHAR = r"[^\pL\pN_-]"
_BLOCK = 1024


class UserPatternError(ValueError):
    """RE2 cannot compile the pattern; the message says why."""


@dataclass(frozen=True, slots=True)
class UserMatch:
    """A match: its span in the text, and the text matched."""

    string: str
    begin: int
    finish: int
    pattern: UserPattern

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def span(self) -> tuple[int, int]:
        return self.begin, self.finish

    def group(self) -> str:
        return self.string[self.begin : self.finish]

    def expand(self, template: str) -> str:
        """``template`` (``\\g<0>``, ``\\g<name>``, ``\\1``) filled from this match."""
        found = self.pattern.plain.fullmatch(self.group())
        return self.group() if found is None else str(found.expand(template))


class UserPattern:
    """A user pattern with the part of ``re.Pattern``'s interface that the rule kinds use:
    ``finditer``, ``search``, ``match`` and ``fullmatch`` (positions in characters)."""

    def __init__(self, body: str, ignorecase: bool, bounded: bool) -> None:
        self.pattern = body
        self.bounded = bounded
        flags = "(?i)" if ignorecase else ""
        self.plain = _compile(f"{flags}(?:{body})")
        tail = f"(?:{_NOT_WORD_CHAR}|$)" if bounded else ""
        self._inside = _compile(f"{flags}{_NOT_WORD_CHAR}({body}){tail}")
        self._at_start = _compile(f"{flags}^({body}){tail}")
        self._anchored = _compile(f"{flags}({body}){tail}")

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[UserMatch]:
        """Non-overlapping matches in ``text[pos:endpos]``, in order."""
        end = len(text) if endpos is None else min(endpos, len(text))
        if not self.bounded:
            yield from self._spans(text, pos, end)
            return
        encoded = _encoded(text)
        context = max(pos - 1, 0)  # the character before ``pos`` decides a word bound
        base = encoded.byte(context)
        window = encoded.data[base : encoded.byte(end)]
        at = 0
        if pos == 0:
            first = self._at_start.match(window)
            if first is not None:
                yield self._found(encoded, base, first)
                at = _after(window, first.end(1), first.start(1))
        while at <= len(window):
            found = self._inside.search(window, _back(window, at))
            if found is None:
                return
            yield self._found(encoded, base, found)
            at = _after(window, found.end(1), found.start(1))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> UserMatch | None:
        return next(self.finditer(text, pos, endpos), None)

    def match(self, text: str, pos: int = 0) -> UserMatch | None:
        """A match that starts at ``pos`` (word bound after it, not before)."""
        encoded = _encoded(text)
        found = self._anchored.match(encoded.data, encoded.byte(pos))
        return None if found is None else self._found(encoded, 0, found)

    def fullmatch(self, string: str) -> UserMatch | None:
        found = self.plain.fullmatch(string.encode("utf-8", "surrogatepass"))
        return None if found is None else UserMatch(string, 0, len(string), self)

    def _spans(self, text: str, pos: int, end: int) -> Iterator[UserMatch]:
        encoded = _encoded(text)
        base = encoded.byte(pos)
        for found in self.plain.finditer(encoded.data[base : encoded.byte(end)]):
            yield UserMatch(text, encoded.char(base + found.start()), encoded.char(base + found.end()), self)

    def _found(self, encoded: _Encoded, base: int, found: re2._Match) -> UserMatch:
        start, end = found.span(1)
        return UserMatch(encoded.text, encoded.char(base + start), encoded.char(base + end), self)


def compile_user_phrases(phrases: Sequence[str], ignorecase: bool, bounded: bool) -> UserPattern:
    """One pattern for ``phrases`` (each a regex), as ``compile_phrases`` builds for ``re``."""
    body = "|".join(f"(?:{p})" for p in sorted(phrases, key=len, reverse=True))
    return UserPattern(body, ignorecase, bounded)


def compile_user_swaps(
    swaps: Sequence[str], ignorecase: bool, bounded: bool = True
) -> tuple[UserPattern, ...]:
    """``compile_swaps`` for a user pack: the alternation, then each swap on its own."""
    return (
        UserPattern("|".join(f"(?:{bad})" for bad in swaps), ignorecase, bounded=bounded),
        *(UserPattern(bad, ignorecase, bounded=bounded) for bad in swaps),
    )


def _compile(source: str) -> re2._Regexp:
    options = re2.Options()
    options.log_errors = False  # RE2 would print to stderr; the error is raised instead
    try:
        return re2.compile(source, options)
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise UserPatternError(reason) from None


def _back(data: bytes, at: int) -> int:
    """The start of the character before byte ``at`` (0 at the start)."""
    at = max(at - 1, 0)
    while at > 0 and data[at] & 0xC0 == 0x80:
        at -= 1
    return at


def _after(data: bytes, end: int, start: int) -> int:
    """Where the next search may put a match: the end of this one, past it if it is empty."""
    if end > start:
        return end
    end += 1
    while end < len(data) and data[end] & 0xC0 == 0x80:
        end += 1
    return end


@dataclass(frozen=True, slots=True)
class _Encoded:
    """A text as UTF-8, with byte offsets of every :data:`_BLOCK`-th character."""

    text: str
    data: bytes
    marks: tuple[int, ...]

    def byte(self, char: int) -> int:
        if len(self.data) == len(self.text):
            return char
        block = char // _BLOCK
        return self.marks[block] + len(self.text[block * _BLOCK : char].encode("utf-8", "surrogatepass"))

    def char(self, byte: int) -> int:
        if len(self.data) == len(self.text):
            return byte
        block = bisect.bisect_right(self.marks, byte) - 1
        return block * _BLOCK + len(self.data[self.marks[block] : byte].decode("utf-8", "surrogatepass"))


@functools.lru_cache(maxsize=4)
def _encoded(text: str) -> _Encoded:
    data = text.encode("utf-8", "surrogatepass")
    if len(data) == len(text):
        return _Encoded(text, data, ())
    sizes = (len(text[i : i + _BLOCK].encode("utf-8", "surrogatepass")) for i in range(0, len(text), _BLOCK))
    return _Encoded(text, data, tuple(itertools.accumulate(sizes, initial=0))[:-1])  # each block's start
