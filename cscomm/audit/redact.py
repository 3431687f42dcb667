"""Find the personal data in a reply shown as an example: what the report redacts.

Redacted: the name in the greeting (wherever the reply repeats it), the signature block,
a letter's address block and the quoted customer message (all found by cscomm's own
document parser), email addresses, phone and other long numbers (cards, accounts, IDs),
and postcodes. Finding messages that quote a redacted name or number get the same
treatment. This is a best effort for a report shared within a team, not an
anonymisation guarantee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cscomm.document import PartKind
from cscomm.parsing import parse

_PATTERNS = (
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("number", re.compile(r"(?<![\w£$€])\+?\d(?:[ \-.]?\d){5,}(?![\w])")),
    ("postcode", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")),
)
_SALUTATION = re.compile(r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[\s,]*", re.I)
_NAME = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")


@dataclass(frozen=True, slots=True, order=True)
class Redaction:
    """Characters ``start``-``end`` of the text are shown as ``[label]``."""

    start: int
    end: int
    label: str


def redactions(text: str) -> list[Redaction]:
    """The spans of ``text`` to redact, sorted and not overlapping."""
    found: list[Redaction] = []
    names: set[str] = set()
    doc = parse(text)
    for part in doc.parts:
        span = part.span
        if part.kind is PartKind.SIGNATURE:
            found.append(Redaction(span.start, span.end, "signature"))
        elif part.kind is PartKind.HEADER:
            found.append(Redaction(span.start, span.end, "header"))
        elif part.kind is PartKind.QUOTED:
            found.append(Redaction(span.start, span.end, "customer message"))
        elif part.kind is PartKind.GREETING:
            line = text[span.start : span.end]
            salutation = _SALUTATION.match(line)
            offset = salutation.end() if salutation else 0
            found_name = _NAME.search(line, offset)
            if found_name is not None:
                names.add(found_name.group())
    for name in names:  # the customer's name wherever the reply uses it
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        found.extend(Redaction(m.start(), m.end(), "name") for m in pattern.finditer(text))
    for label, pattern in _PATTERNS:
        found.extend(Redaction(m.start(), m.end(), label) for m in pattern.finditer(text))
    return _merge(sorted(found))


def _merge(spans: list[Redaction]) -> list[Redaction]:
    merged: list[Redaction] = []
    for span in spans:
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            if span.end > last.end:
                merged[-1] = Redaction(last.start, span.end, last.label)
            continue
        merged.append(span)
    return merged


def redact_message(message: str, text: str, spans: list[Redaction]) -> str:
    """``message`` with the redacted strings of ``text`` in it, and any email address or
    long number, replaced by their labels."""
    for span in spans:
        value = text[span.start : span.end].strip()
        if span.label in ("name", "email", "number", "postcode") and value:
            message = message.replace(value, f"[{span.label}]")
    for label, pattern in _PATTERNS:
        message = pattern.sub(f"[{label}]", message)
    return message
