"""Find the text bodies and the attachments in the MIME tree of a message.

Every leaf part is one of: a text/plain or text/html body (not an attachment
and, unless marked inline, without a file name), an inline resource of the HTML
body (a part with a Content-ID inside multipart/related), or an attachment (a
part with Content-Disposition: attachment, a file name, or a whole attached
message). Attached messages are not opened. A multipart part whose boundary
parameter is missing is re-read with the first boundary line found in it. Parts nested
deeper than :data:`MAX_DEPTH` multiparts are not read, with a warning.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from typing import cast

from cscomm.mail.notes import Notes

logger = logging.getLogger(__name__)

MAX_DEPTH = 50
TOO_DEEP = f"multipart parts nest deeper than {MAX_DEPTH} levels; the deeper ones were not read"
_BOUNDARY_LINE = re.compile(r"^--(\S{1,70}?)(?:--)?[ \t]*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Structure:
    """Body parts in document order, attachment names, and MIME defects found."""

    plain: tuple[EmailMessage, ...]
    html: tuple[EmailMessage, ...]
    attachments: tuple[str, ...]
    warnings: tuple[str, ...]


@dataclass(slots=True)
class _Found:
    plain: list[EmailMessage] = field(default_factory=list)
    html: list[EmailMessage] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    notes: Notes = field(default_factory=Notes)


def _reparse(head: str, payload: str) -> EmailMessage:
    data = f"{head}\n\n{payload}".encode("utf-8", "surrogateescape")
    return message_from_bytes(data, policy=default)


def _recover(part: EmailMessage, found: _Found) -> EmailMessage:
    """Re-read a multipart part that has no boundary parameter."""
    payload = part.get_payload()
    text = payload if isinstance(payload, str) else ""
    ctype = part.get_content_type()
    match = _BOUNDARY_LINE.search(text)
    if match is None:
        found.notes.other.append(f"{ctype} part has no boundary; read as plain text")
        return _reparse("Content-Type: text/plain", text)
    boundary = match.group(1)
    found.notes.other.append(f'{ctype} part has no boundary; used "{boundary}"')
    return _reparse(f'Content-Type: {ctype}; boundary="{boundary}"', text)


def _is_body(part: EmailMessage, disposition: str | None) -> bool:
    if part.get_content_type() not in ("text/plain", "text/html"):
        return False
    if disposition == "attachment":
        return False
    return part.get_filename() is None or disposition == "inline"


def _visit(
    part: EmailMessage, parent_type: str, found: _Found, recovered: bool = False, depth: int = 0
) -> None:
    if depth > MAX_DEPTH:
        found.notes.other.append(TOO_DEEP)
        return
    for defect in part.defects:
        found.notes.defect(part.get_content_type(), defect)
    is_multipart = part.get_content_maintype() == "multipart"
    if is_multipart and not part.is_multipart() and not recovered:
        _visit(_recover(part, found), parent_type, found, recovered=True, depth=depth)
        return
    if is_multipart and part.is_multipart():
        for child in part.iter_parts():
            _visit(cast(EmailMessage, child), part.get_content_type(), found, depth=depth + 1)
        return
    disposition = part.get_content_disposition()
    if _is_body(part, disposition):
        is_plain = part.get_content_subtype() == "plain"
        (found.plain if is_plain else found.html).append(part)
    elif parent_type == "multipart/related" and part["Content-ID"] is not None:
        logger.debug("skipped inline resource %s", part["Content-ID"])
    elif (
        disposition == "attachment"
        or part.get_filename() is not None
        or part.get_content_type() == "message/rfc822"
    ):
        found.attachments.append(part.get_filename() or _unnamed(part))


def _unnamed(part: EmailMessage) -> str:
    extension = mimetypes.guess_extension(part.get_content_type()) or ".bin"
    return f"unnamed{extension}"


def analyse(message: EmailMessage) -> Structure:
    """Classify the parts of ``message``."""
    found = _Found()
    _visit(message, "", found)
    return Structure(
        tuple(found.plain),
        tuple(found.html),
        tuple(found.attachments),
        tuple(dict.fromkeys(found.notes.other)),
    )
