"""Parse an RFC 822/MIME message into the draft a linter should check."""

from __future__ import annotations

import binascii
import logging
from dataclasses import dataclass
from email import message_from_bytes
from email.errors import InvalidBase64LengthDefect
from email.message import EmailMessage
from email.policy import default

from cscomm.mail.charsets import decode_bytes
from cscomm.mail.draft import MailDraft, SourceFormat
from cscomm.mail.errors import MailParseError
from cscomm.mail.flowed import unflow
from cscomm.mail.headers import read_envelope
from cscomm.mail.html_text import html_to_text
from cscomm.mail.notes import Notes
from cscomm.mail.structure import TOO_DEEP, analyse

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Body:
    text: str
    source_format: SourceFormat
    signature: str
    charset_warnings: tuple[str, ...]
    warnings: tuple[str, ...]


def _transfer_decode(part: EmailMessage, what: str, notes: Notes) -> bytes:
    """Undo the transfer encoding; base64 cut mid-quantum keeps its whole quanta."""
    known_defects = len(part.defects)
    payload = part.get_payload(decode=True)
    raw = payload if isinstance(payload, bytes) else b""
    new_defects = part.defects[known_defects:]
    for defect in new_defects:
        notes.defect(what, defect)
    if any(isinstance(defect, InvalidBase64LengthDefect) for defect in new_defects):
        # The parser hands back the undecoded text; drop the dangling character.
        encoded = "".join(str(part.get_payload()).split())
        try:
            raw = binascii.a2b_base64(encoded[:-1])
        except binascii.Error:
            logger.debug("%s: base64 could not be salvaged", what)
    return raw


def _decode(part: EmailMessage, what: str, notes: Notes) -> str:
    """Decode a body part's transfer encoding and charset; note what went wrong."""
    raw = _transfer_decode(part, what, notes)
    decoded = decode_bytes(raw, part.get_content_charset(), what)
    if decoded.warning:
        notes.charset.append(decoded.warning)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    return text.removeprefix("\ufeff")


def _name(index: int) -> str:
    return "body" if index == 0 else f"body part {index + 1}"


def _plain(parts: tuple[EmailMessage, ...]) -> _Body:
    notes = Notes()
    texts: list[str] = []
    for index, part in enumerate(parts):
        text = _decode(part, _name(index), notes)
        if str(part.get_param("format", "")).lower() == "flowed":
            text = unflow(text, str(part.get_param("delsp", "")).lower() == "yes")
        texts.append(text)
    return _Body(
        "\n".join(texts),
        SourceFormat.PLAIN,
        "",
        tuple(notes.charset),
        tuple(notes.other),
    )


def _html(parts: tuple[EmailMessage, ...]) -> _Body:
    notes = Notes()
    bodies: list[str] = []
    signatures: list[str] = []
    for index, part in enumerate(parts):
        converted = html_to_text(_decode(part, _name(index), notes))
        bodies.append(converted.body)
        signatures.append(converted.signature)
    text = "\n\n".join(body for body in bodies if body)
    signature = "\n".join(sig for sig in signatures if sig)
    return _Body(
        f"{text}\n" if text else "",
        SourceFormat.HTML,
        signature,
        tuple(notes.charset),
        tuple(notes.other),
    )


def parse_message(data: bytes) -> MailDraft:
    """Parse the RFC 822/MIME message ``data`` into a `MailDraft`.

    The text/plain body is preferred; a message whose plain text is missing or
    blank is read from its text/html body. Malformed MIME and wrong charsets
    are worked around and reported in ``warnings`` / ``charset_warnings``.

    Raises:
        MailParseError: the message has no text at all.
    """
    try:
        message = message_from_bytes(data, policy=default)
    except RecursionError:  # the standard parser recurses once per nested multipart
        raise MailParseError("its multipart parts nest too deeply to be read") from None
    envelope = read_envelope(message)
    structure = analyse(message)
    body = _plain(structure.plain)
    if not body.text.strip():
        body = _html(structure.html)
    if not body.text.strip():
        deep = f" ({TOO_DEEP})" if TOO_DEEP in structure.warnings else ""
        raise MailParseError(f"message has no text body{deep}")
    logger.debug("read %s body of %d characters", body.source_format, len(body.text))
    return MailDraft(
        body=body.text,
        subject=envelope.subject,
        from_name=envelope.sender[0],
        from_addr=envelope.sender[1],
        to=envelope.to,
        attachments=structure.attachments,
        charset_warnings=envelope.charset_warnings + body.charset_warnings,
        source_format=body.source_format,
        headers=envelope.extra,
        warnings=envelope.warnings + structure.warnings + body.warnings,
        signature=body.signature,
    )
