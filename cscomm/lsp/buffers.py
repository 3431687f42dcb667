"""Read an editor buffer into the draft ``cscomm check`` would read from the same file,
and place what the check reports back in the buffer.

Plain text and templates report offsets in the buffer itself (a template's findings are
placed in the file as written). A mail message reports offsets in its decoded body,
which :mod:`cscomm.lsp.mailmap` finds again in the buffer; its fixes are written into the
message as ``cscomm check --fix`` writes them (:func:`cscomm.mail.rewrite.rewrite_body`),
and the buffer edit is what changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cscomm.draft import Draft
from cscomm.fixes import Applicability, Edit, Fix, replacement
from cscomm.lsp.formats import BufferFormat
from cscomm.lsp.mailmap import EMACS_SEPARATOR, Place, body_placer, for_parsing, header_end
from cscomm.mail.rewrite import NotWritable, rewrite_body
from cscomm.mail.sniff import looks_like_message
from cscomm.messages import draft_from_message
from cscomm.sources import decode
from cscomm.templates import draft_from_template

BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Prepared:
    """A buffer read as a draft: the draft, how it was read, and where its offsets stand
    in the buffer."""

    text: str
    """The buffer's text."""
    draft: Draft
    fmt: BufferFormat
    """The format it was read as: a plain buffer that starts with mail headers is mail,
    as ``cscomm check`` reads such a file."""
    place: Place
    """A report offset → a buffer offset."""
    raw: bytes = b""
    """A mail buffer as the message parser read it."""

    def edits(self, fixes: Sequence[Fix]) -> tuple[Edit, ...]:
        """Non-overlapping ``fixes`` as edits of the buffer; none when a message cannot
        take them (an HTML body, a character its charset lacks)."""
        if self.fmt is not BufferFormat.MAIL:
            return tuple(
                Edit(self.place(e.start), self.place(e.end), e.content) for f in fixes for e in f.edits
            )
        try:
            written = rewrite_body(self.raw, self.draft.text, fixes)
            new = _unparsed(self.text, written.data.decode("utf-8"))
        except (NotWritable, UnicodeDecodeError):
            return ()
        change = replacement(self.text, 0, len(self.text), new, Applicability.SAFE)
        return change.edits if written.applied and change is not None else ()


def prepare(text: str, fmt: BufferFormat, path: Path) -> Prepared:
    """Read ``text`` (a buffer in format ``fmt``, checked as ``path``) into a draft.

    Raises:
        InputError: the buffer is empty, binary, holds no prose, or no readable message.
    """
    bom = 1 if text.startswith(BOM) else 0
    name = str(path)
    if fmt in (BufferFormat.MAIL, BufferFormat.PLAIN):
        raw = for_parsing(text).encode("utf-8", "replace")
        if looks_like_message(raw):
            draft = draft_from_message(raw, name)
            return Prepared(text, draft, BufferFormat.MAIL, body_placer(text, draft.text), raw)
        fmt = BufferFormat.PLAIN
    source = decode(text[bom:].encode("utf-8", "replace"), name)
    draft = Draft(source.text, name) if fmt is BufferFormat.PLAIN else draft_from_template(source)
    return Prepared(text, draft, fmt, lambda offset: offset + bom)


def _unparsed(old: str, new: str) -> str:
    """``new`` (a rewrite of ``for_parsing(old)``) with Emacs's separator line put back."""
    end = header_end(old)
    if end is None or not old.startswith(EMACS_SEPARATOR, end):
        return new
    return new[:end] + EMACS_SEPARATOR + new[end:]
