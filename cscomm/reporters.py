"""Reporters: turn a :class:`Report` into text for people or JSON for programs."""

from __future__ import annotations

import json
from typing import TextIO

from rich.console import Console
from rich.text import Text

from cscomm.findings import Finding, Severity
from cscomm.report import Report

SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.SUGGESTION: "cyan"}


def report_json(report: Report, out: TextIO) -> None:
    """The documented JSON object, on one document."""
    json.dump(report.to_dict(), out, ensure_ascii=False, indent=2)
    out.write("\n")


def report_text(report: Report, out: TextIO, *, color: bool | None = None, verbose: bool = False) -> None:
    """``path:line:col: CODE message [name]`` grouped per file, then a summary line.

    Colour is used only when ``out`` is a terminal (or when ``color`` forces it).
    """
    console = Console(
        file=out,
        highlight=False,
        soft_wrap=True,
        force_terminal=color,
        no_color=color is False,
        emoji=False,
        markup=False,
    )
    for file in report.files:
        for finding in file.findings:
            console.print(_line(file.path, finding))
            if verbose:
                for key, value in finding.extra:
                    console.print(Text(f"    {key}: {value}", style="dim"))
    console.print(_summary(report))


def _line(path: str, finding: Finding) -> Text:
    line = Text()
    line.append(f"{path}:{finding.line}:{finding.column}: ", style="bold")
    line.append(finding.code, style=SEVERITY_STYLES[finding.severity])
    line.append(f" {finding.message} ")
    line.append(f"[{finding.name}]", style="dim")
    return line


def _summary(report: Report) -> Text:
    summary = report.summary()
    files = summary["files"]
    if not summary["findings"]:
        return Text(f"No problems found in {files} file{'s' * (files != 1)}.", style="green")
    parts = [f"{summary[key]} {key}" for key in ("errors", "warnings", "suggestions") if summary[key]]
    return Text(
        f"Found {summary['findings']} problem{'s' * (summary['findings'] != 1)} "
        f"({', '.join(parts)}) in {files} file{'s' * (files != 1)}.",
        style="bold",
    )
