"""The draft read from a message: the text to lint and what surrounds it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SourceFormat(StrEnum):
    """Which MIME body the text was read from."""

    PLAIN = "plain"
    HTML = "html"


@dataclass(frozen=True, slots=True)
class MailDraft:
    """A parsed message, ready for the plain-text document model.

    ``body`` is the reply followed, if the message quotes one, by a blank line,
    an attribution line ("On … wrote:" or "-----Original Message-----") and the
    quoted message with every line prefixed by "> ". Plain-text bodies are kept
    as sent (only line ends are normalised to "\\n" and format=flowed is undone),
    so a plain-text Outlook reply keeps its unprefixed "From: … Sent: …" block.
    """

    body: str
    subject: str
    from_name: str
    from_addr: str
    to: tuple[tuple[str, str], ...]
    attachments: tuple[str, ...]
    charset_warnings: tuple[str, ...]
    source_format: SourceFormat
    headers: tuple[tuple[str, str], ...]
    #: Structural problems (MIME defects, unparseable headers) that were worked around.
    warnings: tuple[str, ...] = ()
    #: The reply's signature block cut from an HTML body (always "" for plain text).
    signature: str = ""
