"""Offensive language aimed at the reader: swearing, insults and name-calling.

Two maintained lexicons decide what is offensive, and the parse decides whom it is aimed
at. A swear word is one on better-profanity's word list that VADER's sentiment lexicon
also scores as negative (less the words in ``rules/tone/lexicon/not-swearing.txt`` that
name crimes or drugs). An insult is a clearly negative judgement (VADER valence) of the
reader or of what is theirs ("you are clueless", "your wedding sounded cheap and nasty"),
or a negative name for them ("you idiot", "you people").
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import Span, Token

from cscomm.errors import RulePackError
from cscomm.resources import rules_dir

NEGATIVE = -1.0
"""VADER valence at or below which a word on the profanity list is a swear word."""
INSULT_OF_READER = -1.5
"""Valence of a judgement of the reader ("you are lazy") that makes it an insult."""
INSULT_OF_THEIRS = -2.2
"""Valence of a judgement of what is theirs that makes it an insult: higher, since "your
card is broken" judges a thing, not its owner ("nasty" -2.6, "pathetic" -2.7)."""
_JUDGING_VERBS = frozenset({"be", "sound", "look", "seem", "act", "appear"})
_READER = frozenset({"you", "u", "ya"})
_EMPATHY_ADVERBS = frozenset({"understandably", "rightly", "naturally", "justifiably"})
"""Adverbs that grant the reader their feeling ("you are understandably upset")."""
_EMPATHY_FRAMES = frozenset(
    {"sound", "seem", "understand", "know", "imagine", "appreciate", "realise", "realize", "hear", "sorry"}
)
"""Words that frame "you are upset" as the writer's empathy, not a judgement."""


@functools.cache
def valence() -> dict[str, float]:
    """VADER's lexicon: word → mean valence (-4 … +4)."""
    text = _package_file("vaderSentiment", "vader_lexicon.txt")
    scores = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2:
            scores[fields[0]] = float(fields[1])
    return scores


@functools.cache
def swear_words() -> frozenset[str]:
    """Words on better-profanity's list that VADER scores negative, less ``not-swearing.txt``."""
    listed = _package_file("better_profanity", "profanity_wordlist.txt")
    excluded = (rules_dir() / "tone" / "lexicon" / "not-swearing.txt").read_text(encoding="utf-8")
    not_swearing = {w.strip() for w in excluded.splitlines() if w.strip() and not w.startswith("#")}
    scores = valence()
    return (
        frozenset(
            w
            for w in (x.strip().lower() for x in listed.splitlines())
            if w and scores.get(w, 0.0) <= NEGATIVE
        )
        - not_swearing
    )


def _package_file(package: str, name: str) -> str:
    """A data file of an installed package, read without importing the package (importing
    better_profanity also sets up its censor, which cscomm does not use)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RulePackError(f"the {package} package is not installed; reinstall cscomm")
    return (Path(next(iter(spec.submodule_search_locations))) / name).read_text(encoding="utf-8")


def offensive_spans(unit: Span) -> Iterator[tuple[int, int]]:
    """Character spans of swearing, insults and name-calling in one sentence."""
    swearing = swear_words()
    for token in unit:
        if token.lower_ in swearing and not _predicate(token):
            yield token.idx, token.idx + len(token.text)
        elif token.dep_ in {"acomp", "attr"} and _insults(token, unit):
            yield _clause_span(token, unit)
        elif token.lower_ in _READER and _named_after(token):
            nxt = token.doc[token.i + 1]
            yield token.idx, nxt.idx + len(nxt.text)


def _insults(judgement: Token, unit: Span) -> bool:
    """A negative adjective or noun said of the reader or of what is theirs."""
    verb = judgement.head
    if verb.lemma_.lower() not in _JUDGING_VERBS or judgement.tag_ in {"VBN", "VBG"}:
        return False
    scores = valence()
    worst = min((scores.get(t.lower_, 0.0) for t in (judgement, *judgement.conjuncts)), default=0.0)
    subject = _subject(verb, unit)
    if subject is None or any(c.dep_ == "neg" for c in verb.children):
        return False
    if subject.lower_ in _READER:
        return worst <= INSULT_OF_READER and not (_felt(judgement) or _when(verb) or _supposed(verb))
    owned = any(c.dep_ == "poss" and c.lower_ in {"your", "yours"} for c in subject.children)
    return owned and worst <= INSULT_OF_THEIRS


def _predicate(token: Token) -> bool:
    """An adjective said of a subject ("our fix was stupid"), which only insults when the
    subject is the reader or theirs; ``_insults`` judges it by its target. A swear noun
    ("this is crap") is unprofessional whatever it is said of."""
    if token.pos_ != "ADJ":
        return False
    while token.dep_ == "conj":
        token = token.head
    return token.dep_ in {"acomp", "attr"}


def _felt(judgement: Token) -> bool:
    """ "it sounds like you are upset", "you are understandably angry", "you must be
    frustrated": the reader's feeling, named with empathy, not a judgement of them."""
    verb = judgement.head
    if any(c.lower_ in _EMPATHY_ADVERBS for c in (*judgement.children, *verb.children)):
        return True
    if any(c.dep_ == "aux" and c.lower_ in {"must", "may", "might"} for c in verb.children):
        return True
    return verb.dep_ in {"ccomp", "advcl"} and verb.head.lemma_.lower() in _EMPATHY_FRAMES


_CONDITION_MARKS = frozenset({"if", "unless", "whether"})


def _supposed(verb: Token) -> bool:
    """ "if you are unhappy with our response": a condition supposes the reader's state, it
    does not judge them; not the counterfactual "if you weren't so careless", which does."""
    marked = any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in verb.children)
    return marked and verb.tag_ != "VBD"


_TIME_MARKS = frozenset({"when", "while", "whilst", "until", "till", "before", "after"})
"""Marks of a clause that says when; not "as" or "since", which also give a reason ("as you
were rude to our driver, …")."""
_TIME_NOUNS = frozenset({"time", "day", "night", "week", "weekend", "month", "period", "year"})


def _when(verb: Token) -> bool:
    """ "the time you were ill", "while you were away": a clause that says when something
    happened describes the reader's circumstances, not the reader."""
    if verb.dep_ == "relcl":
        return verb.head.lemma_.lower() in _TIME_NOUNS
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in verb.children)


def _named_after(you: Token) -> bool:
    """ "you idiot", "you people": the reader called by a name."""
    if you.i + 1 >= len(you.doc):
        return False
    name = you.doc[you.i + 1]
    if name.pos_ not in {"NOUN", "PROPN"} or _given(you, name):
        return False
    return name.lemma_.lower() == "people" or valence().get(name.lower_, 0.0) <= INSULT_OF_READER


def _given(you: Token, thing: Token) -> bool:
    """ "gives you trouble", "cost you money": the reader receives the noun; not named by it."""
    return you.dep_ in {"dative", "iobj", "dobj"} and thing.dep_ == "dobj" and thing.head.i == you.head.i


def _subject(verb: Token, unit: Span) -> Token | None:
    """The verb's subject within the sentence (the parser may hang a greeting on it too)."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and unit.start <= c.i < unit.end]
    return subjects[-1] if subjects else None


def _clause_span(judgement: Token, unit: Span) -> tuple[int, int]:
    """From the subject to the end of the judgement ("Your wedding sounded cheap, nasty")."""
    subject = _subject(judgement.head, unit)
    first = subject.left_edge if subject is not None else judgement.head
    last = judgement.right_edge
    return first.idx, last.idx + len(last.text)
