"""Which language a draft is written in, and which of its sentences are English.

A draft whose function words are plainly English is English without further work. Any
other draft is identified by py3langid (a maintained fork of langid.py, 97 languages),
loaded on first need. On the 320 labelled drafts in English, Portuguese, Vietnamese,
Tagalog and Thai it named every language right; on their 5-15 word sentences, 94%
(lingua-language-detector: every draft, 97% of sentences, about 8× slower; see
``benchmarks/language_id.py``). Below 12 words no language is named.
"""

from __future__ import annotations

import functools
import re
import threading
from typing import Any

_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "here",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "let",
        "me",
        "more",
        "my",
        "no",
        "not",
        "now",
        "of",
        "on",
        "once",
        "one",
        "or",
        "our",
        "please",
        "so",
        "some",
        "than",
        "thank",
        "thanks",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "up",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "while",
        "who",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)
_OTHER = frozenset(
    [
        "o",
        "os",
        "as",
        "um",
        "uma",
        "uns",
        "umas",
        "do",
        "da",
        "dos",
        "das",
        "no",
        "na",
        "nos",
        "nas",
        "em",
        "para",
        "com",
        "por",
        "pelo",
        "pela",
        "que",
        "não",
        "é",
        "são",
        "seu",
        "sua",
        "seus",
        "suas",
        "você",
        "vocês",
        "obrigado",
        "obrigada",
        "muito",
        "mais",
        "está",
        "estão",
        "foi",
        "ser",
        "ter",
        "el",
        "la",
        "los",
        "las",
        "un",
        "una",
        "del",
        "al",
        "en",
        "con",
        "por",
        "para",
        "que",
        "es",
        "son",
        "su",
        "sus",
        "usted",
        "gracias",
        "muy",
        "está",
        "le",
        "les",
        "des",
        "du",
        "au",
        "aux",
        "et",
        "est",
        "pour",
        "avec",
        "vous",
        "nous",
        "votre",
        "vos",
        "merci",
        "très",
        "der",
        "die",
        "das",
        "und",
        "ist",
        "nicht",
        "mit",
        "für",
        "sie",
        "ihr",
        "ihre",
        "wir",
        "uns",
        "danke",
        "sehr",
        "ang",
        "ng",
        "sa",
        "mga",
        "na",
        "ay",
        "po",
        "at",
        "ko",
        "mo",
        "niyo",
        "namin",
        "ninyo",
        "kayo",
        "salamat",
        "hindi",
        "lang",
        "ito",
        "iyong",
        "và",
        "của",
        "là",
        "không",
        "có",
        "được",
        "cho",
        "với",
        "này",
        "một",
        "những",
        "các",
        "anh",
        "chị",
        "em",
        "bạn",
        "chúng",
        "tôi",
        "cảm",
        "ơn",
        "đã",
        "sẽ",
    ]
)
MIN_WORDS = 12


SURE = 0.9
"""py3langid's probability from which a language is named (below it: too unsure to tell)."""
MIXED = 0.6
"""… or, for a language with a pack, the probability that names it in a mixed draft (Taglish:
the rest is English, whose sentences still get English grammar), summed over the codes the
pack is identified as (``identified-as`` in its ``language.yml``)."""
PLAINLY_ENGLISH = 0.25
"""Share of English function words from which a draft may be plainly English …"""
ENGLISH_LEAD = 3
"""… when they also outnumber other languages' function words ("at", "no" and "do" are both)
this many times: all 152 English drafts of four labelled sets, and none of the 96 in the seed
languages, pass without the identifier."""
NAMES = {
    "en": "English", "pt": "Portuguese", "vi": "Vietnamese", "tl": "Tagalog", "th": "Thai",
    "es": "Spanish", "fr": "French", "de": "German", "it": "Italian", "nl": "Dutch",
    "id": "Indonesian", "ms": "Malay", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
    "ar": "Arabic", "hi": "Hindi", "ru": "Russian", "pl": "Polish", "tr": "Turkish",
}  # fmt: skip


@functools.lru_cache(maxsize=64)
def identify(text: str) -> str | None:
    """The language of ``text`` as an ISO 639-1 code, or None when it is too short to tell."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    if _plainly_english(words):
        return "en"
    ranked = _identifier().rank(text)
    for pack, codes in _packed().items():
        if sum(p for c, p in ranked if c in codes) >= MIXED:
            return pack
    code, probability = ranked[0]
    return str(code) if probability >= SURE else None


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
ENGLISH_SENTENCE_WORDS = 4
"""Words a sentence needs before it can be told to be English."""


def english_sentences(text: str) -> list[tuple[int, int]]:
    """The spans of the plainly English sentences of ``text``: the English inside a Taglish
    or mixed reply ("Paki-reply po. We will process it today.")."""
    spans = []
    for match in _SENTENCE.finditer(text):
        words = [w.lower() for w in _WORD.findall(match.group())]
        if len(words) >= ENGLISH_SENTENCE_WORDS and _plainly_english(words):
            spans.append(match.span())
    return spans


def language_name(code: str) -> str:
    return f"{NAMES[code]} ({code})" if code in NAMES else code


_LOADING = threading.Lock()


def _identifier() -> Any:
    """py3langid's model (~1 s and ~90 MB to load), loaded the first time a draft needs it
    (once, though the grammar thread may ask at the same time)."""
    with _LOADING:
        return _load_identifier()


@functools.cache
def _load_identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _plainly_english(words: list[str]) -> bool:
    """English function words are a quarter of ``words`` and outnumber other languages'
    (or words in a non-Latin script) three to one."""
    english = sum(w in _ENGLISH for w in words)
    other = sum(w in _OTHER or not _latin(w) for w in words)
    return english >= PLAINLY_ENGLISH * len(words) and english >= ENGLISH_LEAD * other


def _latin(word: str) -> bool:
    """Latin letters, accents included (café, São, Việt)."""
    return all(c.isascii() or "\u00c0" <= c <= "\u024f" or "\u1e00" <= c <= "\u1eff" for c in word)


def _packed() -> dict[str, frozenset[str]]:
    """Each pack's language, with the identifier's codes that name it."""
    from cscomm.language_packs import language_packs

    return {code: pack.identified_as for code, pack in language_packs().items()}
