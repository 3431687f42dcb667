"""Word frequencies (wordfreq's large lists): is a word the spell checker rejects real?

The list is read from wordfreq's own data file into a compact table (``local_zipf``), in
the grammar helper process when there is one (``use_helper``).

Harper's dictionary is small; wordfreq counts words across subtitles, news, books, the web
and more. A word counts as misspelt only if both reject it. wordfreq "rejects" a word it
has never seen, and a word far rarer than a near spelling the checker suggests (people
write "recieve" now and then, but "receive" about 120 times as often). A suggestion that
only splits the word into two common words ("wish list" for "wishlist") is no correction:
English closes compounds.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import math
from array import array
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

UNSEEN = 1.0
"""Zipf frequency below which wordfreq has, in effect, never seen the word."""
CORRECTION_GAP = 1.1
"""A suggestion this much more frequent (Zipf units, ~12×) marks the word as its misspelling."""
COMPOUND_PART = 3.5
"""Each part of a closed compound must be this common (Zipf) to count as a word of its own."""
DERIVATION_BASE = 3.0
"""How common (Zipf) a word must be for a prefixed form of it ("rebilled", "unreturned")
to be a word too."""
_PREFIXES = (
    "re",
    "un",
    "pre",
    "non",
    "co",
    "multi",
    "sub",
    "over",
    "under",
    "anti",
    "inter",
    "post",
    "self",
    "semi",
)


_remote: Callable[[str, str], float] | None = None


def use_helper(lookup: Callable[[str, str], float] | None) -> None:
    """Ask ``lookup`` (the grammar helper process, which holds the lexicon) instead of
    building a second copy of the table in this process."""
    global _remote
    _remote = lookup
    zipf.cache_clear()


@functools.lru_cache(maxsize=4096)
def zipf(word: str, language: str = "en") -> float:
    """wordfreq's Zipf frequency of ``word`` (0 when unseen), from the helper process when
    there is one, else from this process's table, built on first use."""
    if _remote is not None:
        try:
            return _remote(word, language)
        except Exception:  # a helper that has gone: read the lexicon here
            log.debug("word-frequency helper failed; loading the lexicon here", exc_info=True)
    return local_zipf(word, language)


def local_zipf(word: str, language: str = "en") -> float:
    """The Zipf frequency from this process's copy of the lexicon. A phrase combines its
    words' frequencies as wordfreq does (1/f = 1/f1 + 1/f2 …); an unseen word makes it 0."""
    table = _table(language)
    if table is None:
        return 0.0
    keys, buckets = table
    inverse = 0.0
    for token in word.lower().split():
        at = int(np.searchsorted(keys, hash(token)))
        if at >= len(keys) or keys[at] != hash(token):
            return 0.0
        inverse += 10 ** (int(buckets[at]) / 100)
    return round(9 - math.log10(inverse), 2) if inverse else 0.0


@functools.cache
def _table(language: str) -> tuple[np.ndarray, np.ndarray] | None:
    """wordfreq's word list for ``language`` as two arrays: each word's hash, sorted, and its
    frequency bucket (bucket ``i`` holds the words of frequency 10^(-i/100)). ~5 MB instead of
    the ~50 MB of wordfreq's own dictionary and imports; built from wordfreq's data file one
    bucket at a time."""
    path = _data_file(language)
    if path is None:
        return None
    hashes, buckets = array("q"), array("H")
    for index, words in _buckets(path):
        for word in words:
            hashes.append(hash(word))
            buckets.append(index)
    keys = np.frombuffer(hashes, dtype=np.int64)
    order = np.argsort(keys)
    return keys[order], np.frombuffer(buckets, dtype=np.uint16)[order]


def _data_file(language: str) -> Path | None:
    """wordfreq's data file for ``language`` (its large list when it has one)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    candidates = (folder / f"large_{language}.msgpack.gz", folder / f"small_{language}.msgpack.gz")
    return next((p for p in candidates if p.is_file()), None)


def _buckets(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(bucket, words) from a wordfreq data file, commonest first: bucket ``i`` holds the
    words of Zipf frequency 9 - i/100."""
    import gzip

    import msgpack

    with gzip.open(path) as stream:
        unpacker = msgpack.Unpacker(stream, raw=False)
        entries = unpacker.read_array_header()
        unpacker.skip()  # the header: format and version
        for index in range(entries - 1):
            yield index, unpacker.unpack()


def word_list(language: str) -> Iterator[tuple[str, float]]:
    """(word, Zipf frequency) for every word of wordfreq's list for ``language``, commonest
    first; nothing when wordfreq has no list for it."""
    path = _data_file(language)
    if path is not None:
        for index, words in _buckets(path):
            for word in words:
                yield word, 9 - index / 100


def attested(word: str, suggestions: Iterable[str], language: str = "en") -> bool:
    """Whether ``word`` is a real word of ``language`` although a checker suggested others.

    A word wordfreq has not seen counts as common as the word it is regularly derived from
    in English ("rebilled" from "billed", "varifocals" from "varifocal"), unless a
    suggestion is a slip away: derivations are where misspellings happen ("begining",
    "occured", "untill": one swap or doubled letter from a suggestion).
    """
    frequency = zipf(word.lower(), language)
    if language == "en" and not any(_slip(word.lower(), s.lower()) for s in suggestions):
        frequency = max(frequency, derived_from(word.lower()))  # "begining": one edit from "beginning"
    if frequency < UNSEEN:
        return False
    for suggestion in suggestions:
        if suggestion.lower() == word.lower() or _splits(word, suggestion, language):
            continue
        if zipf(suggestion.lower(), language) - frequency >= CORRECTION_GAP:
            return False
    return True


def derived_from(word: str) -> float:
    """The Zipf frequency of the English word ``word`` is regularly built from (0 when it is
    none): a common word behind a productive prefix ("re" + "billed", "un" + "cancelled").
    Suffixes are left alone: a common word's right inflections and derivations are in the
    lexicon, and wrong ones ("choosed", "familys", "arguement") are the misspellings of
    writers who build words by rule. The base has five letters or more ("re" + "mein")."""
    best = 0.0
    for prefix in _PREFIXES:
        base = word[len(prefix) :]
        if word.startswith(prefix) and len(base) >= 5 and zipf(base) >= DERIVATION_BASE:
            best = max(best, zipf(base))
    return best


def one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter added, dropped or changed, or two neighbours
    swapped (an apostrophe counts as a letter: "dont", "don't")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or _slip(a, b)
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    i = next((k for k in range(len(shorter)) if longer[k] != shorter[k]), len(shorter))
    return longer[i + 1 :] == shorter[i:]


def slip_and_edit(a: str, b: str) -> bool:
    """Whether ``a`` is one edit (see :func:`one_edit`) from ``b`` with one of the slips of
    derivation made as well (two neighbours swapped, a letter doubled or undoubled):
    "definetly" for "definitely", "tommorow" for "tomorrow", "reccomend" for "recommend";
    not two unrelated changes ("diverter" for "diverse")."""
    return abs(len(a) - len(b)) <= 2 and any(one_edit(a, variant) for variant in _slips_of(b))


def _slips_of(word: str) -> Iterator[str]:
    """``word`` with two neighbours swapped, or one letter doubled or undoubled."""
    for i in range(len(word) - 1):
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        else:
            yield word[:i] + word[i + 1 :]
    for i in range(len(word)):
        yield word[: i + 1] + word[i:]


def _slip(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with two neighbouring letters swapped or one letter doubled or
    undoubled: the slips of derivation ("thier", "occured", "untill")."""
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    if len(longer) != len(shorter) + 1:
        return False
    i = next((k for k in range(len(shorter)) if longer[k] != shorter[k]), len(shorter))
    return longer[i + 1 :] == shorter[i:] and i > 0 and longer[i] == longer[i - 1]


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
