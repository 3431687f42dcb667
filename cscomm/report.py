"""The results of a run: per-file reports and the whole report (the JSON contract)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cscomm.findings import Finding, Severity

SCHEMA_VERSION = 1
INCOMPLETE_NOTICES = ("CS901", "CS902", "CS903", "CS904")
"""Notices that say checks were skipped: grammar backend down, a language without a pack, NLP
degraded, a language whose pack covers only some checks."""


@dataclass(frozen=True, slots=True)
class FileReport:
    """Findings, measurements and notices for one checked draft."""

    path: str
    kind: str
    findings: tuple[Finding, ...]
    metrics: dict[str, Any] = field(default_factory=dict)
    notices: tuple[str, ...] = ()
    text: str = field(default="", compare=False, repr=False)
    """The checked text (the decoded body of a message), for excerpts; not in the JSON."""

    @property
    def incomplete(self) -> bool:
        """Whether a notice says part of the checking was skipped (backend down, not
        English, no NLP model): such a file must never read as clean."""
        return any(n.startswith(INCOMPLETE_NOTICES) for n in self.notices)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "findings": [f.to_dict() for f in self.findings],
            "metrics": dict(self.metrics),
            "notices": list(self.notices),
        }


@dataclass(frozen=True, slots=True)
class Report:
    """A whole run: its files, plus inputs that could not be checked."""

    files: tuple[FileReport, ...]
    errors: tuple[str, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for file in self.files for f in file.findings)

    def failed(self, fail_on: Severity) -> bool:
        """True when any finding is at or above ``fail_on``."""
        return any(f.severity >= fail_on for f in self.findings)

    def rule_counts(self) -> list[tuple[str, str, int]]:
        """``(code, name, count)`` for each rule with findings, most frequent first, then by code."""
        counts = Counter((f.code, f.name) for f in self.findings)
        return sorted(((code, name, n) for (code, name), n in counts.items()), key=lambda c: (-c[2], c[0]))

    def summary(self) -> dict[str, Any]:
        severities = Counter(str(f.severity) for f in self.findings)
        return {
            "files": len(self.files),
            "findings": len(self.findings),
            "errors": severities["error"],
            "warnings": severities["warning"],
            "suggestions": severities["suggestion"],
            "input_errors": list(self.errors),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": SCHEMA_VERSION,
            "files": [f.to_dict() for f in self.files],
            "summary": self.summary(),
        }
