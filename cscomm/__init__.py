"""cscomm: a linter for customer-service emails, letters and memos.

Use :func:`check` for one draft, or a :class:`Linter` to check many with one model load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cscomm.lazy import lazy_getattr

if TYPE_CHECKING:
    from cscomm.config import Config
    from cscomm.document import DocKind, Document
    from cscomm.draft import Draft
    from cscomm.engine import Linter
    from cscomm.errors import ConfigError, CscommError, InputError, RulePackError
    from cscomm.findings import Category, Finding, Severity
    from cscomm.fixes import Applicability, Edit, Fix
    from cscomm.report import FileReport, Report

__version__ = "0.1.0"
__all__ = [
    "Applicability",
    "Category",
    "Config",
    "ConfigError",
    "CscommError",
    "DocKind",
    "Document",
    "Draft",
    "Edit",
    "FileReport",
    "Finding",
    "Fix",
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
    from cscomm.document import DocKind
    from cscomm.engine import Linter
    from cscomm.report import Report

    linter = Linter(config)
    doc_kind = DocKind(kind) if isinstance(kind, str) else kind
    return Report((linter.check(text, path=path, incoming=incoming, kind=doc_kind),))


_HOMES = {
    "Applicability": "cscomm.fixes",
    "Category": "cscomm.findings",
    "Config": "cscomm.config",
    "ConfigError": "cscomm.errors",
    "CscommError": "cscomm.errors",
    "DocKind": "cscomm.document",
    "Document": "cscomm.document",
    "Draft": "cscomm.draft",
    "Edit": "cscomm.fixes",
    "FileReport": "cscomm.report",
    "Finding": "cscomm.findings",
    "Fix": "cscomm.fixes",
    "InputError": "cscomm.errors",
    "Linter": "cscomm.engine",
    "Report": "cscomm.report",
    "RulePackError": "cscomm.errors",
    "Severity": "cscomm.findings",
}


__getattr__ = lazy_getattr(__name__, _HOMES)
"""Import the public names on first use, so that ``import cscomm`` and the command
line's start stay light until a check needs the engine."""


def __dir__() -> list[str]:
    return sorted(__all__)
