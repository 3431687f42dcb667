"""cscomm's compact copy of wordfreq's English list gives wordfreq's own figures, and the
misspelling test built on it."""

from __future__ import annotations

import pytest
from wordfreq import zipf_frequency

from cscomm.checks.grammar import clear_slip
from cscomm.word_frequency import attested, local_zipf, one_edit, slip_and_edit

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
        ("reboxed", ("rebored",), True),  # never seen, but "re" + "boxed"
        ("unrefunded", ("unfunded",), True),  # "un" + "refunded"
        ("choosed", ("chose", "choose"), False),  # a suffix by rule on a common word
        ("untill", ("until",), False),  # one doubled letter off its correction
        ("occured", ("occurred",), False),
        ("thier", ("their",), False),  # two letters swapped
        ("waiters", ("waiter's", "waivers"), True),
    ],
)
def test_attested(word: str, suggestions: tuple[str, ...], expected: bool) -> None:
    assert attested(word, suggestions) is expected


@pytest.mark.parametrize(
    ("word", "suggestions", "sure"),
    [
        ("passanger", ("passenger",), True),  # one letter from a far commoner word
        ("ammount", ("amount",), True),
        ("dont", ("don't",), True),  # a contraction without its apostrophe
        ("comms", ("comes",), False),  # in everyday use, though Harper lacks it
        ("combi", ("combo",), False),  # the suggestion is not far commoner
        ("varifocals", ("trifocals",), False),  # two letters away, and not far commoner
        ("definetly", ("definitely",), True),  # two slips in a long word
        ("tommorow", ("tomorrow",), True),
    ],
)
def test_clear_slip(word: str, suggestions: tuple[str, ...], sure: bool) -> None:
    assert clear_slip(word, suggestions) is sure


@pytest.mark.parametrize(
    ("word", "meant", "near"),
    [
        ("definetly", "definitely", True),  # a letter dropped and two swapped
        ("reccomend", "recommend", True),  # a letter doubled, another undoubled
        ("diverter", "diverse", False),  # two unrelated changes
        ("tomorow", "tomorrow", True),  # one slip alone
    ],
)
def test_slip_and_edit(word: str, meant: str, near: bool) -> None:
    assert (one_edit(word, meant) or slip_and_edit(word, meant)) is near


def test_a_capitalised_word_two_changes_away_is_no_sure_slip() -> None:
    """A capitalised word may be a name, however near a far commoner word."""
    assert clear_slip("definetly", ("definitely",)) is True
    assert clear_slip("Definetly", ("definitely",)) is False
