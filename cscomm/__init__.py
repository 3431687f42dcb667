"""cscomm: a linter for customer-service emails, letters and memos.

Use :func:`check` for one draft, or a :class:`Linter` to check many with one model load.
"""

from __future__ import annotations

from cscomm.config import Config
from cscomm.document import DocKind, Document
from cscomm.engine import Draft, Linter
from cscomm.errors import ConfigError, CscommError, InputError, RulePackError
from cscomm.findings import Category, Finding, Severity
from cscomm.report import FileReport, Report

__version__ = "0.1.0"
__all__ = [
    "Category",
    "Config",
    "ConfigError",
    "CscommError",
    "DocKind",
    "Document",
    "Draft",
    "FileReport",
    "Finding",
    "InputError",
    "Linter",
    "Report",
    "RulePackError",
    "Severity",
    "__version__",
    "check",
]


def check(
    text: str,
    *,
    incoming: str | None = None,
    kind: DocKind | str | None = None,
    config: Config | None = None,
    path: str = "<text>",
) -> Report:
    """Check one draft and return a :class:`Report` (one file)."""
    linter = Linter(config)
    doc_kind = DocKind(kind) if isinstance(kind, str) else kind
    return Report((linter.check(text, path=path, incoming=incoming, kind=doc_kind),))
