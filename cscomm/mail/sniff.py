"""Tell cheaply whether some bytes are an RFC 822 message rather than prose."""

from __future__ import annotations

import re

_SNIFF_BYTES = 16_384
_FIELD = re.compile(r"([!-9;-~]+)[ \t]*:")
_MBOX_SEPARATOR = "From "
# A memo may start "To:/From:/Subject:"; only these headers, or an address in
# From:/To:, show that the text is a message.
_STRONG_FIELDS = frozenset({
    "received", "return-path", "mime-version", "message-id", "content-type",
    "delivered-to", "dkim-signature", "in-reply-to", "references", "x-mailer",
})  # fmt: skip
_ADDRESS_FIELDS = frozenset({"from", "to", "cc", "reply-to", "sender"})


def looks_like_message(data: bytes) -> bool:
    """Tell whether ``data`` starts with a block of RFC 822 header lines.

    Every line up to the first blank one must be a header ("Name: value") or
    its continuation, there must be two headers or more, and one must be a
    transport or MIME header, or an address header holding an "@".
    """
    text = data[:_SNIFF_BYTES].decode("latin-1")
    lines = text.splitlines()
    if len(data) > _SNIFF_BYTES:
        lines = lines[:-1]  # may be cut short
    if lines and lines[0].startswith(_MBOX_SEPARATOR):
        lines = lines[1:]
    fields: list[tuple[str, str]] = []
    for line in lines:
        if not line.strip():
            break
        if line[0] in " \t" and fields:
            continue
        match = _FIELD.match(line)
        if match is None:
            return False
        fields.append((match.group(1).lower(), line[match.end() :]))
    return len(fields) >= 2 and any(
        name in _STRONG_FIELDS or (name in _ADDRESS_FIELDS and "@" in value) for name, value in fields
    )
