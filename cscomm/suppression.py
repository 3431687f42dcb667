"""Silence findings after a check: per-file ignores from the configuration, a message's
``X-Cscomm-Ignore`` header, and comment directives in templates.

Suppressions filter the findings of a finished check (the rules still run), so a
suppression that silenced nothing can be reported: with ``report-unused-ignores``, each
header or directive with such codes becomes a ``CS905`` finding, as ruff's ``RUF100``
reports an unused ``noqa``. Per-file ignores are settings, not marks in a draft, and
are never reported.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from cscomm.document import LineIndex
from cscomm.findings import Category, Finding, Severity
from cscomm.globs import matches_any
from cscomm.selection import names, unknown_selectors

if TYPE_CHECKING:
    from cscomm.checks.base import Rule
    from cscomm.report import FileReport

IGNORE_HEADER = "X-Cscomm-Ignore"
UNUSED_SUPPRESSION = ("CS905", "unused-suppression")
WHOLE_FILE = sys.maxsize
_SEPARATORS = re.compile(r"[\s,]+")


@dataclass(frozen=True, slots=True)
class Directive:
    """Where a suppression is written: a comment in the file (its span), or a header."""

    text: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Suppression:
    """Silences the findings of the rules ``selector`` names that start in ``[start, end)``
    of the file. ``directive`` is ``None`` for a setting (per-file ignores)."""

    selector: str
    start: int = 0
    end: int = WHOLE_FILE
    directive: Directive | None = None


def selectors(value: str) -> tuple[str, ...]:
    """``"SG001, CT004 missing-thanks"`` → ``("SG001", "CT004", "missing-thanks")``."""
    return tuple(s for s in _SEPARATORS.split(value) if s)


def from_header(values: Iterable[str]) -> tuple[Suppression, ...]:
    """The suppressions of a message's ``X-Cscomm-Ignore`` fields: the whole message."""
    return tuple(
        Suppression(selector, directive=Directive(f"{IGNORE_HEADER}: {value}"))
        for value in values
        for selector in selectors(value)
    )


def for_path(per_file_ignores: Mapping[str, Sequence[str]], path: str) -> tuple[Suppression, ...]:
    """The per-file ignores whose glob matches ``path``: a glob with a folder in it is
    matched against the whole path, others against the file name (as in .gitignore)."""
    if path.startswith("<"):  # <stdin>, <text>: no file
        return ()
    return tuple(
        Suppression(selector)
        for pattern, chosen in per_file_ignores.items()
        if matches_any(path, (pattern,))
        for selector in chosen
    )


def silence(
    report: FileReport,
    suppressions: Sequence[Suppression],
    rules: Sequence[type[Rule]],
    *,
    report_unused: bool = False,
) -> FileReport:
    """``report`` without the findings ``suppressions`` silence; with ``report_unused``,
    plus a ``CS905`` finding for each header or directive with codes that silenced nothing."""
    if not suppressions:
        return report
    packs = {rule.code: rule.pack for rule in rules}
    used: set[Suppression] = set()
    kept: list[Finding] = []
    for finding in report.findings:
        hits = [s for s in suppressions if _silences(s, finding, packs.get(finding.code, ""))]
        used.update(hits)
        if not hits:
            kept.append(finding)
    if report_unused:
        kept.extend(_unused(report.text, [s for s in suppressions if s not in used], rules))
    return replace(report, findings=tuple(sorted(kept, key=lambda f: f.sort_key)))


def _silences(suppression: Suppression, finding: Finding, pack: str) -> bool:
    return suppression.start <= finding.start < suppression.end and names(
        suppression.selector, finding.code, finding.name, str(finding.category), pack
    )


def _unused(text: str, idle: Sequence[Suppression], rules: Sequence[type[Rule]]) -> list[Finding]:
    """One ``CS905`` finding per directive, naming its selectors that silenced nothing."""
    by_directive: dict[Directive, list[str]] = {}
    for suppression in idle:
        if suppression.directive is not None:
            by_directive.setdefault(suppression.directive, []).append(suppression.selector)
    lines = LineIndex(text)
    findings = []
    for directive, unused in by_directive.items():
        unknown = unknown_selectors(unused, rules)
        known = [s for s in unused if s not in unknown]
        problems = [f"{', '.join(known)} silenced nothing here"] if known else []
        if unknown:
            problems.append(f"{', '.join(unknown)} name{'s' * (len(unknown) == 1)} no rule")
        start, end = min(directive.start, len(text)), min(directive.end, len(text))
        (line, column), (end_line, end_column) = lines.locate(start), lines.locate(end)
        findings.append(
            Finding(
                *UNUSED_SUPPRESSION,
                category=Category.ENGINE,
                severity=Severity.WARNING,
                message=f"Unused suppression in “{directive.text}”: {'; '.join(problems)}; remove it.",
                start=start,
                end=end,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                text=text[start:end],
            )
        )
    return findings
