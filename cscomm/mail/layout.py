"""Lay out a reply and the message it quotes as one plain-text body.

The layout is the contract with the plain-text document model: the reply, then
(if there is a quoted message) a blank line, one attribution line, and the
quoted text with every line prefixed by "> " (a bare ">" for an empty line).
Nested quotes therefore read "> > …".
"""

from __future__ import annotations

#: Attribution used when the message gives neither a date nor a name.
ORIGINAL_MESSAGE = "-----Original Message-----"


def quote_lines(text: str) -> str:
    """Prefix every line of ``text`` with "> " (">" alone on an empty line)."""
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def compose(reply: str, attribution: str, quoted: str) -> str:
    """Join ``reply`` and the ``quoted`` message under ``attribution``."""
    blocks = [reply] if reply else []
    if quoted:
        blocks.append(f"{attribution or ORIGINAL_MESSAGE}\n{quote_lines(quoted)}")
    return "\n\n".join(blocks)
