"""Decode message bytes with the declared charset, falling back when it is wrong.

A declared charset is trusted when the bytes decode with it, except that bytes
labelled with a legacy 8-bit charset (latin-1, cp1252, koi8-r, …) that are
valid non-ASCII UTF-8 are taken as UTF-8: such a coincidence does not happen in
real text, while the mislabel is common. So are UTF-8 bytes labelled UTF-16 or UTF-32
(those would hold a NUL byte for every ASCII character). When the label is unknown or
the bytes do not fit it, bytes that are UTF-8 but for a few stray bytes are read as
UTF-8, each stray byte as cp1252 where it stands; others go down the chain utf-8 →
cp1252 → latin-1, and the last never fails. Every fallback is reported as a warning. A
label naming a codec that is no character set (``base64``, ``rot13``, ``zlib``,
``idna``) is an unknown charset.
"""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass, replace
from functools import cache

from cscomm.text_decoding import decode_lenient, sniff_utf16, stray_notice

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
    exact: bool = True
    """Encoding ``text`` with ``codec`` gives the bytes back (not so when stray bytes that
    were not UTF-8 were read as cp1252)."""


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


def _fall_back(raw: bytes, skip: str | None) -> tuple[Decoded, str]:
    """The bytes read without (or against) their label, and how, for the warning: UTF-8 with
    its stray bytes read as cp1252 where they stand, else the first codec of the chain that
    fits."""
    lenient = decode_lenient(raw)
    if lenient.stray and lenient.utf8:
        return Decoded(lenient.text, "utf-8", exact=False), stray_notice(lenient)
    for codec in _FALLBACK_CHAIN:
        if codec == skip:
            continue
        text = _strict(raw, codec)
        if text is not None:
            return Decoded(text, codec), f"decoded as {codec}"
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def decode_bytes(raw: bytes, declared: str | None, what: str) -> Decoded:
    """Decode ``raw`` labelled ``declared``; ``what`` names it in warnings ("body")."""
    label = (declared or "").strip().strip('"').lower()
    if not label:
        if raw.isascii():
            return Decoded(raw.decode("ascii"), "ascii")
        found, how = _fall_back(raw, None)
        warning = f"{what} declared no charset; {how}"
    elif (codec := _codec_name(label)) is None:
        found, how = _fall_back(raw, None)
        warning = f'{what} declared unknown charset "{label}"; {how}'
    elif _mislabelled(codec, raw):
        found, how = _fall_back(raw, None)
        warning = f'{what} declared charset "{label}" but is utf-8; decoded as utf-8'
    elif (text := _strict(raw, ordered := _byte_order(codec, raw))) is not None:
        return Decoded(text, ordered)
    else:
        found, how = _fall_back(raw, codec)
        warning = f'{what} declared charset "{label}" but was not valid; {how}'
    logger.debug("%s", warning)
    return replace(found, warning=warning)


def _mislabelled(codec: str, raw: bytes) -> bool:
    """Tell whether UTF-8 bytes carry a label they would decode under into other text: a
    legacy 8-bit charset (when they go beyond ASCII), or UTF-16 or UTF-32 (whose text
    would hold NUL bytes for every ASCII character)."""
    if _is_legacy_8bit(codec):
        return not raw.isascii() and _strict(raw, "utf-8") is not None
    wide = codec.startswith(("utf-16", "utf-32"))
    return wide and bool(raw) and b"\x00" not in raw and _strict(raw, "utf-8") is not None


def _byte_order(codec: str, raw: bytes) -> str:
    """``utf-16`` without a byte-order mark in the byte order its text has (Python would
    read it little-endian, RFC 2781 big-endian)."""
    if codec != "utf-16" or raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return codec
    return sniff_utf16(raw) or codec
