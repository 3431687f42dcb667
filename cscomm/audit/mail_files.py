"""Find the messages of an mbox file, a Maildir, a folder of ``.eml`` files or one ``.eml``.

Messages are located, not loaded: an mbox is scanned line by line for its ``From ``
separators, so only one message is ever held in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cscomm.errors import InputError

_FROM = b"From "


@dataclass(frozen=True, slots=True)
class Location:
    """Where a message's bytes are: a whole file (``length`` -1) or a slice of an mbox."""

    path: str
    offset: int = 0
    length: int = -1

    def read(self) -> bytes:
        """The message's bytes (an mbox's ``>From `` quoting undone)."""
        with open(self.path, "rb") as handle:
            if self.length < 0:
                return handle.read()
            handle.seek(self.offset)
            data = handle.read(self.length)
        if data.endswith(b"\n\n"):  # the blank line before the next "From " separator
            data = data[:-1]
        return b"\n".join(_unquote(line) for line in data.split(b"\n"))


def _unquote(line: bytes) -> bytes:
    stripped = line.lstrip(b">")
    return line[1:] if stripped.startswith(_FROM) and line.startswith(b">") else line


def is_mail_source(path: Path) -> bool:
    """Whether ``path`` is read as mail: an mbox, a Maildir, an ``.eml`` or a folder of them."""
    if path.is_dir():
        return (path / "cur").is_dir() or any(path.rglob("*.eml"))
    if path.suffix.lower() in (".eml", ".mbox"):
        return True
    with open(path, "rb") as handle:
        return handle.read(5) == _FROM


def locate(path: Path) -> Iterator[Location]:
    """The messages of ``path``, in a stable order (an mbox's order; files sorted by name)."""
    if path.is_dir():
        if (path / "cur").is_dir():
            files = [f for sub in ("new", "cur") for f in sorted((path / sub).glob("*")) if f.is_file()]
        else:
            files = sorted(path.rglob("*.eml"))
        if not files:
            raise InputError(
                f"{path}: no messages found (a Maildir needs cur/ and new/, a folder .eml files)"
            )
        yield from (Location(str(f)) for f in files)
    elif path.suffix.lower() == ".eml":
        yield Location(str(path))
    else:
        yield from _scan_mbox(path)


def _scan_mbox(path: Path) -> Iterator[Location]:
    start, offset, previous_blank, found = -1, 0, True, False
    with open(path, "rb") as handle:
        for line in handle:
            if line.startswith(_FROM) and previous_blank:
                if start >= 0:
                    yield Location(str(path), start, offset - start)
                start = offset + len(line)
                found = True
            elif not found:
                raise InputError(f"{path}: not an mbox file (it does not start with a 'From ' line)")
            offset += len(line)
            previous_blank = not line.strip()
    if start >= 0:
        yield Location(str(path), start, offset - start)
