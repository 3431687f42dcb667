"""Offsets in a buffer's text and LSP positions, both ways.

cscomm counts in code points (Python ``str`` indices); LSP counts a position's
``character`` in the code units of the encoding agreed at ``initialize``: UTF-16 unless
the client offered UTF-8 or UTF-32 (``general.positionEncodings``). Lines end at
``\\r\\n``, ``\\r`` or ``\\n``, as in the LSP specification and :class:`cscomm.document.LineIndex`
(not at the other breaks ``str.splitlines`` knows).
"""

from __future__ import annotations

import bisect
import re

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` ``text`` takes."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


class PositionMap:
    """Converts between ``str`` offsets of ``text`` and LSP ``(line, character)`` pairs."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding if encoding in (UTF8, UTF32) else UTF16
        self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        """The 0-based line and character of ``offset`` (clamped to the text)."""
        offset = min(max(offset, 0), len(self.text))
        line = bisect.bisect_right(self._starts, offset) - 1
        return line, _units(self.text[self._starts[line] : offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The offset of an LSP position; past a line's end is its end, past the last line
        the text's end (as the specification asks of clients' positions)."""
        if line < 0:
            return 0
        if line >= len(self._starts):
            return len(self.text)
        start = self._starts[line]
        end = self._line_end(line)
        if self.encoding == UTF32:
            return min(start + max(character, 0), end)
        counted = 0
        for index in range(start, end):
            if counted >= character:
                return index
            counted += _units(self.text[index], self.encoding)
        return end

    def _line_end(self, line: int) -> int:
        """The offset of ``line``'s line break (or the text's end)."""
        if line + 1 >= len(self._starts):
            return len(self.text)
        end = self._starts[line + 1]
        return end - (2 if self.text[end - 2 : end] == "\r\n" else 1)
