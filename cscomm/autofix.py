"""``check --fix``: apply the findings' fixes to a file, check it again, and repeat.

Each round applies the fixes that do not overlap (:func:`cscomm.fixes.non_overlapping`) and
checks the result, until no fix is left or :data:`MAX_ROUNDS` have run, as ruff does. A
plain-text draft or template is edited as text and written in its own encoding; a message
has its body's text parts re-encoded (:mod:`cscomm.mail.rewrite`).
"""

from __future__ import annotations

import codecs
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from cscomm.fixes import Fix, apply_edits, non_overlapping, wanted
from cscomm.mail.rewrite import NotWritable, rewrite_body
from cscomm.messages import is_message
from cscomm.sources import Source, decode
from cscomm.templates import is_template

if TYPE_CHECKING:
    from cscomm.draft import Draft
    from cscomm.engine import Linter
    from cscomm.report import FileReport

MAX_ROUNDS = 10
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Fixed:
    """A file after fixing: what remains to report, its new content, and what changed.

    ``before`` and ``after`` are the checked text (a message's decoded body) before and
    after, for ``--diff``.
    """

    report: FileReport
    source: Source
    count: int
    before: str
    after: str
    is_message: bool = False
    warning: str = ""
    stdin: bool = False
    """Read from standard input: the fixed text goes to standard output."""

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def write(self, stdout: BinaryIO) -> None:
        """Write the fixed file in place; standard input's text (fixed or not) to ``stdout``.

        Raises:
            OSError: the file cannot be written.
        """
        if self.stdin:
            stdout.write(self.source.raw)
            stdout.flush()
        elif self.changed:
            Path(self.source.path).write_bytes(self.source.raw)

    def diff(self) -> str:
        """A unified diff of the checked text (a message's body: its headers never change)."""
        name = f"{self.source.path} (body)" if self.is_message else self.source.path
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True), name, name
        )
        return "".join(
            line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n" for line in lines
        )


def fix_source(
    linter: Linter,
    source: Source,
    make_draft: Callable[[Source], Draft],
    *,
    unsafe: bool = False,
    message: bool | None = None,
) -> Fixed:
    """Fix ``source`` with the safe fixes (all, with ``unsafe``) of ``linter``'s findings;
    ``message`` says whether it is an RFC 822 message (default: told from its name and start).

    Raises:
        InputError: from ``make_draft``, when the file cannot be read as a draft.
    """
    if message is None:
        message = not is_template(source.path) and is_message(source)
    draft = make_draft(source)
    report = linter.check_many([draft])[0]
    before = _checked_text(source, draft, message)
    seen = {before: 0}  # each text reached, and the round that reached it
    rounds: list[set[str]] = []  # the rules whose fixes each round applied
    count, warning = 0, ""
    for _ in range(MAX_ROUNDS):
        chosen = {f.fix: f.code for f in report.findings if f.fix and wanted(f.fix, unsafe)}
        if not chosen:
            break
        try:
            source, applied, skipped = _written(source, draft, non_overlapping(chosen), message)
        except NotWritable as exc:
            warning = f"not fixed: {exc}"
            break
        warning = f"some fixes were not applied: {skipped}" if skipped else ""
        if not applied:
            break
        count += len(applied)
        rounds.append({chosen[fix] for fix in applied})
        draft = make_draft(source)
        report = linter.check_many([draft])[0]
        text = _checked_text(source, draft, message)
        if text in seen:  # a cycle: stop where it closes, so that a second run ends there too
            undone = sorted(set().union(*rounds[seen[text] :]))
            warning = f"the fixes of {', '.join(undone)} undo each other; fix this by hand"
            break
        seen[text] = len(rounds)
    else:
        if any(f.fix and wanted(f.fix, unsafe) for f in report.findings):
            warning = f"fixes still apply after {MAX_ROUNDS} rounds; run again"
    after = _checked_text(source, draft, message)
    return Fixed(report, source, count, before, after, message, warning)


def _checked_text(source: Source, draft: Draft, message: bool) -> str:
    """What the findings point into: a message's body, else the file's text (a template's
    findings are placed in the file)."""
    return draft.text if message else source.text


def _written(
    source: Source, draft: Draft, fixes: Sequence[Fix], message: bool
) -> tuple[Source, tuple[Fix, ...], str]:
    """``source`` with ``fixes`` made, the fixes made, and why any others were not."""
    if source.read_only:
        raise NotWritable(source.read_only)
    if message:
        result = rewrite_body(source.raw, draft.text, fixes)
        return decode(result.data, source.path), result.applied, result.skipped
    codec = _codec(source)
    writable = tuple(f for f in fixes if _encodes(f, codec))
    skipped = "" if len(writable) == len(fixes) else f"a fix needs a character that {codec} lacks"
    text = apply_edits(source.text, [e for fix in writable for e in fix.edits])
    bom = next((bom for bom, _ in _BOMS if source.raw.startswith(bom)), b"")
    return replace(source, text=text, raw=bom + text.encode(codec)), writable, skipped


def _codec(source: Source) -> str:
    """The encoding ``source`` was read in (see :func:`cscomm.sources.decode`)."""
    for bom, codec in _BOMS:
        if source.raw.startswith(bom):
            return codec
    for codec in ("utf-8", "cp1252", "latin-1"):
        try:
            if source.raw.decode(codec) == source.text:
                return codec
        except UnicodeDecodeError:
            continue
    raise NotWritable("its encoding could not be told")


def _encodes(fix: Fix, codec: str) -> bool:
    try:
        for edit in fix.edits:
            edit.content.encode(codec)
    except UnicodeEncodeError:
        return False
    return True
