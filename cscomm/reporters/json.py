"""JSON output: the documented report, JSON Lines, and per-rule statistics."""

from __future__ import annotations

import json
from typing import TextIO

from cscomm.report import FileReport, Report


def report_json(report: Report, out: TextIO) -> None:
    """The documented JSON object, on one document."""
    json.dump(report.to_dict(), out, ensure_ascii=False, indent=2)
    out.write("\n")


def report_jsonl(report: Report, out: TextIO) -> None:
    """One JSON object per line and finding: ``path``, then the finding's JSON fields."""
    for file in report.files:
        report_jsonl_file(file, out)


def report_jsonl_file(file: FileReport, out: TextIO) -> None:
    """One file's part of :func:`report_jsonl`."""
    for finding in file.findings:
        out.write(json.dumps({"path": file.path, **finding.to_dict()}, ensure_ascii=False) + "\n")


def report_statistics_json(report: Report, out: TextIO) -> None:
    """``--statistics`` as JSON: ``[{"code", "name", "count"}, …]``, most frequent first."""
    counts = [{"code": code, "name": name, "count": n} for code, name, n in report.rule_counts()]
    json.dump(counts, out, ensure_ascii=False, indent=2)
    out.write("\n")
