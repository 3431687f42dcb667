"""SG006 on parses the tagger gets wrong: a guard must hold whatever the model reads."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from cscomm.checks.agreement import _bracket_between, _disagreeing_verb

# "Around 900 homes in Ashby (postcodes LE6 2) will be without gas." as the small English
# model has parsed such a sentence: "postcodes" tagged a verb, with "homes" its subject.
WORDS = [
    "Around",
    "900",
    "homes",
    "in",
    "Ashby",
    "(",
    "postcodes",
    "LE6",
    "2",
    ")",
    "will",
    "be",
    "without",
    "gas",
    ".",
]
HEADS = [1, 2, 6, 2, 3, 6, 11, 6, 7, 6, 11, 11, 11, 12, 11]
DEPS = [
    "advmod",
    "nummod",
    "nsubj",
    "prep",
    "pobj",
    "punct",
    "nsubj",
    "npadvmod",
    "nummod",
    "punct",
    "aux",
    "ROOT",
    "prep",
    "pobj",
    "punct",
]
TAGS = ["RB", "CD", "NNS", "IN", "NNP", "-LRB-", "VBZ", "NNP", "CD", "-RRB-", "MD", "VB", "IN", "NN", "."]
POS = [
    "ADV",
    "NUM",
    "NOUN",
    "ADP",
    "PROPN",
    "PUNCT",
    "VERB",
    "PROPN",
    "NUM",
    "PUNCT",
    "AUX",
    "AUX",
    "ADP",
    "NOUN",
    "PUNCT",
]


def misparse() -> Doc:
    return Doc(spacy.blank("en").vocab, words=WORDS, heads=HEADS, deps=DEPS, tags=TAGS, pos=POS)


def test_the_misparse_pairs_a_plural_subject_with_a_verb_in_brackets() -> None:
    doc = misparse()
    verb = _disagreeing_verb(doc[2])
    assert verb is not None and verb.text == "postcodes"
    assert _bracket_between(doc[2], verb)


def test_a_subject_and_verb_outside_brackets_are_a_pair() -> None:
    doc = misparse()
    assert not _bracket_between(doc[2], doc[11])  # "homes … ( … ) … be": the bracket closed


# "… plan how many vans each route needs." as the small English model has parsed such a
# clause: "needs" tagged a verb with "vans" its subject, yet holding "each" and "route" as a
# noun would.
WH_WORDS = ["plan", "how", "many", "vans", "each", "route", "needs", "."]
WH_HEADS = [0, 2, 3, 6, 6, 6, 0, 0]
WH_DEPS = ["ROOT", "advmod", "amod", "nsubj", "det", "compound", "ccomp", "punct"]
WH_TAGS = ["VB", "WRB", "JJ", "NNS", "DT", "NN", "VBZ", "."]
WH_POS = ["VERB", "SCONJ", "ADJ", "NOUN", "DET", "NOUN", "VERB", "PUNCT"]


def test_a_verb_holding_a_determiner_is_a_noun_misread() -> None:
    doc = Doc(spacy.blank("en").vocab, words=WH_WORDS, heads=WH_HEADS, deps=WH_DEPS, tags=WH_TAGS, pos=WH_POS)
    assert _disagreeing_verb(doc[3]) is None


def test_the_same_verb_without_noun_dependents_disagrees() -> None:
    deps = ["ROOT", "advmod", "amod", "nsubj", "advmod", "npadvmod", "ccomp", "punct"]
    doc = Doc(spacy.blank("en").vocab, words=WH_WORDS, heads=WH_HEADS, deps=deps, tags=WH_TAGS, pos=WH_POS)
    verb = _disagreeing_verb(doc[3])
    assert verb is not None and verb.text == "needs"
