"""Put a report on text read out of a file (a template's prose) back on the file itself."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from cscomm.document import LineIndex
from cscomm.findings import Finding
from cscomm.report import FileReport


@dataclass(frozen=True, slots=True)
class SourceMap:
    """The file as written, and the file offset of each character of the text read from
    it (one more entry: the offset just past that text's end)."""

    source: str
    offsets: tuple[int, ...]

    def place(self, report: FileReport) -> FileReport:
        """``report`` with positions, flagged text and excerpts taken from the file."""
        read, written = LineIndex(report.text), LineIndex(self.source)
        findings = (self._finding(f, written) for f in report.findings)
        metrics: dict[str, Any] = dict(report.metrics)
        if "questions" in metrics:
            metrics["questions"] = [self._question(q, read, written) for q in metrics["questions"]]
        return replace(
            report,
            findings=tuple(sorted(findings, key=lambda f: f.sort_key)),
            metrics=metrics,
            text=self.source,
        )

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The file span of ``[start, end)`` of the text read (an empty one stays empty)."""
        last = len(self.offsets) - 1
        first = self.offsets[min(start, last)]
        if end <= start:
            return first, first
        return first, max(first, self.offsets[min(end - 1, last)] + 1)

    def _finding(self, finding: Finding, lines: LineIndex) -> Finding:
        start, end = self.span(finding.start, finding.end)
        (line, column), (end_line, end_column) = lines.locate(start), lines.locate(end)
        return replace(
            finding,
            start=start,
            end=end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            text=self.source[start:end],
        )

    def _question(self, record: dict[str, Any], read: LineIndex, written: LineIndex) -> dict[str, Any]:
        if "line" not in record:
            return record
        start, _ = self.span(read.offset(record["line"], record["column"]), 0)
        line, column = written.locate(start)
        return {**record, "line": line, "column": column}
