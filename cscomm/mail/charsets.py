"""Decode message bytes with the declared charset, falling back when it is wrong.

A declared charset is trusted when the bytes decode with it, except that bytes
labelled with a legacy 8-bit charset (latin-1, cp1252, koi8-r, …) that are
valid non-ASCII UTF-8 are taken as UTF-8: such a coincidence does not happen in
real text, while the mislabel is common. When the label is unknown or the bytes
do not fit it, the fallback chain is utf-8 → cp1252 → latin-1, and the last
never fails. Every fallback is reported as a warning. A label naming a codec that is
no character set (``base64``, ``rot13``, ``zlib``, ``idna``) is an unknown charset.
"""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass
from functools import cache

logger = logging.getLogger(__name__)

_FALLBACK_CHAIN = ("utf-8", "cp1252", "latin-1")

# Labels that mail clients use for what is in practice a superset (as browsers do).
_SUPERSETS = {
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "shift_jis": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
}


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, the codec used, and why it was not the declared one."""

    text: str
    codec: str
    warning: str | None = None


_NOT_CHARSETS = frozenset({"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape"})
"""Text codecs of Python's that no message is written in."""


def _codec_name(label: str) -> str | None:
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError):  # ValueError: a NUL in the label
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None  # a bytes-to-bytes codec (base64, zlib) or a str-to-str one (rot13)
    return _SUPERSETS.get(info.name, info.name)


@cache
def _is_legacy_8bit(codec: str) -> bool:
    """Tell whether ``codec`` is a single-byte ASCII superset (not UTF-8)."""
    if codec == "utf-8":
        return False
    high = bytes(range(128, 256)).decode(codec, errors="replace")
    return len(high) == 128


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except (UnicodeError, LookupError):
        return None


def _fall_back(raw: bytes, skip: str | None) -> Decoded:
    for codec in _FALLBACK_CHAIN:
        if codec == skip:
            continue
        text = _strict(raw, codec)
        if text is not None:
            return Decoded(text, codec)
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def decode_bytes(raw: bytes, declared: str | None, what: str) -> Decoded:
    """Decode ``raw`` labelled ``declared``; ``what`` names it in warnings ("body")."""
    label = (declared or "").strip().strip('"').lower()
    if not label:
        if raw.isascii():
            return Decoded(raw.decode("ascii"), "ascii")
        found = _fall_back(raw, None)
        warning = f"{what} declared no charset; decoded as {found.codec}"
    elif (codec := _codec_name(label)) is None:
        found = _fall_back(raw, None)
        warning = f'{what} declared unknown charset "{label}"; decoded as {found.codec}'
    elif _is_legacy_8bit(codec) and not raw.isascii() and _strict(raw, "utf-8") is not None:
        found = _fall_back(raw, None)
        warning = f'{what} declared charset "{label}" but is utf-8; decoded as utf-8'
    elif (text := _strict(raw, codec)) is not None:
        return Decoded(text, codec)
    else:
        found = _fall_back(raw, codec)
        warning = f'{what} declared charset "{label}" but was not valid; decoded as {found.codec}'
    logger.debug("%s", warning)
    return Decoded(found.text, found.codec, warning)
