"""cscomm's compact copy of wordfreq's English list gives wordfreq's own figures, and the
misspelling test built on it."""

from __future__ import annotations

import pytest
from wordfreq import zipf_frequency

from cscomm.word_frequency import attested, local_zipf

WORDS = ["the", "receive", "recieve", "wishlist", "backorder", "plunker", "occured", "passcode", "npr", "dhl"]
PHRASES = ["wish list", "in flight", "a dress", "back order"]


@pytest.mark.parametrize("word", WORDS + PHRASES)
def test_the_compact_table_gives_wordfreqs_figures(word: str) -> None:
    assert local_zipf(word) == pytest.approx(zipf_frequency(word, "en", wordlist="best"), abs=0.011)


@pytest.mark.parametrize(
    ("word", "suggestions", "expected"),
    [
        ("recieve", ("receive",), False),  # far rarer than its correction
        ("wishlist", ("wish list", "wish lists"), True),  # a closed compound
        ("adress", ("a dress",), False),  # a split into a letter and a word is a correction
        ("plunker", ("plunder",), False),  # never seen
        ("waiters", ("waiter's", "waivers"), True),
    ],
)
def test_attested(word: str, suggestions: tuple[str, ...], expected: bool) -> None:
    assert attested(word, suggestions) is expected
