"""Reporters: turn a :class:`~cscomm.report.Report` into text for people, or into a format
for CI systems and other programs. One module per format."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

from cscomm.report import Report
from cscomm.reporters.checkstyle import report_checkstyle
from cscomm.reporters.github import report_github
from cscomm.reporters.json import report_json, report_jsonl, report_statistics_json
from cscomm.reporters.junit import report_junit
from cscomm.reporters.sarif import report_sarif
from cscomm.reporters.text import report_statistics, report_text

if TYPE_CHECKING:
    from cscomm.checks.base import Rule

__all__ = [
    "FORMATS",
    "STATISTICS_FORMATS",
    "report_checkstyle",
    "report_github",
    "report_json",
    "report_jsonl",
    "report_junit",
    "report_sarif",
    "report_statistics",
    "report_statistics_json",
    "report_text",
    "write_report",
]

FORMATS = ("text", "concise", "json", "jsonl", "sarif", "github", "junit", "checkstyle")
STATISTICS_FORMATS = ("text", "concise", "json")
"""The formats ``--statistics`` can be shown in (as ruff: a table, or JSON)."""
_MACHINE = {
    "json": report_json,
    "jsonl": report_jsonl,
    "github": report_github,
    "junit": report_junit,
    "checkstyle": report_checkstyle,
}


def write_report(
    report: Report,
    out: TextIO,
    output_format: str,
    *,
    color: bool | None = None,
    verbose: bool = False,
    quiet: bool = False,
    rules: Mapping[str, type[Rule]] | None = None,
) -> None:
    """Write ``report`` in one of :data:`FORMATS`. ``color``, ``verbose`` and ``quiet`` shape
    the text formats; ``rules`` (by code) describes the rules in SARIF."""
    if output_format in ("text", "concise"):
        concise = output_format == "concise"
        report_text(report, out, color=color, verbose=verbose, concise=concise, quiet=quiet)
    elif output_format == "sarif":
        report_sarif(report, out, rules)
    else:
        _MACHINE[output_format](report, out)
