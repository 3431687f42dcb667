""" "Guest's" written for the plural "guests", read from the dependency parse.

A possessive "'s" names an owner, so the noun it follows modifies another noun ("the
guest's room"). When that noun is itself the subject or object and a word before it
counts more than one ("lots of our guest's", "three size's", "all the order's were
sent"), the apostrophe was meant as a plural. Ellipsis ("the book is John's", "at the
dentist's") has no such count, so it is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cscomm.checks.base import Context, Examples, Hit, ParseRule
from cscomm.checks.kinds import match_case
from cscomm.document import OWN_PARTS, Span
from cscomm.findings import Category, Severity
from cscomm.fixes import Applicability
from cscomm.verb_tables import s_form

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_POSSESSIVE_MARKS = frozenset({"'s", "’s"})
_MANY = frozenset(
    {"many", "several", "few", "both", "these", "those", "all", "various", "multiple", "numerous",
     "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds"}
)  # fmt: skip
# "lots of", "a number of", "some of": the noun after "of" is counted.
_COUNTING_HEADS = frozenset(
    {"lots", "lot", "plenty", "number", "many", "some", "all", "most", "few", "several", "both",
     "couple", "dozens", "hundreds", "thousands", "majority", "none", "two", "three", "four",
     "five", "six", "seven", "eight", "nine", "ten"}
)  # fmt: skip
_PLURAL_VERBS = frozenset({"are", "were", "have", "do"})


class ApostropheForPlural(ParseRule):
    """A plural noun written with a possessive apostrophe ("lots of our guest's")."""

    code = "SG010"
    name = "apostrophe-for-plural"
    fixable = Applicability.UNSAFE  # the parse can misread a sentence
    category = Category.GRAMMAR
    severity = Severity.WARNING
    message = "“{match}” is possessive; for more than one, write the plural without an apostrophe."
    rationale = (
        "Check spelling and grammar before sending (L4): an apostrophe in a plural "
        "(“three size's”) is a slip customers notice (E1)."
    )
    guidelines = ("L4", "E1")
    examples = Examples(
        fail=(
            "Hi Sam,\n\nThanks. We give tablets to lots of our [[guest's]] every day.\n\nBest regards,\nAna",
        ),
        pass_=(
            "Hi Sam,\n\nThanks. Our guests' bowls and the guest's own bed are washed daily; "
            "the lead is Sam's.\n\nBest regards,\nAna",
        ),
    )

    def check_parse(self, ctx: Context, reply: Doc) -> Iterator[Hit]:
        for mark in reply:
            if mark.lower_ not in _POSSESSIVE_MARKS or mark.dep_ != "case":
                continue
            noun = mark.head
            if ctx.doc.kind_at(noun.idx) not in OWN_PARTS or not _counted_without_owned(noun):
                continue
            fix = s_form(noun.text)
            yield Hit(
                Span(noun.idx, mark.idx + len(mark.text)),
                f"“{noun.text}{mark.text}” is possessive; for more than one, write “{fix}”.",
                suggestions=(match_case(noun.text, fix),),
            )


def _counted_without_owned(noun: Token) -> bool:
    """``noun`` owns nothing (it is an argument itself) and is counted as more than one."""
    if noun.tag_ != "NN" or not noun.is_alpha or not noun.is_lower or noun.dep_ == "poss":
        return False
    if noun.i + 2 < len(noun.doc) and noun.doc[noun.i + 2].pos_ in {"NOUN", "PROPN", "ADJ"}:
        return False  # "our guest's own bed": the parse missed the owned noun
    if any(c.lower_ in _MANY or (c.dep_ == "nummod" and c.lower_ not in {"one", "1"}) for c in noun.children):
        return True
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _COUNTING_HEADS:
        return True
    if noun.dep_ in {"nsubj", "nsubjpass"}:
        verbs = [head, *(c for c in head.children if c.dep_ in {"aux", "auxpass"})]
        return any(v.lower_ in _PLURAL_VERBS and v.i > noun.i for v in verbs)
    return False
