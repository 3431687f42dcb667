"""Ignore this rule here: the edit that writes a suppression cscomm reads, in the
formats that have one (README, *Silencing findings*).

- A template gets ``<!-- cscomm-disable-next-line CODE -->`` for the finding's line: added
  to such a comment on the line before, else on a line of its own before a paragraph's
  first line, else at the end of the line before. An edit is offered only when the
  template, read again, has the same prose and the comment silences the finding there.
- A message gets an ``X-Cscomm-Ignore: CODE`` header (or the code added to its header),
  which silences the rule in the whole message and is removed by ``cscomm sendmail``.
- Plain text has no marker by design (the customer would read it): nothing is offered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cscomm.errors import InputError
from cscomm.fixes import Edit, apply_edits
from cscomm.lsp.buffers import BOM, Prepared, prepare
from cscomm.lsp.formats import BufferFormat
from cscomm.lsp.mailmap import header_end
from cscomm.suppression import IGNORE_HEADER

_DIRECTIVE = re.compile(r"\s*<!--\s*cscomm-disable-next-line\b.*?(?P<end>\s*-->)\s*")
_HEADER = re.compile(rf"{IGNORE_HEADER}[ \t]*:", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Ignore:
    """An edit of the buffer that silences a rule, and its title for a code action."""

    title: str
    edit: Edit


def ignore(prepared: Prepared, code: str, start: int) -> Ignore | None:
    """The suppression of rule ``code`` for a finding that starts at buffer offset
    ``start``, or ``None`` where the format has none (plain text) or none would work."""
    if prepared.fmt is BufferFormat.MAIL:
        edit = _header_edit(prepared.text, code)
        return Ignore(f"Ignore {code} in this message ({IGNORE_HEADER} header)", edit) if edit else None
    if prepared.fmt in (BufferFormat.MARKDOWN, BufferFormat.HTML):
        edit = _directive_edit(prepared, code, start)
        return Ignore(f"Ignore {code} on this line (cscomm-disable-next-line)", edit) if edit else None
    return None


def _header_edit(text: str, code: str) -> Edit | None:
    """Add ``code`` to the message's ``X-Cscomm-Ignore`` header, or add that header last."""
    end = header_end(text)
    if end is None:
        return None
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]*", text[:end]) if m.end() > m.start()]
    field_end = None
    for line_start, line_end in lines:
        continues = field_end is not None and text[line_start] in " \t"
        if continues or _HEADER.match(text, line_start):
            field_end = line_end
        elif field_end is not None:
            break
    if field_end is not None:
        return Edit(field_end, field_end, f", {code}")
    return Edit(end, end, f"{IGNORE_HEADER}: {code}{_newline(text)}")


def _directive_edit(prepared: Prepared, code: str, start: int) -> Edit | None:
    """The first candidate edit that silences ``code`` at ``start`` and leaves the prose alone."""
    text = prepared.text
    line = _line_start(text, start)
    previous = _line_start(text, line - len(_break_before(text, line))) if line > 0 else None
    candidates: list[Edit] = []
    if previous is not None:
        above = text[previous:line]
        directive = _DIRECTIVE.fullmatch(above)
        if directive is not None:
            at = previous + directive.start("end")
            candidates.append(Edit(at, at, f", {code}"))
    comment = f"<!-- cscomm-disable-next-line {code} -->"
    indent_end = line
    while indent_end < len(text) and text[indent_end] in " \t":
        indent_end += 1
    indent = text[line:indent_end]
    own_line = Edit(line, line, f"{indent}{comment}{_newline(text)}")
    if previous is None or not text[previous:line].strip():
        candidates.append(own_line)
    else:
        above_end = line - len(_break_before(text, line))
        candidates += [Edit(above_end, above_end, comment), own_line]
    return next((edit for edit in candidates if _silences(prepared, edit, code, start)), None)


def _silences(prepared: Prepared, edit: Edit, code: str, start: int) -> bool:
    """Whether the template with ``edit`` made reads as the same prose, with ``code``
    silenced at ``start`` (moved by the edit)."""
    new = apply_edits(prepared.text, [edit])
    try:
        again = prepare(new, prepared.fmt, Path(prepared.draft.path))
    except InputError:
        return False
    moved = start + (len(edit.content) if edit.start <= start else 0)
    at = moved - (1 if new.startswith(BOM) else 0)
    return again.draft.text == prepared.draft.text and any(
        s.selector == code and s.start <= at < s.end for s in again.draft.suppressions
    )


def _line_start(text: str, offset: int) -> int:
    """The start of the line holding ``offset``."""
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1 if offset > 0 else 0


def _break_before(text: str, line: int) -> str:
    """The line break that ends just before ``line`` (a line's start, not the first)."""
    return "\r\n" if text[line - 2 : line] == "\r\n" else text[line - 1 : line]


def _newline(text: str) -> str:
    """The buffer's line break (its first one; ``\\n`` when it has none)."""
    found = _LINE_BREAK.search(text)
    return found.group() if found else "\n"
