"""A mail buffer: where its header block ends, and where each character of the decoded
body the findings point into stands in the buffer.

A message composed in an editor (mutt, aerc, Emacs) holds its body as written, so the
decoded body is found verbatim after the headers (line ends aside). A saved ``.eml`` may
hold it quoted-printable, flowed or as HTML: then the body is aligned with the buffer
(:class:`difflib.SequenceMatcher`), and a character the buffer does not show as such
(base64, an entity) takes the place of the nearest one before it that it does.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from difflib import SequenceMatcher

EMACS_SEPARATOR = "--text follows this line--"
"""The line Emacs message-mode writes between the headers and the body."""
ALIGN_LIMIT = 20_000
"""Longest body aligned character by character; a longer one that is not found verbatim
is placed at the start of the body."""
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")

Place = Callable[[int], int]
"""A body offset → a buffer offset."""


def header_end(text: str) -> int | None:
    """The offset of the line that ends the header block (a blank line, or Emacs's
    separator), or ``None`` when the text has none."""
    offset = 0
    for match in _LINE.finditer(text):
        line = match.group().rstrip("\r\n")
        if not line.strip() or line == EMACS_SEPARATOR:
            return offset
        offset = match.end()
        if offset >= len(text):
            break
    return None


def for_parsing(text: str) -> str:
    """``text`` as the message parser reads it: Emacs's separator line left blank."""
    end = header_end(text)
    if end is None or not text.startswith(EMACS_SEPARATOR, end):
        return text
    return text[:end] + text[end + len(EMACS_SEPARATOR) :]


def body_placer(text: str, body: str) -> Place:
    """Where each offset of the decoded ``body`` stands in the buffer ``text``."""
    start = header_end(text)
    start = 0 if start is None else start
    lf, index = _newlines_as_lf(text[start:])
    at = lf.find(body)
    if at >= 0:
        return lambda offset: start + index[min(at + max(offset, 0), len(index) - 1)]
    if len(body) > ALIGN_LIMIT:
        return lambda offset: start
    blocks = SequenceMatcher(None, body, lf, autojunk=False).get_matching_blocks()
    body_starts = [b.a for b in blocks]

    def place(offset: int) -> int:
        block = blocks[max(bisect.bisect_right(body_starts, offset) - 1, 0)]
        inside = min(max(offset - block.a, 0), block.size)
        return start + index[min(block.b + inside, len(index) - 1)]

    return place


def _newlines_as_lf(text: str) -> tuple[str, list[int]]:
    """``text`` with each line break as ``\\n``, and the offset in ``text`` of each of its
    characters (one more: its end)."""
    chars: list[str] = []
    index: list[int] = []
    i = 0
    while i < len(text):
        index.append(i)
        if text.startswith("\r\n", i):
            chars.append("\n")
            i += 2
            continue
        chars.append("\n" if text[i] == "\r" else text[i])
        i += 1
    index.append(len(text))
    return "".join(chars), index
