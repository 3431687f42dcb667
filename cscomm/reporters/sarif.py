"""SARIF 2.1.0, the format of GitHub code scanning and other static-analysis viewers."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from cscomm import __version__
from cscomm.findings import Finding, Severity
from cscomm.links import is_absolute
from cscomm.report import INCOMPLETE_NOTICES, Report

if TYPE_CHECKING:
    from cscomm.checks.base import Rule

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}
_PLACEHOLDER = re.compile(r"\{\w+\}")


def report_sarif(report: Report, out: TextIO, rules: Mapping[str, type[Rule]] | None = None) -> None:
    """One run: the rules that have findings (described from ``rules``, by code), a result per
    finding, and the file notices and input errors as tool notifications.

    Columns count code points, as cscomm's do. A finding's suggestions become fixes unless its
    rule suggests advice rather than replacement text (the tone rules), or its positions are
    in the decoded body of an email message rather than in the file.
    """
    rules = rules or {}
    codes = sorted({f.code for f in report.findings})
    index = {code: i for i, code in enumerate(codes)}
    by_code = {f.code: f for f in report.findings}
    results = [
        _result(f, _uri(file.path), index[f.code], _replacements(f, rules.get(f.code), file.notices))
        for file in report.files
        for f in file.findings
    ]
    notifications = [
        _notification(notice, "warning" if notice.startswith(INCOMPLETE_NOTICES) else "note", file.path)
        for file in report.files
        for notice in file.notices
    ] + [_notification(error, "error") for error in report.errors]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cscomm",
                        "version": __version__,
                        "rules": [_descriptor(by_code[code], rules.get(code)) for code in codes],
                    }
                },
                "invocations": [
                    {"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}
                ],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    json.dump(log, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _descriptor(finding: Finding, rule: type[Rule] | None) -> dict[str, Any]:
    """A rule's metadata: its message with the placeholders elided, its rationale, and its
    documentation as ``helpUri`` when the finding's URL is absolute, as SARIF requires."""
    short = _PLACEHOLDER.sub("…", rule.message) if rule else finding.name
    descriptor = {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": short},
        "help": {"text": rule.rationale if rule else short},
        "defaultConfiguration": {"level": LEVELS[rule.severity if rule else finding.severity]},
        "properties": {"tags": [str(finding.category)]},
    }
    if is_absolute(finding.url):
        descriptor["helpUri"] = finding.url
    return descriptor


def _result(finding: Finding, uri: str, rule_index: int, replacements: tuple[str, ...]) -> dict[str, Any]:
    region = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
    }
    fixes = [
        {
            "description": {"text": f"Replace with “{text}”" if text else "Delete it"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": uri},
                    "replacements": [{"deletedRegion": region, "insertedContent": {"text": text}}],
                }
            ],
        }
        for text in replacements
    ]
    if fixes:
        result["fixes"] = fixes
    return result


def _replacements(finding: Finding, rule: type[Rule] | None, notices: tuple[str, ...]) -> tuple[str, ...]:
    """The suggestions that replace the finding's span in its file. The tone rules (blame,
    rudeness, over-promise, canned phrases) suggest advice instead, and an email message's
    positions are in its decoded body: those give none."""
    from cscomm.checks.conversation import ToneRule  # both loaded with the engine already
    from cscomm.messages import MAIL_NOTICE

    if rule is None or issubclass(rule, ToneRule) or MAIL_NOTICE in notices:
        return ()
    return finding.suggestions


def _notification(text: str, level: str, path: str | None = None) -> dict[str, Any]:
    notification: dict[str, Any] = {"level": level, "message": {"text": text}}
    if path is not None:
        notification["locations"] = [{"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}]
    return notification


def _uri(path: str) -> str:
    """``path`` as a URI reference: relative paths stay relative (to the folder cscomm ran
    in, as code-scanning tools expect); absolute ones become ``file:`` URIs."""
    pure = PurePath(path)
    return pure.as_uri() if pure.is_absolute() else quote(pure.as_posix())
