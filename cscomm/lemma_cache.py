"""spaCy's English rule lemmatizer with every answer cached.

spaCy caches a lemma by word, part of speech and morphology only when it runs its
rules; the words it finds already in base form (most nouns, verbs, adjectives) are
checked again at every occurrence. :class:`CachedEnglishLemmatizer` caches those
answers too. A lemma depends on nothing else, so the lemmas are exactly spaCy's.
"""

from __future__ import annotations

from typing import cast

from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.tokens import Token

FACTORY = "cscomm_cached_english_lemmatizer"


class CachedEnglishLemmatizer(EnglishLemmatizer):
    """An ``EnglishLemmatizer`` (rule mode) that caches base forms as well."""

    def rule_lemmatize(self, token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
        lemmas: list[str] | None = self.cache.get(key)
        if lemmas is None:
            lemmas = super().rule_lemmatize(token)
            if token.pos_:  # an untagged token keeps spaCy's warning each time
                self.cache[key] = lemmas
        return lemmas


@Language.factory(FACTORY, default_config={"overwrite": False})
def make_cached_english_lemmatizer(nlp: Language, name: str, overwrite: bool) -> CachedEnglishLemmatizer:
    return CachedEnglishLemmatizer(nlp.vocab, None, name, mode="rule", overwrite=overwrite)


def cache_lemmatizer(nlp: Language, name: str = "lemmatizer") -> bool:
    """Swap an English rule lemmatizer for a cached one with the same tables; ``False``
    when the pipeline has none (or it is another kind)."""
    if name not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe(name)
    if type(stock) is not EnglishLemmatizer or stock.mode != "rule":
        return False
    cached = cast(
        CachedEnglishLemmatizer, nlp.replace_pipe(name, FACTORY, config={"overwrite": stock.overwrite})
    )
    cached.initialize(lookups=stock.lookups)
    return True
