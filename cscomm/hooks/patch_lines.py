"""Place the prose of a patch email back in the email's file, line by line.

The hook checks a text built from the email (its subject, then its message); its
findings are moved to the lines and columns of the file git gave the hook, so that an
editor opens the file at the flagged words. Each line of the checked text is found in the
file: a subject line in the ``Subject:`` header (after ``[PATCH …]``), a message line in
the body. A line that cannot be found as written (a quoted-printable body, an encoded
subject) keeps its place relative to the line before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from cscomm.findings import Finding
from cscomm.fixes import Edit
from cscomm.report import FileReport


@dataclass(frozen=True, slots=True)
class Placement:
    """Where each line of the checked text is in the file: (file line, column offset), and
    the file's text (for the excerpts under findings)."""

    lines: tuple[tuple[int, int], ...]
    text: str

    def place(self, line: int, column: int) -> tuple[int, int]:
        """The file position of ``line``:``column`` (1-based) of the checked text."""
        if not self.lines:
            return line, column
        index = min(max(line, 1), len(self.lines)) - 1
        file_line, offset = self.lines[index]
        return file_line + max(line - 1 - index, 0), column + offset

    def relocate(self, report: FileReport) -> FileReport:
        """``report`` with its findings (and their fixes' edits) placed in the file."""
        return replace(report, findings=tuple(self._finding(f) for f in report.findings), text=self.text)

    def _finding(self, finding: Finding) -> Finding:
        line, column = self.place(finding.line, finding.column)
        end_line, end_column = self.place(finding.end_line, finding.end_column)
        fix = finding.fix
        if fix is not None:
            fix = replace(fix, edits=tuple(self._edit(edit) for edit in fix.edits))
        return replace(finding, line=line, column=column, end_line=end_line, end_column=end_column, fix=fix)

    def _edit(self, edit: Edit) -> Edit:
        if not edit.line:
            return edit
        line, column = self.place(edit.line, edit.column)
        end_line, end_column = self.place(edit.end_line, edit.end_column)
        return replace(edit, line=line, column=column, end_line=end_line, end_column=end_column)


def locate(checked: Sequence[str], file_lines: Sequence[str], start: int) -> list[tuple[int, int]]:
    """(file line, column offset) of each checked line, searched in order from the 0-based
    file line ``start``; a line not found follows the one before it."""
    placed: list[tuple[int, int]] = []
    cursor = start
    for text in checked:
        found = next((i for i in range(cursor, len(file_lines)) if file_lines[i] == text), None)
        if found is None:
            previous = placed[-1][0] if placed else start
            placed.append((previous + 1, 0))
            continue
        placed.append((found + 1, 0))
        cursor = found + 1
    return placed
