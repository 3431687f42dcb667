"""Refuse a str that is not Unicode text: one holding a lone surrogate.

Python strings may hold surrogates (U+D800-U+DFFF) that pair with nothing, e.g. from
``bytes.decode(errors="surrogateescape")`` or a JSON ``"\\ud800"``; no text encoding can
write them, and the parser cannot read them. Such a draft is an input error that says
where the surrogate is.
"""

from __future__ import annotations

from cscomm.errors import InputError


def check_unicode(text: str, path: str, what: str = "draft") -> None:
    """Raise :class:`InputError` if ``text`` holds a lone surrogate."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        column = exc.start - text.rfind("\n", 0, exc.start)
        raise InputError(
            f"{path}: the {what} holds a lone surrogate (U+{ord(text[exc.start]):04X}) at line {line}, "
            f"column {column}, which is not Unicode text; decode it with errors='replace'"
        ) from None
