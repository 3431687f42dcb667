""" "Our apologise", "your complain": a verb where the possessive needs a noun.

After "my", "your", "our" or "their" comes a noun phrase. A word the lemmatizer's tables
know only as a base verb (not also as a noun or adjective, as "order", "help" and "own"
are) cannot start one, so the writer meant the noun: "apologies", "complaint", "advice".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cscomm.checks.base import Context, Examples, Hit, ParseRule
from cscomm.checks.kinds import match_case
from cscomm.document import OWN_PARTS, Span
from cscomm.findings import Category, Severity
from cscomm.fixes import Applicability
from cscomm.verb_tables import WordTables

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_POSSESSIVES = frozenset({"my", "your", "our", "their", "his", "her"})
_PARTICLES = frozenset({"up", "on", "through", "out", "in", "off"})  # "our follow-up"
# The noun a writer means by the verb, for the verbs agents confuse most.
_NOUN_OF: dict[str, str] = {
    "apologise": "apologies",
    "apologize": "apologies",
    "complain": "complaint",
    "advise": "advice",
    "deliver": "delivery",
    "recommend": "recommendation",
    "inform": "information",
    "confirm": "confirmation",
    "approve": "approval",
    "arrive": "arrival",
    "choose": "choice",
    "enquire": "enquiry",
    "inquire": "inquiry",
    "receive": "receipt",
    "install": "installation",
    "replace": "replacement",
    "explain": "explanation",
    "succeed": "success",
    "prove": "proof",
    "lose": "loss",
    "believe": "belief",
    "decide": "decision",
    "agree": "agreement",
    "apply": "application",
    "accept": "acceptance",
    "describe": "description",
}


class VerbForNoun(ParseRule):
    """A base verb right after a possessive ("our apologise", "your complain")."""

    code = "SG011"
    name = "verb-for-noun"
    fixable = Applicability.UNSAFE  # the parse can misread a sentence
    category = Category.GRAMMAR
    severity = Severity.WARNING
    message = "“{match}” is a verb; after a possessive, use the noun."
    rationale = (
        "Check spelling and grammar before sending (L4): “please accept our apologise” "
        "undoes the apology it makes (E1)."
    )
    guidelines = ("L4", "E1")
    examples = Examples(
        fail=("Hi Sam,\n\nPlease accept our [[apologise]] for the delay.\n\nBest regards,\nAna",),
        pass_=(
            "Hi Sam,\n\nPlease accept our apologies. Your order, our help and your own "
            "follow-up call are booked.\n\nBest regards,\nAna",
        ),
    )

    def check_parse(self, ctx: Context, reply: Doc) -> Iterator[Hit]:
        tables = ctx.analysis.word_tables()
        if tables is None:
            return
        for word in reply:
            if not _verb_after_possessive(word, tables) or ctx.doc.kind_at(word.idx) not in OWN_PARTS:
                continue
            noun = _NOUN_OF.get(word.lower_)
            owner = word.doc[word.i - 1].text
            wanted = f"the noun “{noun}”" if noun else "a noun"
            yield Hit(
                Span(word.idx, word.idx + len(word.text)),
                f"“{word.text}” is a verb; after “{owner}”, write {wanted}.",
                suggestions=(match_case(word.text, noun),) if noun else (),
            )


def _verb_after_possessive(word: Token, tables: WordTables) -> bool:
    """``word`` is known only as a base verb and follows "my", "your", "our"…"""
    if word.i == 0 or word.doc[word.i - 1].lower_ not in _POSSESSIVES:
        return False
    text = word.lower_
    if not tables.forms.is_base(text) or text in tables.nouns or text in tables.adjectives:
        return False
    following = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    if word.text[:1].isupper() and following is not None and following.text[:1].isupper():
        return False  # a capitalised name: "our Roam Abroad zone", "your Manage Booking page"
    if following is not None and word.dep_ in {"compound", "amod"} and word.head.i == following.i:
        return False  # a verb naming a kind of noun: "our decant officer", "your signup form"
    return following is None or (following.lower_ not in _PARTICLES and following.text != "-")
