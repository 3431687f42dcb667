"""Reporters: turn a :class:`Report` into text for people or JSON for programs."""

from __future__ import annotations

import json
from typing import TextIO

from cscomm.findings import Finding, Severity
from cscomm.report import Report

SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.SUGGESTION: "cyan"}
Segments = list[tuple[str, str]]
"""A line of output as (text, rich style) pieces."""


def report_json(report: Report, out: TextIO) -> None:
    """The documented JSON object, on one document."""
    json.dump(report.to_dict(), out, ensure_ascii=False, indent=2)
    out.write("\n")


def report_text(report: Report, out: TextIO, *, color: bool | None = None, verbose: bool = False) -> None:
    """``path:line:col: CODE message [name]`` grouped per file, then a summary line.

    Colour is used only when ``out`` is a terminal (or when ``color`` forces it); plain
    output does not load rich at all.
    """
    lines: list[Segments] = []
    for file in report.files:
        for finding in file.findings:
            lines.append(_line(file.path, finding))
            if verbose:
                lines.extend([(f"    {key}: {value}", "dim")] for key, value in finding.extra)
    lines.append(_summary(report))
    if color is False or (color is None and not out.isatty()):
        out.write("".join("".join(text for text, _ in line) + "\n" for line in lines))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=out, highlight=False, soft_wrap=True, force_terminal=color, emoji=False, markup=False
    )
    for line in lines:
        console.print(Text.assemble(*line))


def _line(path: str, finding: Finding) -> Segments:
    return [
        (f"{path}:{finding.line}:{finding.column}: ", "bold"),
        (finding.code, SEVERITY_STYLES[finding.severity]),
        (f" {finding.message} ", ""),
        (f"[{finding.name}]", "dim"),
    ]


def _summary(report: Report) -> Segments:
    summary = report.summary()
    files = summary["files"]
    if not summary["findings"]:
        return [(f"No problems found in {files} file{'s' * (files != 1)}.", "green")]
    parts = [f"{summary[key]} {key}" for key in ("errors", "warnings", "suggestions") if summary[key]]
    return [
        (
            f"Found {summary['findings']} problem{'s' * (summary['findings'] != 1)} "
            f"({', '.join(parts)}) in {files} file{'s' * (files != 1)}.",
            "bold",
        )
    ]
