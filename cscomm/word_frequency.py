"""Word frequencies (wordfreq's large lists): is a word the spell checker rejects real?

Harper's dictionary is small; wordfreq counts words across subtitles, news, books, the web
and more. A word counts as misspelt only if both reject it. wordfreq "rejects" a word it
has never seen, and a word far rarer than a near spelling the checker suggests (people
write "recieve" now and then, but "receive" about 120 times as often). A suggestion that
only splits the word into two common words ("wish list" for "wishlist") is no correction:
English closes compounds.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

UNSEEN = 1.0
"""Zipf frequency below which wordfreq has, in effect, never seen the word."""
CORRECTION_GAP = 1.1
"""A suggestion this much more frequent (Zipf units, ~12×) marks the word as its misspelling."""
COMPOUND_PART = 3.5
"""Each part of a closed compound must be this common (Zipf) to count as a word of its own."""


@functools.lru_cache(maxsize=4096)
def zipf(word: str, language: str = "en") -> float:
    """wordfreq's Zipf frequency of ``word`` (0 when unseen); wordfreq loads on first use."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, language, wordlist="best"))


def attested(word: str, suggestions: Iterable[str], language: str = "en") -> bool:
    """Whether ``word`` is a real word of ``language`` although a checker suggested others."""
    frequency = zipf(word.lower(), language)
    if frequency < UNSEEN:
        return False
    for suggestion in suggestions:
        if suggestion.lower() == word.lower() or _splits(word, suggestion, language):
            continue
        if zipf(suggestion.lower(), language) - frequency >= CORRECTION_GAP:
            return False
    return True


def _splits(word: str, suggestion: str, language: str) -> bool:
    """Whether ``suggestion`` only splits ``word`` (or its plural) into two common words."""
    parts = suggestion.replace("-", " ").split()
    joined = "".join(parts).lower()
    return (
        len(parts) == 2
        and joined.startswith(word.lower())
        and joined[len(word) :] in _INFLECTIONS
        and all(len(p) > 1 and zipf(p.lower(), language) >= COMPOUND_PART for p in parts)
    )


_INFLECTIONS = ("", "s", "es", "'s")
