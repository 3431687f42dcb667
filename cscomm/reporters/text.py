"""Output for people: findings with excerpts, the concise form, and per-rule statistics."""

from __future__ import annotations

import os
from typing import TextIO

from cscomm.findings import Finding, Severity
from cscomm.report import FileReport, Report

SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.SUGGESTION: "cyan"}
Segments = list[tuple[str, str]]
"""A line of output as (text, rich style) pieces."""
EXCERPT_WIDTH = 100
"""Longest excerpt line shown; a longer line is cut around the finding."""


def report_text(
    report: Report,
    out: TextIO,
    *,
    color: bool | None = None,
    verbose: bool = False,
    concise: bool = False,
    quiet: bool = False,
) -> None:
    """``path:line:col: severity CODE message [name]`` per finding, most severe first in
    each file, each under an excerpt of its line with the span underlined (unless
    ``concise``); then each file's notices and a summary line (unless ``quiet``).

    Colour follows :func:`use_color`; plain output does not load rich at all.
    """
    for file in report.files:
        report_text_file(file, out, color=color, verbose=verbose, concise=concise, quiet=quiet)
    if not quiet:
        report_text_summary(report, out, color=color)


def report_text_file(
    file: FileReport,
    out: TextIO,
    *,
    color: bool | None = None,
    verbose: bool = False,
    concise: bool = False,
    quiet: bool = False,
) -> None:
    """One file's part of :func:`report_text`: its findings, then its notices (unless ``quiet``)."""
    lines: list[Segments] = []
    for finding in sorted(file.findings, key=lambda f: (-f.severity, f.sort_key)):
        lines.append(_line(file.path, finding))
        if not concise:
            lines.extend(_excerpt(file, finding))
        if verbose:
            lines.extend([(f"    {key}: {value}", "dim")] for key, value in finding.extra)
            if finding.url:
                lines.append([(f"    docs: {finding.url}", "dim")])
    if not quiet:
        lines.extend(_notices(file))
    _write(lines, out, use_color(color, out))


def report_text_summary(report: Report, out: TextIO, *, color: bool | None = None) -> None:
    """The closing line of :func:`report_text`: how many problems in how many files."""
    _write([_summary(report)], out, use_color(color, out))


def report_statistics(report: Report, out: TextIO, *, color: bool | None = None, quiet: bool = False) -> None:
    """How many findings each rule made, as ruff's ``--statistics`` prints them
    (``count<TAB>CODE<TAB>name``, most frequent first); then the notices and the summary
    (unless ``quiet``)."""
    counts = report.rule_counts()
    count_width = max((len(str(count)) for _, _, count in counts), default=1)
    code_width = max((len(code) for code, _, _ in counts), default=1)
    lines: list[Segments] = [
        [(f"{count:>{count_width}}\t", "bold"), (f"{code:<{code_width}}", "bold red"), (f"\t{name}", "")]
        for code, name, count in counts
    ]
    if not quiet:
        lines.extend(line for file in report.files for line in _notices(file))
        lines.append(_summary(report))
    _write(lines, out, use_color(color, out))


def use_color(color: bool | None, out: TextIO) -> bool:
    """Whether to colour ``out``: as ``color`` says if given; else not when ``NO_COLOR`` is
    set (non-empty), yes when ``FORCE_COLOR`` is; else only on a terminal."""
    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or out.isatty()


def _write(lines: list[Segments], out: TextIO, color: bool) -> None:
    if not lines:
        return
    if not color:
        out.write("".join("".join(text for text, _ in line) + "\n" for line in lines))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=out,
        highlight=False,
        soft_wrap=True,
        force_terminal=True,
        no_color=False,  # the decision is made: rich must not read NO_COLOR again
        emoji=False,
        markup=False,
    )
    for line in lines:
        console.print(Text.assemble(*line))


def _line(path: str, finding: Finding) -> Segments:
    return [
        (f"{path}:{finding.line}:{finding.column}: ", "bold"),
        (f"{finding.severity} {finding.code}", SEVERITY_STYLES[finding.severity]),
        (f" {finding.message} ", ""),
        (f"[{finding.name}]", "dim"),
    ]


def _notices(file: FileReport) -> list[Segments]:
    return [[(f"{file.path}: notice: {notice}", "magenta")] for notice in file.notices]


def _excerpt(file: FileReport, finding: Finding) -> list[Segments]:
    """The finding's first line with a caret line under its span, as rustc and ruff show it."""
    if not file.text or not finding.text:
        return []
    source = file.text.splitlines()
    if not 0 < finding.line <= len(source):
        return []
    text = source[finding.line - 1].expandtabs(1)
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(text)
    end = max(end, start + 1)
    cut = max(0, min(start - 20, len(text) - EXCERPT_WIDTH))
    shown = text[cut : cut + EXCERPT_WIDTH]
    gutter = " " * len(str(finding.line))
    marks = " " * (start - cut) + "^" * max(1, min(end, cut + EXCERPT_WIDTH) - start)
    return [
        [(f" {finding.line} | ", "blue"), (("…" if cut else "") + shown, "")],
        [(f" {gutter} | ", "blue"), (" " * bool(cut) + marks, SEVERITY_STYLES[finding.severity])],
    ]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _summary(report: Report) -> Segments:
    summary = report.summary()
    files = _count(summary["files"], "file")
    incomplete = sum(file.incomplete for file in report.files)
    unchecked = f"; {_count(incomplete, 'file')} not fully checked (see the notices)" if incomplete else ""
    if not summary["findings"]:
        if incomplete:
            return [(f"No problems found in what was checked in {files}{unchecked}.", "bold magenta")]
        return [(f"No problems found in {files}.", "green")]
    parts = [
        _count(summary[key], noun)
        for key, noun in (("errors", "error"), ("warnings", "warning"), ("suggestions", "suggestion"))
        if summary[key]
    ]
    return [
        (
            f"Found {_count(summary['findings'], 'problem')} ({', '.join(parts)}) in {files}{unchecked}.",
            "bold",
        )
    ]
