"""Tell whether a draft is written in English, the only language with rule packs yet."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH = frozenset("""
a about after all also an and any are as at be because been before but by can could did do
does for from had has have he her here his how i if in into is it its just let me more my no
not now of on once one or our please so some than thank thanks that the their them then there
these they this to up us was we were what when which while who will with would you your
""".split())
MIN_WORDS = 12
MIN_SHARE = 0.2


def looks_english(text: str) -> bool:
    """True unless the text is long enough to judge and few of its words are English
    function words (about 40% of running English text; under 10% in other languages)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return True
    return sum(w in _ENGLISH for w in words) / len(words) >= MIN_SHARE
