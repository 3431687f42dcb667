""" "Your" written for "you're", read from the dependency parse.

The pack rule SG102 knows the common phrases ("your welcome", "if your unable"). The
parse finds the rest: a possessive "your" that is the subject of a clause ("once your
registered for delivery") or that stands before a participle or adjective the parser
reads as a predicate, not as part of a noun phrase ("if your unhappy with it").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cscomm.checks.base import Context, Examples, Hit, ParseRule
from cscomm.checks.kinds import match_case
from cscomm.document import OWN_PARTS, Span
from cscomm.findings import Category, Severity
from cscomm.fixes import Applicability

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PREDICATE_TAGS = frozenset({"VBN", "VBD", "JJ"})
_NOUN_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
_POSSESSIVE_ADJECTIVES = frozenset({"own"})  # "on your own"


class PossessiveForYouAre(ParseRule):
    """ "Your" used as "you are" before a participle or adjective."""

    code = "SG008"
    name = "possessive-for-you-are"
    fixable = Applicability.UNSAFE  # the parse can misread a sentence
    category = Category.GRAMMAR
    severity = Severity.SUGGESTION  # right once in 4 on the labelled sets
    message = "“{match}” is possessive; here it means “you are”: write “you're”."
    rationale = (
        "Check spelling and grammar before sending (L4): “once your registered” reads as "
        "careless, which weakens an otherwise courteous reply (E1, G1)."
    )
    guidelines = ("L4", "E1", "G1")
    examples = Examples(
        fail=("Hi Sam,\n\nThanks. Once [[your]] registered, you will get a text.\n\nBest regards,\nAna",),
        pass_=(
            "Hi Sam,\n\nThanks. Once you're registered, your registered address is used."
            "\n\nBest regards,\nAna",
        ),
    )

    def check_parse(self, ctx: Context, reply: Doc) -> Iterator[Hit]:
        for token in reply:
            if token.lower_ == "your" and _means_you_are(token) and ctx.doc.kind_at(token.idx) in OWN_PARTS:
                yield Hit(
                    Span(token.idx, token.idx + len(token.text)),
                    suggestions=(match_case(token.text, "you're"),),
                )


def _means_you_are(your: Token) -> bool:
    """The subject of a clause, or the possessor of the predicate right after it."""
    if your.tag_ != "PRP$":
        return False
    if your.dep_ in _SUBJECT_DEPS:
        return True
    head = your.head
    return (
        your.dep_ == "poss"
        and head.i == your.i + 1
        and head.tag_ in _PREDICATE_TAGS
        and head.dep_ not in _NOUN_MODIFIER_DEPS
        and head.lemma_.lower() not in _POSSESSIVE_ADJECTIVES
    )
