"""Tone-mark slips in a tonal language written in the Latin script (Vietnamese).

Each Vietnamese syllable carries one of five tone marks (or none), and a slip of the keys
or of the ear puts the wrong one: "kiễm tra" for "kiểm tra", "xin lổi" for "xin lỗi".
A syllable is such a slip when wordfreq's list for the language, built from subtitles,
news and the web, has never seen it, and the same letters with another tone mark are in
everyday use. Other confusions ("sử lý" for "xử lý", "sẻ" for "sẽ") give real
syllables: only a list of words in context could settle them, and none is shipped.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from cscomm.word_frequency import zipf

UNSEEN = 1.0
"""Zipf frequency under which the list has, in effect, never seen the syllable."""
EVERYDAY = 4.0
"""Zipf frequency from which the re-marked syllable is in everyday use (one in 100,000 words)."""
ENGLISH = 3.0
"""An English word this common is code-switching, not a slip ("app", "update")."""
_VOWELS = frozenset("aeiouy")
_SHAPE_MARKS = frozenset("\u0302\u0306\u031b")
"""Marks that shape a vowel (â, ă, ơ): a tone mark goes after them."""
_SYLLABLE = re.compile(r"(?<![\w'’-])(?:[^\W\d_]|[\u0300-\u036f])+(?![\w'’-])")
"""Letters with their combining marks: text typed decomposed (NFD) keeps its syllables whole."""


def tone_slips(text: str, tone_marks: str, wordlist: str) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """(start, end, corrections) for each lower-case syllable of ``text`` that is a tone-mark
    slip: unseen in ``wordlist`` (wordfreq's code) and, with another of ``tone_marks``
    (combining characters) or none, a syllable in everyday use. The corrections are those
    syllables, commonest first. Capitalised words are names and are left alone."""
    for match in _SYLLABLE.finditer(text):
        syllable = unicodedata.normalize("NFC", match.group())  # the list's form, however typed
        if not syllable.islower() or not _marked(syllable, tone_marks):
            continue
        if zipf(syllable, wordlist) >= UNSEEN or zipf(syllable, "en") >= ENGLISH:
            continue
        ranked = sorted(((zipf(c, wordlist), c) for c in _remarked(syllable, tone_marks)), reverse=True)
        corrections = tuple(c for frequency, c in ranked if frequency >= EVERYDAY)
        if corrections:
            yield match.start(), match.end(), corrections


def _marked(syllable: str, tone_marks: str) -> bool:
    return any(c in tone_marks for c in unicodedata.normalize("NFD", syllable))


@functools.lru_cache(maxsize=4096)
def _remarked(syllable: str, tone_marks: str) -> tuple[str, ...]:
    """``syllable`` with each other tone mark (or none) on each of its vowels."""
    bare = "".join(c for c in unicodedata.normalize("NFD", syllable) if c not in tone_marks)
    seats = [_after_shape(bare, i) for i, c in enumerate(bare) if c in _VOWELS]
    variants = {unicodedata.normalize("NFC", bare)}
    for mark in tone_marks:
        variants.update(unicodedata.normalize("NFC", bare[:at] + mark + bare[at:]) for at in seats)
    variants.discard(syllable)
    return tuple(sorted(variants))


def _after_shape(bare: str, vowel: int) -> int:
    """Where a tone mark goes on the vowel at ``vowel``: after any mark that shapes it."""
    at = vowel + 1
    while at < len(bare) and bare[at] in _SHAPE_MARKS:
        at += 1
    return at
