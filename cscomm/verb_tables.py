"""English verb forms (and known nouns) from the tables of spaCy's rule lemmatizer.

The tagger reads a verb's form from its context, so in "we will sent it" it tags
"sent" as a base form and the lemmatizer keeps "sent". The lemmatizer's own tables
(known base verbs, irregular forms, suffix rules) say what the word is on its own:
:class:`VerbForms` answers from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.lookups import Lookups

SAME_PARTICIPLE = frozenset(
    {
        "become",
        "beat",
        "bet",
        "bid",
        "broadcast",
        "burst",
        "cast",
        "come",
        "cost",
        "cut",
        "fit",
        "forecast",
        "hit",
        "hurt",
        "input",
        "let",
        "offset",
        "output",
        "overcome",
        "put",
        "quit",
        "read",
        "reset",
        "rid",
        "run",
        "set",
        "shut",
        "split",
        "spread",
        "thrust",
        "upset",
        "wed",
    }
)
"""Verbs whose past participle is their base form ("it has come", "we have put")."""


_VERB_PREFIXES = ("re", "pre", "un", "mis", "out", "over", "under")


@dataclass(frozen=True, slots=True)
class VerbForms:
    """What a word is as an English verb: a base form, or an inflected form of one."""

    bases: frozenset[str]
    irregular: Mapping[str, str]  # "sent" -> "send"
    irregular_forms: Mapping[str, tuple[str, ...]]  # "give" -> ("gave", "given")
    suffixes: tuple[tuple[str, str], ...]  # ("ed", "e"): "arrived" -> "arrive"

    def base_of(self, word: str) -> str | None:
        """The base form of ``word`` when it is an inflected verb form ("received" ->
        "receive"); ``None`` for a base form ("need", "process") or an unknown word."""
        word = word.lower()
        if word in self.irregular:
            return self.irregular[word]
        if word in self.bases:
            return None
        for old, new in self.suffixes:
            if word.endswith(old) and (base := word[: len(word) - len(old)] + new) in self.bases:
                return base
        return None

    def is_base(self, word: str) -> bool:
        """A known base verb form, not also an inflected one ("send", not "sent" or "found")."""
        word = word.lower()
        return word in self.bases and word not in self.irregular and not self._prefixed_inflection(word)

    def _prefixed_inflection(self, word: str) -> bool:
        """An inflected form behind a verb prefix: "resent" is also re-"sent"."""
        return any(word.startswith(p) and word[len(p) :] in self.irregular for p in _VERB_PREFIXES)

    def participle(self, base: str) -> str:
        """The past participle of ``base``: of two irregular forms, the one shaped like a
        strong verb's participle ("begun", "given", "done")."""
        if base in SAME_PARTICIPLE:
            return base
        past = [f for f in self.irregular_forms.get(base, ()) if not f.endswith(("ing", "s"))]
        if past:
            return min(past, key=lambda f: ("u" not in f, not f.endswith(("n", "ne")), f))
        if base.endswith("e"):
            return base + "d"
        if base.endswith("y") and base[-2:-1] not in set("aeiou"):
            return base[:-1] + "ied"
        return base + "ed"

    def present_participle(self, base: str) -> str:
        """The -ing form of ``base`` ("shipping", "making", "lying", "seeing")."""
        irregular = [f for f in self.irregular_forms.get(base, ()) if f.endswith("ing")]
        if irregular:
            return irregular[0]
        if base.endswith("ie"):
            return base[:-2] + "ying"
        if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and len(base) > 2:
            return base[:-1] + "ing"
        return base + "ing"


@cache
def verb_forms(nlp: Language) -> VerbForms | None:
    """The verb tables of ``nlp``'s rule lemmatizer (``None`` without one)."""
    lookups = _lemmatizer_lookups(nlp)
    if lookups is None:
        return None
    index = lookups.get_table("lemma_index").get("verb", [])
    exceptions = lookups.get_table("lemma_exc").get("verb", {}) if lookups.has_table("lemma_exc") else {}
    rules = lookups.get_table("lemma_rules").get("verb", []) if lookups.has_table("lemma_rules") else []
    irregular = {form: lemmas[0] for form, lemmas in exceptions.items() if lemmas and lemmas[0] != form}
    forms: dict[str, list[str]] = {}
    for form, lemma in irregular.items():
        forms.setdefault(lemma, []).append(form)
    return VerbForms(
        bases=frozenset(index),
        irregular=irregular,
        irregular_forms={lemma: tuple(found) for lemma, found in forms.items()},
        suffixes=tuple((old, new) for old, new in rules),
    )


@dataclass(frozen=True, slots=True)
class WordTables:
    """What the parse rules look words up in: verb forms, and the base nouns and
    adjectives the lemmatizer knows."""

    forms: VerbForms
    nouns: frozenset[str]
    adjectives: frozenset[str]


@cache
def word_tables(nlp: Language) -> WordTables | None:
    """The tables of ``nlp``'s rule lemmatizer (``None`` without one)."""
    lookups = _lemmatizer_lookups(nlp)
    forms = verb_forms(nlp)
    if lookups is None or forms is None:
        return None
    index = lookups.get_table("lemma_index")
    return WordTables(forms, frozenset(index.get("noun", [])), frozenset(index.get("adj", [])))


def _lemmatizer_lookups(nlp: Language) -> Lookups | None:
    """The rule lemmatizer's tables, when ``nlp`` has one with its index of base words."""
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    return lookups if lookups is not None and lookups.has_table("lemma_index") else None


def s_form(word: str) -> str:
    """``word`` with the regular English -s ending: a noun's plural or a verb's third
    person ("guest" → "guests", "reply" → "replies", "fix" → "fixes")."""
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"
