"""Decode bytes that are almost UTF-8, and tell UTF-16 without a byte-order mark.

A UTF-8 file with one stray byte (a character pasted from a cp1252 program, a file cut
short) is still a UTF-8 file: :func:`decode_lenient` decodes it as UTF-8 and reads each
byte that is not UTF-8 as cp1252 (latin-1 for the five bytes cp1252 leaves undefined), one
character per byte, where it stands. A file with no UTF-8 sequence at all gets the same
characters a whole-file cp1252 decode would give it.

UTF-16 text read in its own byte order is printable and holds spaces or line breaks; read
in the other, or as cp1252 read in pairs, it does not: :func:`sniff_utf16` tells which.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_ESCAPED = re.compile("[\udc80-\udcff]")
_UTF8_BEYOND_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")
_AS_CP1252 = {
    0xDC00 + byte: bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte in range(0x80, 0x100)
}
"""A byte that surrogateescape kept (U+DC80 + byte) as the cp1252 character it is."""
_UTF16_SAMPLE = 2048
"""Characters of a file that :func:`sniff_utf16` looks at."""


@dataclass(frozen=True, slots=True)
class Lenient:
    """Text decoded as UTF-8 with its stray bytes read as cp1252.

    ``stray`` holds the offsets in ``text`` of the characters read from bytes that are
    not UTF-8; ``utf8`` whether the bytes hold any UTF-8 sequence beyond ASCII (if not,
    the file is in a legacy 8-bit encoding, not UTF-8 with stray bytes).
    """

    text: str
    stray: tuple[int, ...]
    utf8: bool

    def lines(self) -> list[int]:
        """The line numbers (1-based) of the stray bytes, each once, in order."""
        breaks = [m.start() for m in re.finditer("\n", self.text)]
        return sorted({bisect_right(breaks, offset) + 1 for offset in self.stray})


def decode_lenient(data: bytes) -> Lenient:
    """``data`` as UTF-8, each byte that is not UTF-8 read as cp1252 where it stands."""
    escaped = data.decode("utf-8", "surrogateescape")
    stray = tuple(m.start() for m in _ESCAPED.finditer(escaped))
    utf8 = _UTF8_BEYOND_ASCII.search(escaped) is not None
    return Lenient(escaped.translate(_AS_CP1252) if stray else escaped, stray, utf8)


def stray_notice(lenient: Lenient) -> str:
    """Say how many bytes were not UTF-8, on which lines, and how they were read."""
    lines = lenient.lines()
    shown = ", ".join(map(str, lines[:3])) + (f" and {len(lines) - 3} more" if len(lines) > 3 else "")
    count = len(lenient.stray)
    noun = "byte that is" if count == 1 else "bytes that are"
    where = f"line{'s' if len(lines) > 1 else ''} {shown}"
    return f"{count} {noun} not UTF-8 ({where}) read as cp1252; the rest is UTF-8"


def sniff_utf16(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` if ``data`` (with no byte-order mark) decodes as
    it into text: printable characters, and spaces or line breaks among them."""
    if len(data) < 4 or len(data) % 2:
        return None
    best: tuple[float, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            sample = data.decode(encoding)[:_UTF16_SAMPLE]
        except UnicodeDecodeError:
            continue
        if " " not in sample and "\n" not in sample:
            continue
        share = sum(c.isprintable() or c in "\t\r\n" for c in sample) / len(sample)
        if share >= 0.95 and (best is None or share > best[0]):
            best = (share, encoding)
    return best[1] if best else None
