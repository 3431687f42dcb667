"""Put a report on text read out of a file (a template's prose) back on the file itself."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from cscomm.document import LineIndex
from cscomm.findings import Finding
from cscomm.fixes import Edit, Fix
from cscomm.report import FileReport

_MARKUP = frozenset("<>&*_`[]\\")
"""Characters that mean something in Markdown or HTML: a fix that writes one is dropped."""


@dataclass(frozen=True, slots=True)
class SourceMap:
    """The file as written, and the file offset of each character of the text read from
    it (one more entry: the offset just past that text's end)."""

    source: str
    offsets: tuple[int, ...]

    def place(self, report: FileReport) -> FileReport:
        """``report`` with positions, flagged text and excerpts taken from the file."""
        read, written = LineIndex(report.text), LineIndex(self.source)
        findings = (self._finding(f, written, report.text) for f in report.findings)
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

    def _finding(self, finding: Finding, lines: LineIndex, read: str) -> Finding:
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
            fix=self._fix(finding.fix, lines, read),
        )

    def _fix(self, fix: Fix | None, lines: LineIndex, read: str) -> Fix | None:
        """``fix`` in the file, or ``None`` when an edit does not map onto the file's
        characters one for one (an entity, markup in between) or would write markup."""
        if fix is None:
            return None
        edits = [self._edit(e, read) for e in fix.edits]
        if any(e is None for e in edits):
            return None
        return replace(fix, edits=tuple(e.located(lines.locate) for e in edits if e is not None))

    def _edit(self, edit: Edit, read: str) -> Edit | None:
        if _MARKUP.intersection(edit.content):
            return None
        if edit.start == edit.end:  # an insertion goes right after the character before it
            at = edit.start - 1
            if at < 0:
                return replace(edit, start=self.offsets[0], end=self.offsets[0])
            if self.source[self.offsets[at]] != read[at]:
                return None
            return replace(edit, start=self.offsets[at] + 1, end=self.offsets[at] + 1)
        first = self.offsets[edit.start]
        for i in range(edit.start, edit.end):
            if self.offsets[i] != first + i - edit.start or self.source[self.offsets[i]] != read[i]:
                return None
        return replace(edit, start=first, end=first + edit.end - edit.start)

    def _question(self, record: dict[str, Any], read: LineIndex, written: LineIndex) -> dict[str, Any]:
        if "line" not in record:
            return record
        start, _ = self.span(read.offset(record["line"], record["column"]), 0)
        line, column = written.locate(start)
        return {**record, "line": line, "column": column}
