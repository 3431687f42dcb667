"""Read input files and standard input into text, decoding what we can."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path

from cscomm.errors import InputError

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
    """Decode ``data``: BOM, then UTF-8, then cp1252, then latin-1 (with a warning).

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
    if b"\x00" in data:
        raise InputError(f"{path}: binary file, not text")
    try:
        return _checked(Source(data.decode("utf-8"), path, data))
    except UnicodeDecodeError:
        pass
    # Without bytes 0x80-0x9F, cp1252 and latin-1 agree, and latin-1 is the plainer name.
    windows = any(0x80 <= b <= 0x9F for b in data)
    encoding = "cp1252" if windows else "latin-1"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
        encoding, text = "latin-1", data.decode("latin-1")
    return _checked(Source(text, path, data, f"not valid UTF-8; decoded as {encoding}"))


def _checked(source: Source) -> Source:
    if not source.text.strip():
        raise InputError(f"{source.path}: empty file, nothing to check")
    control = sum(1 for c in source.text[:4096] if ord(c) in _CONTROL)
    if control > max(2, len(source.text[:4096]) // 100):
        raise InputError(f"{source.path}: binary file, not text")
    return source
