"""Checkstyle XML, read by many code-review and CI tools (reviewdog, Jenkins, …)."""

from __future__ import annotations

from typing import TextIO

from cscomm.findings import Severity
from cscomm.report import Report
from cscomm.reporters._xml import element, write_xml

SEVERITIES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "info"}


def report_checkstyle(report: Report, out: TextIO) -> None:
    """``<checkstyle>`` with a ``<file>`` per checked file (clean ones too) and an
    ``<error line column severity message source="cscomm.CODE">`` per finding."""
    root = element(None, "checkstyle", version="4.3")
    for file in report.files:
        node = element(root, "file", name=file.path)
        for f in file.findings:
            element(
                node,
                "error",
                line=f.line,
                column=f.column,
                severity=SEVERITIES[f.severity],
                message=f.message,
                source=f"cscomm.{f.code}",
            )
    write_xml(root, out)
