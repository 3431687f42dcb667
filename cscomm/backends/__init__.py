"""Spelling and grammar backends (config ``backend``): Harper, LanguageTool, none.

Each follows `base.GrammarBackend`; `cscomm.grammar.make_backend` builds one by name.
Backend modules are imported only when used (LanguageTool pulls in an HTTP client).
"""

from __future__ import annotations

from cscomm.backends.base import BackendMatch, Category, GrammarBackend

BACKEND_NAMES = ("harper", "languagetool", "none")

__all__ = ["BACKEND_NAMES", "BackendMatch", "Category", "GrammarBackend"]
