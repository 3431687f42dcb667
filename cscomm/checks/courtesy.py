"""Courtesy rules that need the parse."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cscomm.checks.base import Context, Examples, Hit, ParseRule
from cscomm.document import PartKind, Span
from cscomm.findings import Category, Severity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SentSpan

REQUEST_VERBS = frozenset(
    {
        "attach",
        "complete",
        "confirm",
        "email",
        "enter",
        "fill",
        "forward",
        "give",
        "include",
        "let",
        "provide",
        "reply",
        "resend",
        "return",
        "send",
        "share",
        "sign",
        "submit",
        "supply",
        "tell",
        "update",
        "upload",
        "write",
    }
)
SOFTENERS = (
    "please",
    "just",  # "Just reply with a time that suits you": an easy step, not an order
    "kindly",
    "could you",
    "would you",
    "can you",
    "if you could",
    "would you mind",
    "if you would like",
    "if you'd like",
    "if you wish",
    "if you prefer",
    "feel free",
    "when you have a moment",
    "if possible",
)
_SOFTENED = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in SOFTENERS) + r")\b")
OBLIGATION_LEMMAS = frozenset({"need", "have", "must", "should", "will"})


class RequestWithoutPlease(ParseRule):
    """A request for information or action from the customer without "please"."""

    code = "CT005"
    name = "request-without-please"
    category = Category.COURTESY
    severity = Severity.SUGGESTION
    opt_in = True  # right 0 times in 4 on the labelled sets: the labels never ask for "please"
    message = "Ask politely: add “please” to this request."
    rationale = (
        "Say “please” whenever you ask the customer for information, and thank them "
        "after (P2); a bare command reads as an order (G1)."
    )
    guidelines = ("P2", "G1", "G2")
    examples = Examples(
        fail=(
            "Hi Ana,\n\n[[Send us]] a photo of the damaged box.\n\nBest regards,\nTom",
            "Hi Ana,\n\n[[You need to send]] us the receipt.\n\nBest regards,\nTom",
        ),
        pass_=(
            "Hi Ana,\n\nPlease send us a photo of the damaged box.\n\nBest regards,\nTom",
            "Hi Ana,\n\nCould you send us a photo of the box?\n\nBest regards,\nTom",
            "Hi Ana,\n\nEnjoy your new coat!\n\nBest regards,\nTom",
        ),
    )

    def check_parse(self, ctx: Context, reply: Doc) -> Iterator[Hit]:
        for clipped in ctx.analysis.sentences():
            if ctx.doc.kind_at(clipped.start) is not PartKind.BODY:
                continue
            sent = reply.char_span(clipped.start, clipped.end, alignment_mode="expand")
            if sent is None:
                continue
            if _SOFTENED.search(sent.text.lower()) or sent.text.rstrip().endswith("?"):
                continue
            request = _request_span(sent)
            if request is not None:
                yield Hit(request)


def _request_span(sent: SentSpan) -> Span | None:
    """The words that make ``sent`` a bare request, if it is one."""
    for token in sent:
        if token.lemma_.lower() not in REQUEST_VERBS or token.pos_ != "VERB":
            continue
        if _is_imperative(token, sent):
            last = token
            following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            if following is not None and following.lower_ in ("us", "me"):
                last = following
            return Span(token.idx, last.idx + len(last))
        subject = _obligation_subject(token)
        if subject is not None:
            return Span(subject.idx, token.idx + len(token))
    return None


def _is_imperative(verb: Token, sent: SentSpan) -> bool:
    """A bare-infinitive verb that heads its clause with no subject ('Send us…')."""
    if verb.tag_ != "VB" or verb.dep_ not in ("ROOT", "conj"):
        return False
    if verb.dep_ == "conj" and not _is_imperative(verb.head, sent):
        return False
    children = {c.dep_ for c in verb.children}
    if children & {"nsubj", "nsubjpass", "aux", "expl"}:
        return False
    if verb.lemma_.lower() == "let":  # "let us know which…", not the offer "let me know if…"
        know = [c for c in verb.children if c.lemma_.lower() == "know"]
        return bool(know) and not any(t.lower_ == "if" for t in know[0].subtree)
    return (
        all(
            t.dep_ in ("advmod", "punct", "intj", "cc") or t.pos_ in ("ADV", "SPACE")
            for t in verb.doc[sent.start : verb.i]
        )
        or verb.dep_ == "conj"
    )


def _obligation_subject(verb: Token) -> Token | None:
    """'You need to send…', 'You must provide…': the subject 'You' when so phrased."""
    head = verb.head if verb.dep_ == "xcomp" else verb
    subjects = [c for c in head.children if c.dep_ == "nsubj" and c.lower_ == "you"]
    if not subjects or any(c.dep_ == "neg" for c in (*head.children, *verb.children)):
        return None
    if verb.dep_ == "xcomp" and head.lemma_.lower() in OBLIGATION_LEMMAS:
        return subjects[0]
    modals = [c for c in verb.children if c.dep_ == "aux" and c.lower_ in ("must", "should")]
    return subjects[0] if modals else None
