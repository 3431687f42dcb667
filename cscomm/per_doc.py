"""Values derived from a parsed ``Doc`` once and shared by every check that reads it.

spaCy rebuilds ``Doc.text`` and ``Span.text`` from the tokens on each access, and the
conversation checks ask for the same sentence units and timeframes several times per
draft; caching them on the ``Doc`` keeps the checks' cost proportional to the text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

T = TypeVar("T")
_PREFIX = "cscomm."
_TEXT_KEY = _PREFIX + "text"


def per_doc(compute: Callable[[Doc], T]) -> Callable[[Doc], T]:
    """Cache ``compute(doc)`` in ``doc.user_data``; callers must not mutate the result."""
    key = _PREFIX + compute.__qualname__

    @wraps(compute)
    def cached(doc: Doc) -> T:
        if key not in doc.user_data:
            doc.user_data[key] = compute(doc)
        return doc.user_data[key]  # type: ignore[no-any-return]

    return cached


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once (or as recorded by :func:`parsed_from`)."""
    text: str | None = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def parsed_from(doc: Doc, text: str) -> Doc:
    """Record that ``doc`` is the parse of ``text`` (so its text is never rebuilt)."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def span_text(span: Span) -> str:
    """``span.text`` sliced from the cached document text."""
    return doc_text(span.doc)[span.start_char : span.end_char]


@per_doc
def doc_tokens(doc: Doc) -> list[Token]:
    """The tokens of ``doc``, created once (spaCy makes a new object per access)."""
    return list(doc)


def span_tokens(span: Span) -> list[Token]:
    """The tokens of ``span``, from :func:`doc_tokens`."""
    return doc_tokens(span.doc)[span.start : span.end]
