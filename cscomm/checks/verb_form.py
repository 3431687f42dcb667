"""The verb form an auxiliary calls for, read from the dependency parse.

After a modal, "do" or "to", English takes the base form ("we will send", "did you
receive", "to confirm"); after "have", or "be" in a passive, the past participle ("we
have sent", "it will be delivered"). Writers still learning English often use the
other form ("will sent", "did you received", "has been send"), and the grammar
backends catch only some of these from the neighbouring words. This rule reads each
verb's auxiliaries from the parse and the verb's own form from the lemmatizer's tables
(:mod:`cscomm.verb_tables`), since the tagger reads the form from its context.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cscomm.checks.base import Context, Examples, Hit, ParseRule
from cscomm.checks.kinds import match_case
from cscomm.document import OWN_PARTS, Span
from cscomm.findings import Category, Severity
from cscomm.fixes import Applicability
from cscomm.verb_tables import VerbForms

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_AUXILIARY_DEPS = frozenset({"aux", "auxpass"})
_CONTRACTED_HAD = frozenset({"'d", "’d"})  # "we'd sent" is "we had sent"
_LIGHT_VERBS = frozenset({"be", "have", "do"})


class VerbForm(ParseRule):
    """A verb in the wrong form for its auxiliary ("will sent", "has been send")."""

    code = "SG007"
    name = "verb-form"
    fixable = Applicability.UNSAFE  # the parse can misread a sentence
    category = Category.GRAMMAR
    severity = Severity.WARNING
    message = "“{match}” is the wrong form after its auxiliary."
    rationale = (
        "Check grammar before sending (L4, E1): “we will sent” or “your order has been send” "
        "reads as careless and can make the customer doubt the rest."
    )
    guidelines = ("L4", "E1")
    examples = Examples(
        fail=(
            "Hi Sam,\n\nThanks. Did you [[received]] the label? Your order will be [[send]] today."
            "\n\nBest regards,\nAna",
        ),
        pass_=(
            "Hi Sam,\n\nThanks. Did you receive the label? Your order will be sent today."
            "\n\nBest regards,\nAna",
        ),
    )

    def check_parse(self, ctx: Context, reply: Doc) -> Iterator[Hit]:
        tables = ctx.analysis.word_tables()
        if tables is None:
            return
        for verb in reply:
            if not _read_as_verb(verb, tables.adjectives) or ctx.doc.kind_at(verb.idx) not in OWN_PARTS:
                continue
            found = _wrong_form(verb, tables.forms)
            if found is None:
                continue
            auxiliary, wanted, kind = found
            also = f" (or “{wanted[1]}”)" if len(wanted) > 1 else ""
            yield Hit(
                Span(verb.idx, verb.idx + len(verb.text)),
                f"“{verb.text}” after “{auxiliary.text}”: use the {kind} “{wanted[0]}”{also}.",
                suggestions=tuple(match_case(verb.text, w) for w in wanted),
            )


def _read_as_verb(word: Token, adjectives: frozenset[str]) -> bool:
    """A verb, or a base verb the tagger took for an adjective after a passive "be" ("are
    include in the price"); not a real adjective ("is open")."""
    if word.pos_ in {"VERB", "AUX"}:
        return True
    return (
        word.pos_ == "ADJ"
        and word.lower_ not in adjectives
        and any(c.dep_ == "auxpass" for c in word.children)
    )


def _wrong_form(verb: Token, forms: VerbForms) -> tuple[Token, tuple[str, ...], str] | None:
    """The auxiliary, the right form(s) and their name, when ``verb`` has the wrong form."""
    if _in_compound(verb):  # "must-see"
        return None
    auxiliaries = [c for c in verb.children if c.dep_ in _AUXILIARY_DEPS and c.i < verb.i]
    if _misread_do(auxiliaries):
        return None
    perfect_or_passive = [
        a for a in auxiliaries if (a.lemma_ == "have" and a.dep_ == "aux") or a.dep_ == "auxpass"
    ]
    if perfect_or_passive or (verb.dep_ == "acomp" and verb.tag_ == "VB" and verb.head.lemma_ == "be"):
        auxiliary = perfect_or_passive[-1] if perfect_or_passive else verb.head
        word = verb.lower_
        participle = _participle_for_past(word, forms) if auxiliary.lemma_ == "have" else None
        if participle is not None and auxiliary.dep_ == "aux":
            return auxiliary, (participle,), "past participle"
        if verb.lemma_ in _LIGHT_VERBS or not forms.is_base(word):
            return None
        participle = forms.participle(word)
        if participle == word:
            return None
        if auxiliary.lemma_ == "have":
            return auxiliary, (participle,), "past participle"
        # after "be" the writer may have meant the passive or the progressive
        return auxiliary, (participle, forms.present_participle(word)), "past participle"
    base_takers = [a for a in auxiliaries if _takes_base_form(a)]
    if not base_takers or len(base_takers) < len(auxiliaries) or _finite_after_stranded_to(verb, base_takers):
        return None
    if verb.i > 0 and verb.doc[verb.i - 1].lower_ == "of":
        return None  # "could of fixed": the error is "of" for "have" (the backend flags it)
    base = forms.base_of(verb.lower_)  # never the word itself
    return (base_takers[-1], (base,), "base form") if base is not None else None


_PAST_AS_PARTICIPLE = frozenset({"got"})
"""Simple past forms that are also in use as the participle ("we have got it")."""


def _participle_for_past(word: str, forms: VerbForms) -> str | None:
    """The participle, when ``word`` is the simple past of a verb whose participle differs
    ("wrote" for "written"): after "have" ("we have already wrote") it is the wrong form."""
    base = forms.base_of(word)
    if base is None or word in _PAST_AS_PARTICIPLE or base in _LIGHT_VERBS:
        return None
    pasts = [f for f in forms.irregular_forms.get(base, ()) if not f.endswith(("ing", "s"))]
    participle = forms.participle(base)
    return participle if word in pasts and participle != word else None


def _takes_base_form(auxiliary: Token) -> bool:
    """A modal, "do" or infinitive "to" (not "'d", which may be "had")."""
    if auxiliary.lower_ in _CONTRACTED_HAD:
        return False
    return auxiliary.tag_ in {"MD", "TO"} or auxiliary.lemma_ == "do"


def _finite_after_stranded_to(verb: Token, base_takers: list[Token]) -> bool:
    """ "The people we speak to are…": an infinitive has no subject of its own (bar "for
    him to go"), so a verb with one is finite and the "to" before it a stranded
    preposition the parser misread."""
    if any(a.tag_ != "TO" for a in base_takers):
        return False
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    return bool(subjects) and not any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children)


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})


def _in_compound(verb: Token) -> bool:
    """Part of a hyphenated word ("must-see", "follow-up")."""
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i > 0 else None
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    return bool(
        (before is not None and before.text == "-" and not before.whitespace_)
        or (after is not None and after.text == "-" and not verb.whitespace_)
    )


def _misread_do(auxiliaries: list[Token]) -> bool:
    """ "do" with another auxiliary: "do" is the main verb ("to do desired things"), as
    "do" never supports another auxiliary."""
    return len(auxiliaries) > 1 and any(a.lemma_ == "do" for a in auxiliaries)
