""" "Quicker then that", "other then a receipt": "then" where a comparison needs "than".

A comparative ("quicker", "later", "higher") or "other" is followed by "than" and what it is
compared with. "Then" there is a slip of the ear. It is only flagged when the word after it
starts a compared thing (a determiner, pronoun, number, noun or participle), not a verb
that starts a next step ("finish it earlier then call us"). "More then" and "less then"
are left to the grammar backend, which flags them itself.
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

_COMPARATIVE_TAGS = frozenset({"JJR", "RBR"})
_OTHER = frozenset({"other", "rather"})
_BACKEND_HANDLES = frozenset({"more", "less", "fewer"})
_NEXT_STEP_TAGS = frozenset({"VB", "VBP", "VBZ", "MD"})


class ThenForThan(ParseRule):
    """ "then" after a comparative, where "than" introduces what is compared."""

    code = "SG015"
    name = "then-for-than"
    fixable = Applicability.UNSAFE  # the parse can misread a sentence
    category = Category.GRAMMAR
    severity = Severity.WARNING
    message = "“then” after a comparison: write “than”."
    rationale = (
        "Check spelling and grammar before sending (L4): “quicker then that” for “quicker "
        "than that” is a slip a customer notices (E1)."
    )
    guidelines = ("L4", "E1")
    examples = Examples(
        fail=("Hi Sam,\n\nThanks. The new route is quicker [[then]] the old one.\n\nBest regards,\nAna",),
        pass_=(
            "Hi Sam,\n\nThanks. The new route is quicker than the old one. Finish the form "
            "earlier then call us.\n\nBest regards,\nAna",
        ),
    )

    def check_parse(self, ctx: Context, reply: Doc) -> Iterator[Hit]:
        tables = ctx.analysis.word_tables()
        adjectives = tables.adjectives if tables is not None else frozenset()
        for token in reply:
            if token.lower_ != "then" or ctx.doc.kind_at(token.idx) not in OWN_PARTS:
                continue
            if _compares(token, adjectives):
                yield Hit(
                    Span(token.idx, token.idx + len(token.text)),
                    suggestions=(match_case(token.text, "than"),),
                )


def _compares(then: Token, adjectives: frozenset[str]) -> bool:
    """Whether ``then`` follows a comparison word and precedes what is compared."""
    doc = then.doc
    if then.i == 0 or then.i + 1 >= len(doc):
        return False
    before, after = doc[then.i - 1], doc[then.i + 1]
    if before.lower_ in _BACKEND_HANDLES or not (_comparative(before, adjectives) or before.lower_ in _OTHER):
        return False
    return after.tag_ not in _NEXT_STEP_TAGS and not after.is_punct


def _comparative(word: Token, adjectives: frozenset[str]) -> bool:
    """Tagged a comparative, or an adjective's "-er" form the tagger reads as a plain
    adverb ("later" of "late")."""
    if word.tag_ in _COMPARATIVE_TAGS:
        return True
    text = word.lower_
    if not text.endswith("er"):
        return False
    bases = {text[:-1], text[:-2], text[:-3] + "y" if text.endswith("ier") else ""}
    return bool(bases & adjectives)
