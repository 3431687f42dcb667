"""Subject-verb agreement read from the dependency parse.

The grammar backends check agreement only between neighbouring words, so "our crews
is working" or "the replacement parts has arrived" pass them. This rule reads who the
subject of each verb is. It flags the clear case only: a plural common noun with a
singular verb form (is, was, has, does, or a verb ending in -s), and "there is" before
a plural noun. A singular noun with a plural verb is left alone, because British
English allows "the team are".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cscomm.checks.base import Context, Examples, Hit, ParseRule
from cscomm.checks.kinds import match_case
from cscomm.document import OWN_PARTS, Span
from cscomm.findings import Category, Severity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PLURAL_OF = {"is": "are", "was": "were", "has": "have", "does": "do", "'s": "are"}
_SINGULAR_VERB_TAG = "VBZ"
# Plural in form, singular in use ("the news is", "sales is on it").
_SINGULAR_IN_USE = frozenset(
    {
        "news",
        "series",
        "species",
        "means",
        "physics",
        "mathematics",
        "economics",
        "politics",
        "ethics",
        "logistics",
        "analytics",
        "electronics",
        "headquarters",
        "whereabouts",
        "sales",
        "thanks",
        "customs",
        "billings",
    }
)
_QUANTITY_DEPS = frozenset({"nummod", "quantmod"})
# Units whose amount is taken as one ("20 minutes is enough", "50 pounds is the fee");
# counted things stay plural ("the two boxes were left").
_UNITS = frozenset(
    {
        "second",
        "minute",
        "hour",
        "day",
        "night",
        "week",
        "fortnight",
        "month",
        "year",
        "decade",
        "pound",
        "penny",
        "pence",
        "quid",
        "dollar",
        "buck",
        "cent",
        "euro",
        "peso",
        "baht",
        "dong",
        "rupee",
        "mile",
        "kilometre",
        "kilometer",
        "metre",
        "meter",
        "foot",
        "feet",
        "inch",
        "yard",
        "gram",
        "kilogram",
        "kilo",
        "ton",
        "tonne",
        "litre",
        "liter",
        "gallon",
        "percent",
        "point",
        "byte",
        "megabyte",
        "gigabyte",
        "terabyte",
    }
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NOUN_PHRASE_LEAD = frozenset({"DT", "PDT", "CD", "JJ", "JJR", "JJS", "RB", "RBR"})


class SubjectVerbAgreement(ParseRule):
    """A plural subject with a singular verb ("our crews is working")."""

    code = "SG006"
    name = "subject-verb-agreement"
    category = Category.GRAMMAR
    severity = Severity.WARNING
    message = "“{match}” does not agree with its plural subject."
    rationale = (
        "Check grammar before sending (L4, E1): a verb that does not agree with its subject "
        "reads as careless."
    )
    guidelines = ("L4", "E1")
    examples = Examples(
        fail=(
            "Hi Sam,\n\nThanks for writing. Our engineers [[is]] checking the line today."
            "\n\nBest regards,\nAna",
            "Hi Sam,\n\nThanks. There [[is]] two parcels waiting for you at the depot.\n\nBest regards,\nAna",
        ),
        pass_=(
            "Hi Sam,\n\nThanks for writing. Our engineers are checking the line today.\n\nBest regards,\nAna",
            "Hi Sam,\n\nThanks. Twenty minutes is enough, and the news is good.\n\nBest regards,\nAna",
        ),
    )

    def check_parse(self, ctx: Context, reply: Doc) -> Iterator[Hit]:
        for token in reply:
            verb = _disagreeing_verb(token)
            if verb is None or ctx.doc.kind_at(verb.idx) not in OWN_PARTS:
                continue
            fix = _PLURAL_OF.get(verb.lower_, verb.lemma_)
            yield Hit(
                Span(verb.idx, verb.idx + len(verb.text)),
                f"“{verb.text}” does not agree with the plural “{token.text}”; use “{fix}”.",
                suggestions=(match_case(verb.text, fix),),
            )


def _disagreeing_verb(noun: Token) -> Token | None:
    """The singular verb form that ``noun``, a plural subject, is given, if any."""
    if not _plural(noun):
        return None
    if noun.dep_ == "attr":  # "there is two options"
        verb = noun.head
        return verb if _singular_form(verb) and _there_is_plural(verb, noun) else None
    if noun.dep_ not in _SUBJECT_DEPS or not _counts_as_plural_subject(noun):
        return None
    if sum(c.dep_ in _SUBJECT_DEPS or c.dep_ == "attr" for c in noun.head.children) > 1:
        return None  # another subject or a complement ("… is a way to…"): the parse is unsure
    return _finite_verb(noun)


def _plural(noun: Token) -> bool:
    """A plural common noun used as one ("parcels"; not "news", "BX-20417", "FAQs")."""
    return (
        noun.tag_ == "NNS"
        and noun.is_alpha
        and not noun.text[:-1].isupper()
        and noun.lower_ not in _SINGULAR_IN_USE
    )


def _counts_as_plural_subject(noun: Token) -> bool:
    """Not an amount taken as one ("20 minutes is enough") nor the head of a clause that
    is the real subject ("people taking the bus reduces traffic")."""
    amount = noun.lemma_.lower() in _UNITS
    return not any(
        (c.dep_ in _QUANTITY_DEPS and amount) or (c.dep_ == "acl" and c.tag_ == "VBG") for c in noun.children
    )


def _there_is_plural(verb: Token, noun: Token) -> bool:
    """ "There is two options": an expletive subject and the plural noun right after
    the verb, with only numbers, determiners or adjectives between them."""
    if not any(c.dep_ == "expl" for c in verb.children) or noun.i < verb.i:
        return False
    between = noun.doc[verb.i + 1 : noun.i]
    return all(t.tag_ in _NOUN_PHRASE_LEAD for t in between)


def _finite_verb(subject: Token) -> Token | None:
    """The singular finite verb form that should agree with ``subject``, if any."""
    head = subject.head
    finite = [c for c in head.children if c.dep_ in ("aux", "auxpass") and _singular_form(c)]
    if finite:
        return finite[0]
    return head if _singular_form(head) else None


def _singular_form(verb: Token) -> bool:
    return verb.tag_ == _SINGULAR_VERB_TAG or verb.lower_ == "was"
