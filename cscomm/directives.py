"""Comment directives in Markdown and HTML templates, read into suppressions.

``<!-- cscomm-disable CODE[, CODE…] -->`` silences those rules until
``<!-- cscomm-enable -->`` (every open one) or ``<!-- cscomm-enable CODE -->`` (that
one), else to the end of the file; ``<!-- cscomm-disable-next-line CODE -->`` silences
them on the line after the comment. Codes may be any selector: a code, prefix, name or
category. The comments themselves are never checked. Plain-text drafts have no
directives: they are pasted to customers as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cscomm.suppression import WHOLE_FILE, Directive, Suppression, selectors

_DIRECTIVE = re.compile(r"\s*cscomm-(?P<verb>[\w-]*)(?P<rest>.*)", re.DOTALL)
_VERBS = ("disable", "enable", "disable-next-line")


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment in a template: its span in the file and the text between ``<!--`` and ``-->``."""

    start: int
    end: int
    body: str


def read_directives(source: str, comments: tuple[Comment, ...]) -> tuple[tuple[Suppression, ...], list[str]]:
    """The suppressions written in ``comments`` of ``source``, and notices about
    directives that could not be read."""
    found: list[Suppression] = []
    notices: list[str] = []
    open_: list[Suppression] = []  # disable directives not yet ended, end unknown
    for comment in sorted(comments, key=lambda c: c.start):
        match = _DIRECTIVE.fullmatch(comment.body)
        if match is None:
            continue
        verb, chosen = match["verb"], selectors(match["rest"])
        directive = Directive(source[comment.start : comment.end], comment.start, comment.end)
        line = source.count("\n", 0, comment.start) + 1
        if verb not in _VERBS:
            notices.append(f"line {line}: unknown directive cscomm-{verb} (use {', '.join(_VERBS)}); ignored")
        elif verb == "enable":
            ending = [s for s in open_ if not chosen or s.selector in chosen]
            found.extend(Suppression(s.selector, s.start, comment.start, s.directive) for s in ending)
            open_ = [s for s in open_ if s not in ending]
        elif not chosen:
            notices.append(f"line {line}: cscomm-{verb} names no rule (write its codes, or ALL); ignored")
        elif verb == "disable":
            open_.extend(Suppression(selector, comment.end, WHOLE_FILE, directive) for selector in chosen)
        else:
            start = _next_line(source, comment.end)
            end = _next_line(source, start) if start < len(source) else start
            found.extend(Suppression(selector, start, end, directive) for selector in chosen)
    return (*found, *open_), notices


def _next_line(source: str, offset: int) -> int:
    """The start of the line after the one holding ``offset`` (the end of ``source`` if none)."""
    newline = source.find("\n", offset)
    return len(source) if newline < 0 else newline + 1
