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
