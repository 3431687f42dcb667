"""FoldedPattern: the same matches as an IGNORECASE pattern, at the text's offsets."""

from __future__ import annotations

import re

import pytest

from cscomm.casefold import FoldedPattern

CASES = [
    (
        r"(?<!\w)(?:as I (?:already|previously) said|per my last email)(?!\w)",
        "AS I ALREADY SAID, Per my last EMAIL.",
    ),
    (r"\bDear\s+\S+", "dear   SAM, and DEAR Ana"),  # \S and \s keep their meaning
    (r"[A-Z]{2}-\d+", "order ab-12 and AB-34"),
    (r"(?P<Word>Guarantee)d?", "We GUARANTEED it; guarantee"),
    (r"refund", "İstanbul REFUND refund"),  # "İ".lower() is two characters: IGNORECASE runs
]


@pytest.mark.parametrize(("source", "text"), CASES)
def test_spans_equal_those_of_the_ignorecase_pattern(source: str, text: str) -> None:
    expected = [m.span() for m in re.finditer(source, text, re.IGNORECASE)]
    assert expected
    assert FoldedPattern(source).spans(text) == expected
    assert FoldedPattern(source).search(text)


@pytest.mark.parametrize(("source", "text"), [(r"\bDear\b", "dearest Sam"), (r"\SX", " x")])
def test_no_match_where_the_ignorecase_pattern_has_none(source: str, text: str) -> None:
    assert re.search(source, text, re.IGNORECASE) is None
    assert not FoldedPattern(source).search(text)
    assert FoldedPattern(source).spans(text) == []


def test_a_bad_pattern_raises_re_error() -> None:
    with pytest.raises(re.error):
        FoldedPattern("(unclosed")
