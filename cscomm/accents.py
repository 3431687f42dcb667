"""Accents left off in a language whose words carry them (Portuguese: "voce", "apos").

A word typed without its marks is still in wordfreq's list, which counts the web as it is
written ("voce" is there), so being in the list proves nothing. What settles it is the
ratio: the same letters with the language's marks are far commoner ("você" is 70 times
as common as "voce"). Where both are words in their own right, the ratio is small ("esta"
and "está", "publico" and "público"), and the word is left alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from cscomm.word_frequency import word_list, zipf

COMMONER = 1.6
"""Zipf units (about 40 times) by which the marked word must outnumber the bare one. Word
pairs that are both in use stay under it ("publico"/"público" 1.47, "analise"/"análise"
1.55); the letters of a word that only exists with its marks clear it ("após" 2.1)."""
EVERYDAY = 3.0
"""The marked word must be in everyday use (one in a million words)."""
_WORD = re.compile(r"(?<![\w@./-])[^\W\d_]+(?![\w@-]|\.\w)")
"""A word, not part of an e-mail address, a link or a file name ("prevencao@…")."""


def missing_accents(text: str, marks: str, wordlist: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, correction) for each lower-case word of ``text`` that has none of
    ``marks`` (combining characters) where the same letters with them are far commoner in
    ``wordlist`` (wordfreq's code), and no commoner in English (code-switching: "so")."""
    marked = accented_forms(marks, wordlist)
    for match in _WORD.finditer(text):
        word = match.group()
        if not word.islower() or word not in marked:  # a capitalised word may be a name ("Jose")
            continue
        correction, frequency = marked[word]
        bare = zipf(word, wordlist)
        if frequency - bare >= COMMONER and zipf(word, "en") < frequency - COMMONER:
            yield match.start(), match.end(), correction


@functools.cache
def accented_forms(marks: str, wordlist: str) -> dict[str, tuple[str, float]]:
    """Bare letters → the commonest word of the list spelt with them and some of ``marks``,
    and its Zipf frequency: "voce" → ("você", 6.5). Built once, on first use."""
    forms: dict[str, tuple[str, float]] = {}
    for word, frequency in word_list(wordlist):
        if frequency < EVERYDAY:
            break  # commonest first: the rest are rarer
        decomposed = unicodedata.normalize("NFD", word)
        if any(c in marks for c in decomposed):
            bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in marks))
            forms.setdefault(bare, (word, frequency))
    return forms
