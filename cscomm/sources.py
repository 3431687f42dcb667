"""Read input files and standard input into text, decoding what we can."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path

from cscomm.errors import InputError
from cscomm.text_decoding import decode_lenient, sniff_utf16, stray_notice

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = set(range(9)) | {11, 12} | set(range(14, 32)) | {127}
TEXT_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".eml", ".msg", ".letter", ".memo", ""}
)


@dataclass(frozen=True, slots=True)
class Source:
    """Decoded input: the text, where it came from, and how it was decoded."""

    text: str
    path: str
    raw: bytes
    warning: str = ""
    read_only: str = ""
    """Why the file cannot be written back (an Outlook ``.msg``, read as the message it holds)."""


def read_path(path: str) -> Source:
    """Read ``path`` (``-`` for standard input) and decode it."""
    if path == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>")
    file = Path(path)
    if file.is_dir():
        raise InputError(f"{path}: is a directory")
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return decode(data, path)


def decode(data: bytes, path: str) -> Source:
    """Decode ``data``: by its BOM; else as UTF-16 if it has that shape; else as UTF-8, a
    stray byte that is not UTF-8 read as cp1252 where it stands (with a warning); a file
    with no UTF-8 in it is cp1252 (latin-1 if it has no byte 0x80-0x9F), with a warning.

    An Outlook ``.msg`` file becomes the RFC 822 message it holds (:mod:`cscomm.mail.outlook`).
    """
    if path.lower().endswith(".msg"):
        from cscomm.mail.outlook import READ_ONLY, is_outlook, message_bytes

        if is_outlook(data):
            message = message_bytes(data, path)
            return Source(message.decode("utf-8", errors="replace"), path, message, read_only=READ_ONLY)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"{path}: invalid {encoding.upper()} text") from None
            warning = "" if encoding == "utf-8-sig" else f"decoded as {encoding.upper()} (byte-order mark)"
            return _checked(Source(text, path, data, warning))
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    if utf8 is None or _binary(utf8):  # UTF-16 of Thai or CJK text may be valid ASCII
        utf16 = sniff_utf16(data)
        if utf16 is not None:
            warning = f"decoded as {utf16.upper()} (no byte-order mark)"
            return _checked(Source(data.decode(utf16), path, data, warning))
    if utf8 is not None:
        return _checked(Source(utf8, path, data))
    if b"\x00" in data:
        raise InputError(f"{path}: binary file, not text")
    lenient = decode_lenient(data)
    if lenient.utf8:
        return _checked(Source(lenient.text, path, data, stray_notice(lenient)))
    # Without bytes 0x80-0x9F, cp1252 and latin-1 agree, and latin-1 is the plainer name.
    encoding = "cp1252" if any(0x80 <= b <= 0x9F for b in data) else "latin-1"
    return _checked(Source(lenient.text, path, data, f"not valid UTF-8; decoded as {encoding}"))


def _checked(source: Source) -> Source:
    if not source.text.strip():
        raise InputError(f"{source.path}: empty file, nothing to check")
    if _binary(source.text):
        raise InputError(f"{source.path}: binary file, not text")
    return source


def _binary(text: str) -> bool:
    """Tell whether ``text`` starts with more control characters than text has."""
    control = sum(1 for c in text[:4096] if ord(c) in _CONTROL)
    return control > max(2, len(text[:4096]) // 100)
