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
_OTHER = frozenset("""
o os as um uma uns umas do da dos das no na nos nas em para com por pelo pela que não é são
seu sua seus suas você vocês obrigado obrigada muito mais está estão foi ser ter
el la los las un una del al en con por para que es son su sus usted gracias muy está
le les des du au aux et est pour avec vous nous votre vos merci très
der die das und ist nicht mit für sie ihr ihre wir uns danke sehr
ang ng sa mga na ay po at ko mo niyo namin ninyo kayo salamat hindi lang ito iyong
và của là không có được cho với này một những các anh chị em bạn chúng tôi cảm ơn đã sẽ
""".split())
MIN_WORDS = 12


def looks_english(text: str) -> bool:
    """False when the text is long enough to judge and other languages' function words
    (or words in a non-Latin script) outnumber English function words."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return True
    english = sum(w in _ENGLISH for w in words)
    other = sum(w in _OTHER or not w.isascii() and not _latin(w) for w in words)
    return english >= other


def _latin(word: str) -> bool:
    """Latin letters, accents included (café, São, Việt)."""
    return all(c.isascii() or "\u00c0" <= c <= "\u024f" or "\u1e00" <= c <= "\u1eff" for c in word)
