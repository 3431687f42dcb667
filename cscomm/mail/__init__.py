"""Read RFC 822/MIME messages (.eml) into the draft a linter checks.

`parse_message` returns a `MailDraft` whose ``body`` is the reply followed by
the quoted customer message in "> " form; `looks_like_message` sniffs bytes;
`cscomm.quote_headers` finds the attribution line that starts a quote.

Names load on first use, so sniffing a plain-text draft does not import the
MIME parser and its dependencies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cscomm.lazy import lazy_getattr

if TYPE_CHECKING:
    from cscomm.mail.draft import MailDraft, SourceFormat
    from cscomm.mail.errors import MailParseError
    from cscomm.mail.parser import parse_message
    from cscomm.mail.sniff import looks_like_message
    from cscomm.quote_headers import ATTRIBUTION_PATTERNS, find_attribution, is_attribution

_HOMES = {
    "ATTRIBUTION_PATTERNS": "cscomm.quote_headers",
    "MailDraft": "cscomm.mail.draft",
    "MailParseError": "cscomm.mail.errors",
    "SourceFormat": "cscomm.mail.draft",
    "find_attribution": "cscomm.quote_headers",
    "is_attribution": "cscomm.quote_headers",
    "looks_like_message": "cscomm.mail.sniff",
    "parse_message": "cscomm.mail.parser",
}
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

__getattr__ = lazy_getattr(__name__, _HOMES)
