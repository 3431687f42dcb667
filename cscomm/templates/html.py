"""Read the prose of an HTML template the way an HTML email body is read.

The text comes from the mail reader's conversion (:func:`cscomm.mail.html_text.html_to_text`:
quotes and signatures set apart by selector, inscriptis for the layout), without ``<pre>``
and ``<code>``. Tags, link targets and comments are not text, so they are never checked.
Each character of the text is then found again among the characters the file shows
(read with the standard library's tokenizer, entities decoded), in order, so it keeps its
file offset; what the conversion adds (list bullets, line breaks) sits just after the
character before it.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from cscomm.mail.html_text import html_to_text
from cscomm.templates.prose import Prose, ProseWriter

_HIDDEN = frozenset({"script", "style", "head", "title"})
_LOOKAHEAD = 8
"""Characters of the text that must match the file's to resume after a skipped stretch."""


class _Shown(HTMLParser):
    """The characters a page shows, each with its file offset, and its comments."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.comments: list[tuple[int, int, str]] = []
        self._line_starts = [0] + [i + 1 for i, c in enumerate(source) if c == "\n"]
        self._hidden = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _show(self, text: str, at: int, one_place: bool = False) -> None:
        if self._hidden:
            return
        self.chars.extend(text)
        self.offsets.extend([at] * len(text) if one_place else range(at, at + len(text)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        self._show(data, self._offset())

    def handle_entityref(self, name: str) -> None:
        self._show(html.unescape(f"&{name};"), self._offset(), one_place=True)

    def handle_charref(self, name: str) -> None:
        self._show(html.unescape(f"&#{name};"), self._offset(), one_place=True)

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        self.comments.append((start, start + len(data) + len("<!---->"), data))


def read_html(source: str) -> Prose:
    """The prose of the HTML ``source``, each character mapped to its file offset."""
    shown = _Shown(source)
    shown.feed(source)
    shown.close()
    visible = [(c, at) for c, at in zip(shown.chars, shown.offsets, strict=True) if not c.isspace()]
    letters = "".join(c for c, _ in visible)
    text = html_to_text(source, prose_only=True).body
    wanted = [(i, c) for i, c in enumerate(text) if not c.isspace()]
    out = ProseWriter(len(source))
    cursor = 0
    for number, (index, char) in enumerate(wanted):
        if cursor < len(letters) and letters[cursor] != char:
            ahead = "".join(c for _, c in wanted[number : number + _LOOKAHEAD])
            found = letters.find(ahead, cursor)
            cursor = found if found >= 0 else cursor
        previous = wanted[number - 1][0] + 1 if number else 0
        out.put(text[previous:index])  # whitespace, laid out by the conversion
        if cursor < len(letters) and letters[cursor] == char:
            out.copy(char, [visible[cursor][1]])
            cursor += 1
        else:
            out.put(char)  # added by the conversion
    out.put(text[wanted[-1][0] + 1 :] if wanted else text)
    for start, end, body in shown.comments:
        out.comment(start, end, body)
    return out.prose()
