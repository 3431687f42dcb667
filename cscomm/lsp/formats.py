"""Which buffers the language server checks, and as what: plain text, a Markdown or
HTML template, or a mail message.

The client's ``languageId`` decides when it names one of these formats; a generic
one (``plaintext``, ``text``) or an unknown one defers to the file's suffix. Whatever
the format, the draft is checked as a file of that format would be by ``cscomm check``,
so the path it is checked under carries the format's suffix.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path, PurePath
from urllib.parse import unquote, urlsplit


class BufferFormat(StrEnum):
    """How a buffer is read into a draft."""

    PLAIN = "plaintext"
    MARKDOWN = "markdown"
    HTML = "html"
    MAIL = "mail"


LANGUAGE_IDS = {
    "markdown": BufferFormat.MARKDOWN,
    "gfm": BufferFormat.MARKDOWN,  # Emacs gfm-mode
    "html": BufferFormat.HTML,
    "mhtml": BufferFormat.HTML,  # Emacs mhtml-mode
    "mail": BufferFormat.MAIL,
    "email": BufferFormat.MAIL,
    "eml": BufferFormat.MAIL,
    "message": BufferFormat.MAIL,  # Emacs message-mode, as eglot names it
}
GENERIC_IDS = frozenset({"plaintext", "text", "txt", ""})
SUFFIXES = {
    ".txt": BufferFormat.PLAIN,
    ".text": BufferFormat.PLAIN,
    ".letter": BufferFormat.PLAIN,
    ".memo": BufferFormat.PLAIN,
    ".md": BufferFormat.MARKDOWN,
    ".markdown": BufferFormat.MARKDOWN,
    ".html": BufferFormat.HTML,
    ".htm": BufferFormat.HTML,
    ".eml": BufferFormat.MAIL,
}
_CANONICAL_SUFFIX = {
    BufferFormat.PLAIN: ".txt",
    BufferFormat.MARKDOWN: ".md",
    BufferFormat.HTML: ".html",
    BufferFormat.MAIL: ".eml",
}


def buffer_format(language_id: str, uri: str) -> BufferFormat | None:
    """The format to read a buffer as, or ``None`` for a buffer cscomm does not check."""
    named = LANGUAGE_IDS.get(language_id.lower())
    if named is not None:
        return named
    by_suffix = SUFFIXES.get(PurePath(uri_path(uri) or "").suffix.lower())
    if by_suffix is not None:
        return by_suffix
    return BufferFormat.PLAIN if language_id.lower() in GENERIC_IDS else None


def uri_path(uri: str) -> str | None:
    """The file system path of a ``file:`` URI, else ``None`` (``untitled:`` buffers)."""
    parts = urlsplit(uri)
    if parts.scheme != "file":
        return None
    path = unquote(parts.path)
    if len(path) > 2 and path[0] == "/" and path[2] == ":":  # file:///C:/… on Windows
        path = path[1:]
    return path


def checked_path(uri: str, fmt: BufferFormat, folder: Path) -> Path:
    """The path a buffer is checked as: its file (or, unsaved, a name in ``folder``), with
    the format's suffix added when its own suffix says something else. Configuration is
    found from this path's folder, and ``per-file-ignores`` match it."""
    local = uri_path(uri)
    path = Path(local) if local else folder / (PurePath(urlsplit(uri).path).name or "untitled")
    if SUFFIXES.get(path.suffix.lower()) is fmt:
        return path
    return path.with_name(path.name + _CANONICAL_SUFFIX[fmt])
