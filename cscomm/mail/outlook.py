"""Outlook ``.msg`` drafts: read with extract-msg into the RFC 822 message they hold.

A ``.msg`` file is an OLE compound file, not text. Its subject, sender, recipients,
plain-text body (else its HTML body) and attachment names are read with `extract-msg
<https://github.com/TeamMsgExtractor/msg-extractor>`_ and written out as a MIME message,
which is then checked as an ``.eml`` is (quoted thread, signature, attachments). The
library is an optional extra (``pip install 'cscomm[msg]'``): it is GPL-licensed and
brings a dozen packages that no other input needs. Without it, a ``.msg`` draft is a
one-line input error that says what to install. A ``.msg`` is read, never written:
``--fix`` reports its fixes and leaves the file alone.
"""

from __future__ import annotations

import io
import logging
from email.message import EmailMessage
from typing import Any

from cscomm.errors import InputError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
READ_ONLY = "an Outlook .msg file is only read; fix the draft in Outlook"
INSTALL_HINT = "pip install 'cscomm[msg]' (extract-msg)"


def is_outlook(data: bytes) -> bool:
    """Whether ``data`` is an OLE compound file (the container of ``.msg``)."""
    return data.startswith(OLE_MAGIC)


def message_bytes(data: bytes, path: str) -> bytes:
    """The RFC 822 form of the Outlook message ``data`` (read from ``path``).

    Raises:
        InputError: extract-msg is not installed, or ``data`` is not a readable message.
    """
    try:
        import extract_msg
    except ImportError:
        raise InputError(f"{path}: an Outlook .msg draft; reading it needs {INSTALL_HINT}") from None
    logging.getLogger("extract_msg").setLevel(logging.CRITICAL)  # it logs what it raises too
    try:
        msg = extract_msg.openMsg(io.BytesIO(data))  # bytes alone would be taken for a path
    except Exception as exc:  # the library raises many kinds for a damaged file
        raise InputError(f"{path}: cannot read the Outlook message ({_reason(exc)})") from None
    try:
        return _as_mime(msg).as_bytes()
    except Exception as exc:
        raise InputError(f"{path}: cannot read the Outlook message ({_reason(exc)})") from None
    finally:
        msg.close()


def _as_mime(msg: Any) -> EmailMessage:
    """A MIME message with the Outlook message's headers, body and attachment names."""
    mime = EmailMessage()
    for name, value in (("Subject", msg.subject), ("From", msg.sender), ("To", msg.to), ("Cc", msg.cc)):
        if value:
            mime[name] = " ".join(str(value).split())
    body = getattr(msg, "body", None)
    if body:
        mime.set_content(str(body).replace("\r\n", "\n"))
    else:
        html = getattr(msg, "htmlBody", None) or b""
        text = html.decode("utf-8", errors="replace") if isinstance(html, bytes) else str(html)
        mime.set_content(text, subtype="html")
    for attachment in getattr(msg, "attachments", ()):
        label = getattr(attachment, "longFilename", None) or getattr(attachment, "shortFilename", None)
        filename = str(label or "attachment")
        mime.add_attachment(b"", maintype="application", subtype="octet-stream", filename=filename)
    return mime


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
