"""Read RFC 822/MIME messages (.eml) into the draft a linter checks.

`parse_message` returns a `MailDraft` whose ``body`` is the reply followed by
the quoted customer message in "> " form; `looks_like_message` sniffs bytes;
`cscomm.quote_headers` finds the attribution line that starts a quote.
"""

from __future__ import annotations

from cscomm.mail.draft import MailDraft, SourceFormat
from cscomm.mail.errors import MailParseError
from cscomm.mail.parser import parse_message
from cscomm.mail.sniff import looks_like_message
from cscomm.quote_headers import (
    ATTRIBUTION_PATTERNS,
    find_attribution,
    is_attribution,
)

__all__ = [
    "ATTRIBUTION_PATTERNS",
    "MailDraft",
    "MailParseError",
    "SourceFormat",
    "find_attribution",
    "is_attribution",
    "looks_like_message",
    "parse_message",
]
