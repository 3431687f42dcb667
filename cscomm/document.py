"""The document model: a draft's text, its parts, and the customer's message.

Offsets are Python ``str`` indices into ``Document.text``, the decoded file exactly as
read (CRLF and tabs kept), so every finding maps back to a line and column of the file.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TO_LINE = re.compile(r"^[ \t]*To[ \t]*:[ \t]*(.+)$", re.IGNORECASE | re.MULTILINE)


def count_words(text: str) -> int:
    """Words (letters or digits, inner apostrophes kept) as the rules count them."""
    return len(_WORD.findall(text))


def has_word_character(text: str) -> bool:
    """Whether ``text`` holds a letter or digit (a word, not punctuation)."""
    return text.isalnum() or _WORD.search(text) is not None


_FIRST_PERSON_SINGULAR = re.compile(r"\bI\b")


class PartKind(StrEnum):
    """The scopes of a draft; rules say which ones they read."""

    HEADER = "header"  # memo header lines, letterhead and address block
    SUBJECT = "subject"
    GREETING = "greeting"
    BODY = "body"
    CLOSING = "closing"
    SIGNATURE = "signature"
    QUOTED = "quoted"


OWN_PARTS = frozenset({PartKind.GREETING, PartKind.BODY, PartKind.CLOSING})
"""The agent's own prose: what style, grammar and tone rules check."""


class DocKind(StrEnum):
    """The channel profile of a draft."""

    EMAIL = "email"
    LETTER = "letter"
    MEMO = "memo"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of ``Document.text``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Part:
    """One scope of the draft, e.g. the greeting line or a body paragraph."""

    kind: PartKind
    span: Span


@dataclass(frozen=True, slots=True)
class MappedText:
    """Text derived from a file (e.g. a quote without its ``>`` marks) with a map back.

    ``offsets[i]`` is the file offset of ``text[i]``; ``None`` means the text is not
    in the checked file (it came from ``--incoming``).
    """

    text: str
    offsets: tuple[int, ...] | None = None

    def source_span(self, start: int, end: int) -> Span | None:
        """The file span of ``text[start:end]``, or ``None`` when not in the file."""
        if self.offsets is None or start >= end:
            return None
        return Span(self.offsets[start], self.offsets[end - 1] + 1)


class LineIndex:
    """Converts offsets to 1-based (line, column); columns count code points."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def locate(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """The offset of 1-based ``line`` and ``column`` (the inverse of :meth:`locate`)."""
        return self._starts[min(max(line, 1), len(self._starts)) - 1] + column - 1


@dataclass(frozen=True, slots=True)
class Envelope:
    """What an email message says about itself beyond its body text."""

    subject: str = ""
    recipients: tuple[tuple[str, str], ...] = ()  # (name, address) from To
    attachments: tuple[str, ...] = ()


@dataclass(slots=True)
class Document:
    """A parsed draft: its text, kind, parts and (when known) the customer's message.

    ``envelope`` is set when the draft came from an email message (.eml).
    """

    text: str
    kind: DocKind
    parts: tuple[Part, ...]
    path: str | None = None
    customer: MappedText | None = None
    subject: str = ""
    envelope: Envelope | None = None
    skipped: tuple[Span, ...] = ()
    """Spans left out of every part as not prose (see :mod:`cscomm.limits`)."""
    _lines: LineIndex | None = field(default=None, repr=False)
    _own_masked: str | None = field(default=None, repr=False)
    _part_starts: list[int] | None = field(default=None, repr=False)

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset``."""
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines.locate(offset)

    def text_of(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def addressees(self) -> tuple[str, ...]:
        """Who the draft is sent to: the memo's ``To:`` line, the message's recipients."""
        found = [
            match.group(1).strip()
            for part in self.parts_of({PartKind.HEADER})
            for match in _TO_LINE.finditer(self.text_of(part.span))
        ]
        if self.envelope is not None:
            found.extend(name or address for name, address in self.envelope.recipients)
        return tuple(a for a in found if a)

    def parts_of(self, kinds: Iterable[PartKind]) -> Iterator[Part]:
        wanted = frozenset(kinds)
        return (p for p in self.parts if p.kind in wanted)

    def kind_at(self, offset: int) -> PartKind | None:
        """The kind of the part holding ``offset`` (parts are sorted and disjoint)."""
        if self._part_starts is None:
            self._part_starts = [p.span.start for p in self.parts]
        index = bisect.bisect_right(self._part_starts, offset) - 1
        if index >= 0 and offset < self.parts[index].span.end:
            return self.parts[index].kind
        return None

    def has_part(self, kind: PartKind) -> bool:
        return any(p.kind is kind for p in self.parts)

    @property
    def may_be_notice(self) -> bool:
        """Neither a reply nor a letter by its shape: no customer message, no salutation, no
        sign-off, and no one writing as "I". Such a draft may be a notice to many readers (an
        outage notice, a policy update), which needs none of a reply's courtesy elements."""
        framed = self.has_part(PartKind.GREETING) or self.has_part(PartKind.CLOSING)
        return self.customer is None and not framed and not _FIRST_PERSON_SINGULAR.search(self.body_text)

    @property
    def own_parts(self) -> tuple[Part, ...]:
        return tuple(self.parts_of(OWN_PARTS))

    @property
    def body_text(self) -> str:
        """The body paragraphs (the agent's prose), joined by blank lines."""
        return "\n\n".join(self.text_of(p.span) for p in self.parts if p.kind is PartKind.BODY)

    @property
    def body_start(self) -> int:
        """Offset of the first body paragraph (or of the draft when it has none)."""
        bodies = [p.span.start for p in self.parts if p.kind is PartKind.BODY]
        own = [p.span.start for p in self.own_parts]
        return min(bodies or own or [0])

    def masked_text(self, kinds: Iterable[PartKind] = OWN_PARTS) -> str:
        """The text with everything outside ``kinds`` blanked, offsets unchanged.

        Line breaks are kept so sentence splitting still sees paragraph ends; the
        result is cut after the last kept character. The agent's own text (the default,
        parsed and grammar-checked) is built once.
        """
        wanted = frozenset(kinds)
        if wanted == OWN_PARTS:
            if self._own_masked is None:
                self._own_masked = self._masked(wanted)
            return self._own_masked
        return self._masked(wanted)

    def _masked(self, kinds: frozenset[PartKind]) -> str:
        chars = [c if c in "\r\n" else " " for c in self.text]
        last = 0
        for part in self.parts_of(kinds):
            chars[part.span.start : part.span.end] = self.text[part.span.start : part.span.end]
            last = max(last, part.span.end)
        return "".join(chars[:last])
