"""Spelling and grammar backends, chosen by name (config ``backend``, ``--backend``).

Each is constructible without arguments and follows `base.GrammarBackend`.
"""

from __future__ import annotations

from cscomm.backends.base import (
    BackendError,
    BackendMatch,
    BackendUnavailable,
    Category,
    GrammarBackend,
)
from cscomm.backends.harper import HarperBackend
from cscomm.backends.languagetool import LanguageToolBackend
from cscomm.backends.null import NullBackend

BACKENDS: dict[str, type[GrammarBackend]] = {
    "harper": HarperBackend,
    "languagetool": LanguageToolBackend,
    "none": NullBackend,
}

__all__ = [
    "BACKENDS",
    "BackendError",
    "BackendMatch",
    "BackendUnavailable",
    "Category",
    "GrammarBackend",
    "HarperBackend",
    "LanguageToolBackend",
    "NullBackend",
]
