"""What cscomm reads as prose, and the largest draft it checks.

A run of more than :data:`MAX_TOKEN` characters without a space (a pasted key, an
encoded blob; a link may be up to :data:`MAX_LINK` long) or a line of more than
:data:`MAX_LINE` characters is not prose. The draft's parts leave it out, so the grammar
backend, the parser and the rules never read it, and a notice says so. Bounding what the
rules read also bounds each pattern's work per position: checking stays linear in the
size of the draft. A draft above ``max-bytes`` is not checked at all.
"""

from __future__ import annotations

import re

from cscomm.document import Document, Span
from cscomm.errors import InputError

MAX_TOKEN = 100
MAX_LINK = 2048
MAX_LINE = 10_000
DEFAULT_MAX_BYTES = 250_000
"""250 KB of text, some 40,000 words: far above any reply and its thread, and checked in
about 6 s within 0.6 GB (500 KB takes 10 s; ``benchmarks/robustness.py``)."""
NOT_PROSE = "CS906 not-prose"
_SPACELESS = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, Japanese,
Chinese): their runs are bounded by the line limit only."""
_LONG = re.compile(
    rf"^[^\r\n]{{{MAX_LINE + 1},}}"
    rf"|(?<![^\s{_SPACELESS}])"
    rf"(?!(?:https?://|www\.|mailto:)[^\s{_SPACELESS}]{{1,{MAX_LINK}}}(?![^\s{_SPACELESS}]))"
    rf"[^\s{_SPACELESS}]{{{MAX_TOKEN + 1},}}",
    re.MULTILINE,
)


def not_prose(text: str) -> tuple[Span, ...]:
    """The spans of ``text`` that are too long to be prose, in order and disjoint."""
    return tuple(Span(*m.span()) for m in _LONG.finditer(text))


def blank_not_prose(text: str) -> str:
    """``text`` with what is not prose blanked (same length, so offsets hold)."""
    return _LONG.sub(lambda m: " " * len(m.group()), text)


def not_prose_notice(doc: Document) -> str:
    """The notice for the spans ``doc`` skipped as not prose (``doc.skipped``)."""
    first = doc.skipped[0]
    size = first.end - first.start
    what = f"a line of {size:,} characters" if size > MAX_LINE else f"{size:,} characters without a space"
    more = f" (and {len(doc.skipped) - 1} more)" if len(doc.skipped) > 1 else ""
    return f"{NOT_PROSE}: line {doc.locate(first.start)[0]}: {what}{more} is not prose; no rule read it"


def pieces(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters, each after a line break
    where there is one (else after a space); joined, they are ``text``."""
    found, start = [], 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = window.rfind("\n") + 1 or window.rfind(" ") + 1 or size
        found.append(window[:cut])
        start += cut
    found.append(text[start:])
    return found


BYTES_PER_WORD = 5
BYTES_PER_LINE = 20
"""Time and memory grow with words and lines, not bytes: a draft may hold at most
``max-bytes`` / 5 words and ``max-bytes`` / 20 lines (50,000 and 12,500 at the default).
Prose of the size limit has some 40,000 words on 3,250 lines (6 s); 248 KB of one-letter
lines has 124,000 of each and took 20 s; 12,500 such lines take 3 s within 0.6 GB."""


def check_size(text: str, path: str, limit: int) -> None:
    """Refuse a draft above ``limit`` bytes (UTF-8), ``limit`` / :data:`BYTES_PER_WORD`
    words or ``limit`` / :data:`BYTES_PER_LINE` lines."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise InputError(f"{path}: {size:,} bytes to check; the limit is {limit:,} (max-bytes)")
    for count, what, per in (
        (len(text.split()), "words", BYTES_PER_WORD),
        (text.count("\n") + 1, "lines", BYTES_PER_LINE),
    ):
        if count > limit // per:
            raise InputError(
                f"{path}: {count:,} {what} to check; the limit is {limit // per:,} (max-bytes / {per})"
            )
