"""Read the prose of a Markdown template with markdown-it-py (CommonMark).

Paragraphs, headings and list items are kept, one paragraph each, with their list
markers; block quotes keep their ``>`` marks, so a quoted customer message is still
the customer's message. Left out: fenced and indented code, inline code, the targets
of links (their text is kept), images, and raw HTML; HTML comments are handed on for
directives. markdown-it gives lines, not columns, so each piece of text is found again
in its block's source to keep its file offset.
"""

from __future__ import annotations

import functools
import html
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from cscomm.templates.prose import Prose, ProseWriter

_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n|$)")
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")


@functools.cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def read_markdown(source: str) -> Prose:
    """The prose of the Markdown ``source``, each character mapped to its file offset."""
    lines = [(m.start(), m.start() + len(m.group().rstrip("\r\n"))) for m in _LINE.finditer(source)]
    out = ProseWriter(len(source))
    depth = written = 0  # block-quote depth now, and of the last block written
    marker: tuple[str, int] | None = None
    for token in _parser().parse(source):
        if token.type == "blockquote_open":
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
        elif token.type == "list_item_open" and token.map is not None:
            text = f"{token.info}{token.markup}"
            start, end = lines[token.map[0]]
            found = source.find(text, start, end)
            marker = (f"{text} ", found if found >= 0 else start)
        elif token.type == "inline" and token.map is not None:
            if not out.empty:
                out.put(f"\n{('> ' * min(depth, written)).rstrip()}\n")
            out.put("> " * depth)
            written = depth
            if marker is not None:
                out.put(*marker)
                marker = None
            _inline(token, _offsets(token.content, source, lines, token.map[0]), out, "> " * depth)
        elif token.type == "html_block" and token.map is not None:
            offsets = _offsets(token.content, source, lines, token.map[0])
            for match in _COMMENT.finditer(token.content):
                out.comment(offsets[match.start()], offsets[match.end() - 1] + 1, match.group(1))
    return out.prose()


def _offsets(content: str, source: str, lines: list[tuple[int, int]], first: int) -> list[int]:
    """The file offset of each character of a block's ``content``, whose lines are the
    ends of the source lines from ``first`` on (markdown-it strips quote marks and indents)."""
    offsets: list[int] = []
    for number, text in enumerate(content.split("\n")):
        start, end = lines[min(first + number, len(lines) - 1)]
        found = source.rfind(text, start, end) if text else end
        at = found if found >= 0 else max(start, end - len(text))
        offsets.extend(range(at, at + len(text)))
        offsets.append(end)  # the line break
    return offsets[: len(content)]


def _inline(token: Token, raw_offsets: list[int], out: ProseWriter, prefix: str) -> None:
    """Copy an inline block's text, skipping code, link targets, images and HTML."""
    view, view_raw = _decoded(token.content)

    def place(start: int, length: int) -> list[int]:
        last = len(view_raw) - 1
        return [raw_offsets[view_raw[min(i, last)]] for i in range(start, start + length)]

    cursor = 0
    for child in token.children or ():
        kind = child.type
        if kind == "text":
            found = view.find(child.content, cursor)
            at = found if found >= 0 else cursor
            out.copy(child.content, place(at, len(child.content)))
            cursor = at + len(child.content) if found >= 0 else cursor
        elif kind in ("softbreak", "hardbreak"):
            newline = view.find("\n", cursor)
            if newline >= 0:
                out.put("\n", place(newline, 1)[0])
                cursor = newline + 1
            else:
                out.put("\n")
            out.put(prefix)
        elif kind == "code_inline":
            cursor = _past_code(view, cursor, child.markup)
            out.gap()
        elif kind == "link_close" and child.markup != "autolink":
            cursor = _past_target(view, cursor)
        elif kind == "image":
            opening = view.find("![", cursor)
            cursor = _past_target(view, _closing_bracket(view, opening + 1)) if opening >= 0 else cursor
            out.gap()
        elif kind == "html_inline":
            found = view.find(child.content, cursor)
            if found >= 0:
                comment = _COMMENT.fullmatch(child.content)
                if comment is not None:
                    span = place(found, len(child.content))
                    out.comment(span[0], span[-1] + 1, comment.group(1))
                cursor = found + len(child.content)
            out.gap()


def _decoded(raw: str) -> tuple[str, list[int]]:
    """``raw`` inline Markdown with its escapes and entities decoded, as markdown-it's text
    tokens have them, and the raw index of each decoded character."""
    chars: list[str] = []
    origin: list[int] = []
    index = 0
    while index < len(raw):
        char = raw[index]
        entity = _ENTITY.match(raw, index) if char == "&" else None
        if char == "\\" and index + 1 < len(raw) and raw[index + 1] in _ESCAPABLE:
            chars.append(raw[index + 1])
            origin.append(index + 1)
            index += 2
        elif entity is not None:
            decoded = html.unescape(entity.group())
            chars.extend(decoded)
            origin.extend([index] * len(decoded))
            index = entity.end()
        else:
            chars.append(char)
            origin.append(index)
            index += 1
    return "".join(chars), origin


def _past_code(view: str, cursor: int, fence: str) -> int:
    """Just past the code span that opens with ``fence`` (a run of backticks) at or after ``cursor``."""
    opening = view.find(fence, cursor)
    if opening < 0:
        return cursor
    closing = re.compile(rf"(?<!`){re.escape(fence)}(?!`)").search(view, opening + len(fence))
    return closing.end() if closing else cursor


def _closing_bracket(view: str, opening: int) -> int:
    """The index of the ``]`` that closes the ``[`` at ``opening`` (or the end)."""
    depth = 0
    for index in range(opening, len(view)):
        if view[index] == "[":
            depth += 1
        elif view[index] == "]":
            depth -= 1
            if depth == 0:
                return index
    return len(view)


def _past_target(view: str, cursor: int) -> int:
    """Just past a link's ``](target)``, ``][label]`` or ``]``, from the end of its text."""
    bracket = view.find("]", cursor)
    if bracket < 0:
        return cursor
    after = bracket + 1
    if view.startswith("(", after):
        depth = 0
        for index in range(after, len(view)):
            depth += {"(": 1, ")": -1}.get(view[index], 0)
            if depth == 0:
                return index + 1
        return len(view)
    if view.startswith("[", after):
        end = view.find("]", after)
        return end + 1 if end >= 0 else after
    return after
