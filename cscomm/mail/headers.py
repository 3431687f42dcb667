"""Read the subject, sender, recipients and other useful headers of a message.

Raw values are read with ``raw_items()`` so that 8-bit bytes (RFC 6532 UTF-8, or
a legacy charset sent raw) go through the charset fallback chain instead of
becoming replacement characters. RFC 2047 encoded words in unstructured headers
are decoded here for the same reason (in address lists, into quoted strings),
and the address lists are then parsed by ``email.policy.default``, with
``email.utils.getaddresses`` as a loose fallback for values it cannot parse.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default
from email.utils import getaddresses

from cscomm.mail.charsets import decode_bytes
from cscomm.mail.notes import Notes

logger = logging.getLogger(__name__)

#: Headers kept in `MailDraft.headers`, in this order, besides Subject/From/To.
EXTRA_HEADERS = (
    "Date",
    "Message-ID",
    "In-Reply-To",
    "References",
    "Cc",
    "Reply-To",
    "Content-Language",
    "X-Mailer",
    "User-Agent",
    "X-Cscomm-Ignore",
)

_ENCODED_WORD = re.compile(r"=\?([^?*\s]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=")
_FOLD = re.compile(r"\r?\n(?=[ \t])")

Address = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Envelope:
    """The headers a linter needs, decoded, and what went wrong reading them."""

    subject: str
    sender: Address
    to: tuple[Address, ...]
    extra: tuple[tuple[str, str], ...]
    charset_warnings: tuple[str, ...]
    warnings: tuple[str, ...]


def _raw_values(message: EmailMessage, name: str) -> list[str]:
    return [_FOLD.sub("", value) for key, value in message.raw_items() if key.lower() == name.lower()]


def _unescape(value: str, name: str, notes: Notes) -> str:
    """Decode raw 8-bit bytes, which the parser keeps as surrogate escapes.

    Raw UTF-8 is allowed in headers (RFC 6532); anything else is a warning.
    """
    if not any("\udc80" <= char <= "\udcff" for char in value):
        return value
    raw = value.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        decoded = decode_bytes(raw, None, name)
    if decoded.warning:
        notes.charset.append(decoded.warning)
    return decoded.text


def _word(match: re.Match[str], name: str, notes: Notes) -> str:
    charset, encoding, payload = match.groups()
    try:
        if encoding in "bB":
            raw = base64.b64decode(payload + "=" * (-len(payload) % 4))
        else:
            raw = binascii.a2b_qp(payload.encode("ascii", "replace"), header=True)
    except binascii.Error:
        notes.other.append(f"{name} has a malformed encoded word; kept as is")
        return match.group(0)
    decoded = decode_bytes(raw, charset, name)
    if decoded.warning:
        notes.charset.append(decoded.warning)
    return decoded.text


def _inside_quotes(value: str, position: int) -> bool:
    """Tell whether ``position`` in ``value`` is inside a quoted string."""
    inside = escaped = False
    for char in value[:position]:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            inside = not inside
    return inside


def _emit(words: list[str], phrase: bool, in_quotes: bool) -> str:
    text = "".join(words)
    if not phrase:
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return escaped if in_quotes else f'"{escaped}"'


def _decode_words(value: str, name: str, notes: Notes, phrase: bool = False) -> str:
    """Decode RFC 2047 encoded words, joining adjacent ones (RFC 2047 §6.2).

    With ``phrase`` (address headers) each run of words becomes a quoted string,
    so that a decoded comma or angle bracket cannot change the address list.
    """
    out: list[str] = []
    run: list[str] = []
    in_quotes = False
    end = 0
    for match in _ENCODED_WORD.finditer(value):
        gap = value[end : match.start()]
        if not run or gap.strip():
            if run:
                out.append(_emit(run, phrase, in_quotes))
                run = []
            out.append(gap)
            in_quotes = _inside_quotes(value, match.start())
        run.append(_word(match, name, notes))
        end = match.end()
    if run:
        out.append(_emit(run, phrase, in_quotes))
    out.append(value[end:])
    return "".join(out)


def _text(message: EmailMessage, name: str, notes: Notes) -> list[str]:
    label = f'header "{name}"'
    return [
        " ".join(_decode_words(_unescape(value, label, notes), label, notes).split())
        for value in _raw_values(message, name)
    ]


def _addresses(message: EmailMessage, name: str, notes: Notes) -> tuple[Address, ...]:
    label = f'header "{name}"'
    found: list[Address] = []
    for raw in _raw_values(message, name):
        value = _decode_words(_unescape(raw, label, notes), label, notes, phrase=True)
        try:
            header = default.header_factory(name, value)
            pairs = [(a.display_name, a.addr_spec) for a in header.addresses]
        except (ValueError, IndexError, TypeError) as error:
            logger.debug("%s: %s", label, error)
            notes.other.append(f"{label} could not be parsed strictly; read loosely")
            pairs = getaddresses([value])
        found.extend((n.strip(), a.strip()) for n, a in pairs if n.strip() or a.strip())
    return tuple(found)


def read_envelope(message: EmailMessage) -> Envelope:
    """Read the subject, first sender, recipients and `EXTRA_HEADERS`."""
    notes = Notes()
    subject = next(iter(_text(message, "Subject", notes)), "")
    sender = next(iter(_addresses(message, "From", notes)), ("", ""))
    to = _addresses(message, "To", notes)
    extra = tuple((name, value) for name in EXTRA_HEADERS for value in _text(message, name, notes) if value)
    return Envelope(
        subject,
        sender,
        to,
        extra,
        tuple(dict.fromkeys(notes.charset)),
        tuple(dict.fromkeys(notes.other)),
    )
