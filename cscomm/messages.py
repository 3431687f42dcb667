"""Turn an input file into a draft: plain text as it is, email messages via MIME parsing,
Markdown and HTML templates via :mod:`cscomm.templates`."""

from __future__ import annotations

from cscomm.document import Envelope
from cscomm.draft import Draft
from cscomm.errors import InputError
from cscomm.sources import Source
from cscomm.suppression import IGNORE_HEADER, from_header

MAIL_NOTICE = "email message: line:col refer to the decoded message body"


def is_message(source: Source) -> bool:
    """An RFC 822 message: a ``.eml`` file, or text that starts with mail headers."""
    from cscomm.mail import looks_like_message

    return source.path.lower().endswith(".eml") or looks_like_message(source.raw)


def draft_from_message(data: bytes, path: str, incoming: str | None = None) -> Draft:
    """The draft in an email message: its decoded body, subject, recipients, attachments."""
    from cscomm.mail import MailParseError, parse_message

    try:
        mail = parse_message(data)
    except MailParseError as exc:
        raise InputError(f"{path}: {exc}") from None
    envelope = Envelope(subject=mail.subject, recipients=mail.to, attachments=mail.attachments)
    notices = (MAIL_NOTICE, *mail.charset_warnings, *mail.warnings)
    ignored = from_header(value for name, value in mail.headers if name == IGNORE_HEADER)
    return Draft(mail.body, path, incoming, notices=notices, envelope=envelope, suppressions=ignored)


def draft_from_source(source: Source, incoming: str | None = None) -> Draft:
    """A :class:`Draft` for any input file."""
    from cscomm.templates import draft_from_template, is_template

    if is_template(source.path):
        return draft_from_template(source, incoming)
    if is_message(source):
        return draft_from_message(source.raw, source.path, incoming)
    notices = (source.warning,) if source.warning else ()
    return Draft(source.text, source.path, incoming, notices=notices)
