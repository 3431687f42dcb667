"""GitHub Actions workflow commands: each finding becomes an annotation on its line."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

from cscomm.findings import Severity
from cscomm.report import FileReport, Report

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def report_github(report: Report, out: TextIO) -> None:
    """``::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE name::message`` per
    finding (``error``, ``warning``, or ``notice`` for a suggestion), then a ``::notice`` per
    file notice, so that a file that was not fully checked says so."""
    for file in report.files:
        report_github_file(file, out)


def report_github_file(file: FileReport, out: TextIO) -> None:
    """One file's part of :func:`report_github`."""
    for f in file.findings:
        where = {"line": f.line, "col": f.column, "endLine": f.end_line, "endColumn": f.end_column}
        title = f"{f.code} {f.name}"
        out.write(_command(LEVELS[f.severity], {"file": file.path, **where, "title": title}, f.message))
    for notice in file.notices:
        out.write(_command("notice", {"file": file.path, "title": "cscomm"}, notice))


def _command(name: str, properties: Mapping[str, object], message: str) -> str:
    props = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{_escape_data(message)}\n"


def _escape_data(text: str) -> str:
    """As GitHub's toolkit escapes a command's message: ``%``, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """As GitHub's toolkit escapes a property value: also ``:`` and ``,``."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
