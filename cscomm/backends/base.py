"""The grammar-backend contract: the match record, the protocol and the errors.

A backend checks one text and reports `BackendMatch` records whose offsets are
Python ``str`` indices (code points) into exactly the text it was given, and whose
category is one of the normalised `Category` values; `mapping.py` turns those
categories into SG codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from cscomm.errors import BackendError, BackendUnavailable

__all__ = ["BackendError", "BackendMatch", "BackendUnavailable", "Category", "GrammarBackend"]


class Category(StrEnum):
    """The backend-neutral category of a match."""

    MISSPELLING = "misspelling"
    GRAMMAR = "grammar"
    PUNCTUATION = "punctuation"
    STYLE = "style"
    TYPOGRAPHY = "typography"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class BackendMatch:
    """One issue found by a backend.

    ``start``/``end`` are code-point offsets into the checked text, so
    ``text[start:end]`` is the flagged span. ``replacements`` are candidate texts for
    that whole span, best first (``""`` means delete it).
    """

    start: int
    end: int
    rule_id: str
    category: Category
    message: str
    replacements: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end}) for {self.rule_id}")


class GrammarBackend(Protocol):
    """What the engine needs from a spelling/grammar checker."""

    name: str

    def available(self) -> str | None:
        """Return ``None`` when the backend can be used, else a one-line reason."""
        ...

    def check(self, text: str, language: str) -> list[BackendMatch]:
        """Check ``text`` (a BCP 47 tag such as ``"en-GB"``) and return its matches.

        Raises:
            BackendUnavailable: the backend cannot run now; the reason is the message.
            BackendError: the request itself is wrong (e.g. an unknown language).
        """
        ...
