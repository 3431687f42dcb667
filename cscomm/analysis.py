"""One shared parse of a draft's own text (and of the customer's message) per check."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

from cscomm import readability
from cscomm.document import Document, PartKind, Span, has_word_character
from cscomm.readability import Figures

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from cscomm.backends.base import BackendMatch
    from cscomm.nlp import Pipeline
    from cscomm.verb_tables import WordTables

T = TypeVar("T")
_BLANK_LINES = re.compile(r"\n[ \t\r]*\n")


@dataclass(slots=True)
class Analysis:
    """The spaCy parses a draft's rules share; built once per document by the engine.

    ``reply`` is a parse of :meth:`Document.masked_text`, so token offsets are file
    offsets. ``customer`` parses the customer's own message: ``doc.customer.text`` up to
    any nested quote of older mail (same offsets).
    ``grammar`` holds the grammar backend's matches (file offsets), when run;
    ``body_figures`` the body's readability figures when the backend helper computed them.
    """

    doc: Document
    reply: Doc | None = None
    customer: Doc | None = None
    pipeline: Pipeline | None = None
    grammar: list[BackendMatch] | None = None
    grammar_backend: str = ""
    body_figures: Figures | None = None
    language: str = "en"
    """The draft's language (ISO 639-1): English, or one with a pack in ``rules/<lang>/``."""
    _sentences: list[Span] | None = field(default=None, repr=False)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per document, shared by every rule that asks for ``key``."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    def figures(self, text: str) -> Figures:
        """Readability figures of ``text`` (those of the body may come precomputed)."""
        if self.body_figures is not None and text == self.doc.body_text:
            return self.body_figures
        return self.memo(f"figures:{text}", lambda: readability.figures(text))

    def computed(self, key: str) -> Any:
        """A value already memoised under ``key``, else ``None``."""
        return self._memo.get(key)

    @property
    def has_parser(self) -> bool:
        return self.pipeline is not None and self.pipeline.has_parser

    def word_tables(self) -> WordTables | None:
        """The lemmatizer's word tables of this analysis' pipeline (``None`` without one)."""
        from cscomm.verb_tables import word_tables

        return word_tables(self.pipeline.nlp) if self.pipeline is not None else None

    def sentences(self) -> list[Span]:
        """Sentence spans of the agent's own prose, never crossing a paragraph break."""
        if self._sentences is None:
            self._sentences = self._split_sentences()
        return self._sentences

    def _split_sentences(self) -> list[Span]:
        spans: list[Span] = []
        text = self.doc.text
        if self.reply is not None:
            pieces = [Span(s.start_char, s.end_char) for s in self.reply.sents]
        else:
            pieces = [p.span for p in self.doc.own_parts]
        own = [p.span for p in self.doc.own_parts if p.kind is not PartKind.GREETING]
        for piece in pieces:
            for part in own:
                start, end = max(piece.start, part.start), min(piece.end, part.end)
                if start >= end:
                    continue
                cursor = start
                for brk in _BLANK_LINES.finditer(text, start, end):
                    spans.extend(_trimmed(text, cursor, brk.start()))
                    cursor = brk.end()
                spans.extend(_trimmed(text, cursor, end))
        return sorted(set(spans))


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not has_word_character(stripped):
        return []
    lead = len(chunk) - len(chunk.lstrip())
    return [Span(start + lead, start + lead + len(stripped))]
