"""What the customer must do next, or what happens next, in an agent's reply.

Guidelines L2, G4, G7, P3 and P4: after reading, the customer must know their next action
(or that none is needed), what the company will do and by when, and, for holds and
transfers, to whom, why and for how long. Everything works on the spaCy parse of the
agent's own text; char offsets are into ``doc.text``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from spacy.tokens import Doc, Span, Token

from cscomm.conversation.timeframes import find_timeframes
from cscomm.per_doc import doc_text, per_doc, span_text, span_tokens
from cscomm.span_index import Overlaps


class ActionKind(StrEnum):
    """Who acts next."""

    CUSTOMER_INSTRUCTION = "customer-instruction"
    COMPANY_STEP = "company-step"
    NO_ACTION_NEEDED = "no-action-needed"


@dataclass(frozen=True, slots=True)
class NextAction:
    """One statement of what happens next; offsets into ``doc.text``."""

    start: int
    end: int
    kind: ActionKind
    has_timeframe: bool


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_SECOND_PERSON = frozenset({"you", "u"})
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_OPTION_MODALS = frozenset({"can", "could", "may", "might", "must", "should", "ought"})
_POSSIBILITY = frozenset({"can", "may", "might", "could"})
_LEADERS = frozenset(
    {
        "please",
        "kindly",
        "just",
        "simply",
        "then",
        "so",
        "now",
        "also",
        "and",
        "or",
        "but",
        "first",
        "next",
        "finally",
        "meanwhile",
        "otherwise",
    }
)
# Verbs that are courtesy or feeling, not a step anyone takes.
_NOT_ACTIONS = frozenset(
    {
        "thank",
        "hope",
        "enjoy",
        "wish",
        "welcome",
        "congratulate",
        "excuse",
        "forgive",
        "pardon",
        "rest",
        "note",
        "accept",
        "see",
        "find",
        "imagine",
        "understand",
        "appreciate",
        "know",
        "apologise",
        "apologize",
        "regret",
        "love",
        "like",
        "want",
        "miss",
        "mind",
        "recall",
        "remember",
        "realise",
        "realize",
        "notice",
        "agree",
        "assure",
        "guarantee",
        "promise",
        "believe",
        "think",
        "feel",
        "hear",
        "bear",
        "pride",
        "value",
        "count",
        "trust",
        "rely",
        "depend",
        "hesitate",
        "stay",
    }
)
# "You will see / should receive ...": news of what reaches the customer next.
_PERCEPTION = frozenset({"see", "hear", "notice", "find", "receive", "get"})
# Verbs that describe an effect rather than a step; they count only with a timeframe.
_WEAK_STEPS = frozenset(
    {
        "help",
        "mean",
        "ensure",
        "make",
        "allow",
        "enable",
        "prevent",
        "avoid",
        "improve",
        "cause",
        "affect",
        "matter",
        "continue",
        "try",
        "strive",
        "aim",
        "work",
        "happen",
        "need",
        "use",
        "learn",
    }
)
_INVITATION = re.compile(
    r"\b(?:any|further|other|more)\s+(?:questions?|queries|query|concerns?|help|assistance|problems?)\b"
    r"|\banything\s+else\b|\bif\s+you\s+need\s+(?:any(?:thing)?|more|further)\b"
    r"|\b(?:hesitate|feel\s+free)\b",
    re.IGNORECASE,
)
_CONTACT_VERBS = frozenset(
    {
        "contact",
        "call",
        "email",
        "reply",
        "get",
        "let",
        "reach",
        "ask",
        "write",
        "phone",
        "ring",
        "message",
        "chat",
        "talk",
        "speak",
    }
)
_NEXT_STEP = re.compile(r"\b(?:the|your|our)\s+next\s+steps?\b|\bwhat\s+happens\s+next\b", re.IGNORECASE)
_HEADER = re.compile(r"^(?:to|from|date|re|subject|cc|bcc|ref|our\s+ref|your\s+ref|attn)\s*:", re.IGNORECASE)
_LEISURE_OBJECTS = frozenset(
    {
        "day",
        "trip",
        "time",
        "weekend",
        "evening",
        "holiday",
        "journey",
        "flight",
        "stay",
        "birthday",
        "christmas",
        "week",
        "one",
        "break",
        "move",
        "celebration",
        "luck",
        "care",
    }
)
_STATE_ADJECTIVES = frozenset(
    {
        "ready",
        "available",
        "active",
        "live",
        "back",
        "complete",
        "open",
        "closed",
        "due",
        "visible",
        "able",
        "valid",
        "eligible",
        "free",
        "refunded",
        "credited",
        "charged",
    }
)
# "We are writing about ...": the act of replying itself, not a next step.
_PERFORMATIVE = frozenset({"write", "contact", "email", "reply", "respond", "reach"})
_FIRST_PERSON = frozenset({"i", "we"})
_NOT_DUTY_BEARERS = _FIRST_PERSON | _SECOND_PERSON | {"it", "this", "that"}  # "it must be hard"
# "We recommend you reset the router": advice is an instruction to the reader.
_ADVICE = frozenset({"recommend", "suggest", "advise", "encourage", "urge"})
_ADVISABLE = frozenset(
    {"advisable", "best", "wise", "important", "essential", "necessary", "recommended", "vital", "sensible"}
)
_ARRANGE = frozenset({"arrange", "book", "schedule", "organise", "organize", "reserve"})
_REQUEST = frozenset({"ask", "instruct", "request"})
_INTEND = frozenset({"expect", "plan", "aim", "hope", "intend"})
# Present-tense events that, with a timeframe, say what happens next.
_EVENTS = frozenset(
    {
        "arrive",
        "start",
        "begin",
        "open",
        "close",
        "reopen",
        "end",
        "run",
        "leave",
        "depart",
        "expire",
        "renew",
        "restart",
        "resume",
        "finish",
        "take",
        "go",
        "come",
        "visit",
        "return",
        "launch",
        # money or a parcel reaching the reader: "it normally shows within 3 working days"
        "show",
        "appear",
        "clear",
        "reach",
        "land",
    }
)
_SCHEDULED = frozenset(
    {"schedule", "book", "plan", "arrange", "due", "set", "expect", "timetable", "reserve"}
)
_CONDITION_MARKS = frozenset({"if", "unless", "whether", "though", "although"})
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent")
"""Endings of nouns for who does something (courier, inspector, technician, agent)."""
_DESIRE = frozenset({"wish", "want", "like"})
_HABITUAL = frozenset(
    {"always", "constantly", "continually", "continuously", "forever", "generally", "usually"}
)
# What happens to the writer rather than what they do: "we are experiencing delays".
_UNDERGONE = frozenset(
    {"experience", "face", "have", "get", "receive", "wait", "expect", "struggle", "suffer"}
)
_PHONE = re.compile(r"\+?\d[\d\s()-]{6,}\d")
_FOLLOW_UP_VERBS = frozenset(
    {
        "contact",
        "call",
        "phone",
        "ring",
        "email",
        "text",
        "write",
        "update",
        "inform",
        "notify",
        "respond",
        "reply",
        "revert",
        "confirm",
        "follow",
        "get",
        "come",
        "let",
        "keep",
        "reach",
        "hear",
        "look",
        "investigate",
        "review",
        "resolve",
        "fix",
        "sort",
        "be",
        "advise",
        "check",
        "chase",
        "escalate",
    }
)
_FOLLOW_UP_PARTICLES = {
    "get": {"back", "touch"},
    "come": {"back"},
    "let": {"know"},
    "keep": {"posted", "informed", "updated"},
    "reach": {"out"},
    "look": {"into"},
    "be": {"touch", "contact"},
    "follow": {"up"},
    "sort": {"out"},
}

_NO_ACTION = re.compile(
    r"\b(?:"
    r"(?:do\s+not|don['’]?t|won['’]?t|will\s+not|need\s*n['’]?t|need\s+not|shouldn['’]?t)\s+"
    r"(?:need\s+to\s+|have\s+to\s+)?(?:do|send|provide|pay|take)\s+any(?:thing|\s+(?:further\s+)?action)"
    r"|(?:there\s+is|there['’]s)\s+no\s+need\s+(?:for\s+you\s+)?to"
    r"|no\s+need\s+(?:for\s+you\s+)?to\s+(?:do|fill|send|contact|call|worry|reply|take)"
    r"|(?:there\s+is|there['’]s)\s+nothing\s+(?:else\s+|more\s+|further\s+)?"
    r"(?:for\s+you\s+|you\s+need\s+)?to\s+do"
    r"|nothing\s+(?:else|more|further)\s+(?:is\s+)?(?:needed|required)\s+from\s+you"
    r"|(?:do\s+not|don['’]?t)\s+need\s+anything\s+(?:else\s+|more\s+|further\s+)?from\s+you"
    r"|no\s+(?:further\s+|other\s+)?action\s+(?:is\s+|will\s+be\s+)?(?:needed|required|necessary)"
    r"|you\s+can\s+(?:safely\s+)?(?:ignore|disregard)"
    r"|you['’]?re\s+all\s+set|you\s+are\s+all\s+set"
    r")",
    re.IGNORECASE,
)


def find_next_actions(doc: Doc) -> list[NextAction]:
    """Every customer instruction, company step or "no action needed" statement.

    Args:
        doc: the parsed agent reply (greeting, body and closing).

    Returns:
        Actions in text order, one per predicate (a "no action needed" or "next step"
        sentence counts once).
    """
    return list(next_actions(doc))


def next_actions(doc: Doc) -> Iterator[NextAction]:
    """:func:`find_next_actions` one at a time, each unit read only when asked for (a
    check that needs one action stops at the first)."""
    for unit, frames in zip(sentence_units(doc), unit_frames(doc), strict=True):
        if _HEADER.match(span_text(unit)):
            continue
        timed = bool(frames)
        match = _NO_ACTION.search(span_text(unit))
        if match:
            yield NextAction(
                unit.start_char + match.start(), unit.end_char, ActionKind.NO_ACTION_NEEDED, timed
            )
            continue
        if _NEXT_STEP.search(span_text(unit)):
            yield NextAction(unit.start_char, unit.end_char, ActionKind.COMPANY_STEP, timed)
            continue
        for verb, kind in _predicates(unit, frames):
            start, end = clause_bounds(verb, unit)
            yield NextAction(start, end, kind, timed)


_PERMISSION_ASKED = re.compile(
    r"^\W*(?:can|could|may)\s+(?:I|we)\b|\b(?:am\s+I|are\s+we)\s+(?:able|allowed|entitled)\b", re.IGNORECASE
)
_PERMISSION_GIVEN = re.compile(r"^\W*(?:yes\W+)?you\s+(?:can|could|may)\b", re.IGNORECASE)


def grants_permission(action: NextAction, text: str, answers: Sequence[tuple[str, tuple[int, int]]]) -> bool:
    """Whether ``action`` only grants what the customer asked leave for: "You can claim
    for essentials" answering "Can I claim for the clothes I bought?" answers the
    question; it does not say how to claim or what happens next.

    ``answers`` are the customer's answered questions with the reply span that answers
    each; ``text`` is the reply's text.
    """
    if action.kind is not ActionKind.CUSTOMER_INSTRUCTION or not _PERMISSION_GIVEN.match(
        text[action.start : action.end]
    ):
        return False
    return any(
        _PERMISSION_ASKED.search(question) and start <= action.start and action.end <= end
        for question, (start, end) in answers
    )


def vague_follow_ups(doc: Doc) -> list[tuple[int, int]]:
    """Promised follow-ups (contact, update, fix) with no day, date or duration (P4)."""
    timeframes = _timeframe_index(doc)
    found: list[tuple[int, int]] = []
    for unit in sentence_units(doc):
        if timeframes.hit(unit.start_char, unit.end_char):
            continue  # so no timeframe lies in the unit: its predicates are read untimed
        for verb in span_tokens(unit):
            if (
                _is_follow_up(verb)
                and _is_predicate(verb)
                and _classify(verb, unit, timed=False) is ActionKind.COMPANY_STEP
            ):
                found.append(clause_bounds(verb, unit))
    return found


def incomplete_handoffs(doc: Doc) -> list[tuple[int, int, str]]:
    """Holds, transfers and escalations that omit to whom, why or how long (P3).

    Returns:
        ``(start, end, missing)`` where ``missing`` lists what is absent, e.g.
        "to whom, why".
    """
    timeframes = _timeframe_index(doc)
    units = sentence_units(doc)
    found: list[tuple[int, int, str]] = []
    for index, unit in enumerate(units):
        window_end = units[index + 1].end_char if index + 1 < len(units) else unit.end_char
        timed = timeframes.hit(unit.start_char, window_end)
        for token in span_tokens(unit):
            handoff = _handoff_type(token)
            if handoff is None:
                continue
            missing = _missing_parts(handoff, token, unit, units[index + 1 : index + 2], timed)
            if missing:
                start, end = clause_bounds(token, unit)
                found.append((start, end, ", ".join(missing)))
    return found


@per_doc
def doc_timeframes(doc: Doc) -> tuple[tuple[int, int], ...]:
    """The timeframes in ``doc``'s text."""
    return find_timeframes(doc_text(doc))


@per_doc
def _timeframe_index(doc: Doc) -> Overlaps:
    return Overlaps(doc_timeframes(doc))


@per_doc
def sentence_units(doc: Doc) -> tuple[Span, ...]:
    """Sentences, also split at line breaks that end a line of their own.

    The parser sometimes joins a greeting, a list item or a signature to the next line;
    a blank line, a line ending in punctuation or a line starting a list item always
    starts a new unit. Leading and trailing whitespace tokens are dropped.
    """
    units: list[Span] = []
    for sent in doc.sents:
        start = sent.start
        for token in span_tokens(sent):
            if token.is_space and "\n" in token.text and _breaks_line(token):
                _append_trimmed(doc, start, token.i, units)
                start = token.i + 1
        _append_trimmed(doc, start, sent.end, units)
    return tuple(units)


def clause_bounds(verb: Token, unit: Span) -> tuple[int, int]:
    """Char span of ``verb``'s clause inside ``unit``, without coordinated or fronted clauses.

    A verb that shares its subject with an earlier verb ("the team will assess your
    claim and contact you") starts at that subject.
    """
    skip: set[int] = set()
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and child.i > verb.i:
            skip.update(t.i for t in child.subtree)
            skip.update(t.i for t in verb.children if t.dep_ == "cc" and t.i > verb.i)
        elif child.dep_ in {"ccomp", "parataxis"} and child.i < verb.i:
            # a clause fronted with a dash or colon: "X usually means Y – you've put it ..."
            skip.update(t.i for t in child.subtree)
    inside = [t for t in verb.subtree if unit.start <= t.i < unit.end and t.i not in skip and not t.is_space]
    while len(inside) > 1 and inside[-1].is_punct:
        inside.pop()
    while len(inside) > 1 and inside[0].is_punct and inside[0].i < verb.i:
        inside.pop(0)
    first, last = inside[0], inside[-1]
    if first.i > verb.i or last.i < verb.i:
        first, last = verb, verb
    subject = _subject(verb)
    if subject is not None and subject.i < first.i and unit.start <= subject.left_edge.i:
        first = subject.left_edge
    return first.idx, last.idx + len(last.text)


# ---------------------------------------------------------------- predicates
@per_doc
def unit_frames(doc: Doc) -> tuple[list[Span], ...]:
    """For each of :func:`sentence_units`, the timeframes that start in it."""
    timeframes = sorted(doc_timeframes(doc))
    starts = [start for start, _ in timeframes]
    return tuple(_frames_in(unit, timeframes, starts) for unit in sentence_units(doc))


def _predicates(unit: Span, frames: Sequence[Span]) -> Iterator[tuple[Token, ActionKind]]:
    """Verbs of ``unit`` that state a next action, with who acts.

    A generic invitation ("contact us if you have any questions") is not a next action.
    """
    invitation = _INVITATION.search(span_text(unit)) is not None
    for token in span_tokens(unit):
        if _is_predicate(token):
            kind = _classify(token, unit, _timed(token, frames))
        else:
            kind = ActionKind.CUSTOMER_INSTRUCTION if _misread_imperative(token) else None
        if kind is None:
            continue
        if invitation and kind is ActionKind.CUSTOMER_INSTRUCTION and _action_lemma(token) in _CONTACT_VERBS:
            continue
        yield token, kind


def _misread_imperative(token: Token) -> bool:
    """An imperative the tagger read as a noun after a fronted condition ("If you have new
    information, reply to this email"): a noun does not govern an if-clause, nor follow one
    after a comma as the conjunct of its verb (the parse ran the main clause into it)."""
    if token.tag_ != "NN" or any(c.dep_ in {"det", "poss", "amod", "compound"} for c in token.children):
        return False
    if token.dep_ == "ROOT":
        return any(c.dep_ == "advcl" and c.i < token.i and _opens_condition(c) for c in token.children)
    if token.dep_ != "conj" or token.head.i > token.i or token.doc[token.i - 1].text != ",":
        return False
    verb = token.head  # the first of the verbs the condition joins: "If you have … or think …, reply"
    while verb.dep_ == "conj" and verb.head.i < verb.i:
        verb = verb.head
    return verb.pos_ in {"VERB", "AUX"} and _opens_condition(verb)


def _opens_condition(verb: Token) -> bool:
    return any(m.lower_ in {"if", "when", "once"} and m.i < verb.i for m in verb.children)


def _is_predicate(token: Token) -> bool:
    """A verb that heads a predicate (not an auxiliary)."""
    return token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"aux", "auxpass"}


def _classify(verb: Token, unit: Span, timed: bool) -> ActionKind | None:
    lemma = verb.lemma_.lower()
    if _is_conditional(verb):
        return None
    subject = _subject(verb)
    modals = _modals(verb)
    if _is_duty(verb, lemma, subject, modals):  # "every parcel must be weighed", "staff must not…"
        return ActionKind.CUSTOMER_INSTRUCTION
    if _negated(verb):
        return None
    if _has_please(verb) and lemma not in _NOT_ACTIONS:
        return ActionKind.CUSTOMER_INSTRUCTION
    if _is_imperative(verb, unit) or (verb.tag_ == "VBG" and verb.head.lower_ == "worth"):
        return ActionKind.CUSTOMER_INSTRUCTION
    person = subject.lower_ if subject is not None else ""
    if person in _SECOND_PERSON:
        return _second_person_kind(verb, lemma, modals, unit)
    if person in _FIRST_PERSON and lemma in _ADVICE and not modals - {"would", "'d"}:
        return ActionKind.CUSTOMER_INSTRUCTION
    if _impersonal_advice(verb, subject):
        return ActionKind.CUSTOMER_INSTRUCTION
    if _is_future(verb, modals) and _is_step(verb, lemma, timed) and not _contingency(verb, subject, timed):
        return ActionKind.COMPANY_STEP
    if _is_scheduled(verb, lemma, person, timed, modals) or _is_arranged(verb, lemma, person, timed):
        return ActionKind.COMPANY_STEP
    if timed and lemma in _EVENTS and _is_expected(verb, modals):
        return ActionKind.COMPANY_STEP
    return None


def _contingency(verb: Token, subject: Token | None, timed: bool) -> bool:
    """ "The alarm will sound if anything changes": what a thing will do should something
    happen, with no one acting, no time and nothing the reader chooses, is a safeguard
    described, not a next step."""
    if timed or subject is None or subject.pos_ != "NOUN" or subject.ent_type_:
        return False
    noun = subject.lemma_.lower()
    if noun in _PEOPLE or noun.endswith(_AGENT_ENDINGS):  # "the courier will call if …"
        return False
    return any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in c.children)
        and not any(m.dep_ in _SUBJECTS and m.lower_ in _SECOND_PERSON for m in c.children)
        for c in verb.children
    )  # "… will renew if you do not contact us": the reader's choice, which is a step


def _impersonal_advice(verb: Token, subject: Token | None) -> bool:
    """ "It is advisable to store water", "it is best to call before noon": advice with no
    one named, whose step is the infinitive."""
    if verb.lemma_ != "be" or subject is None or subject.lower_ != "it" or verb.tag_ == "VBD":
        return False  # not "it was important to know"
    judgement = next((c for c in verb.children if c.dep_ == "acomp"), None)
    if judgement is None or judgement.lower_ not in _ADVISABLE:
        return False
    step = next((c for c in (*verb.children, *judgement.children) if c.dep_ == "xcomp"), None)
    return step is not None and step.tag_ == "VB" and step.lemma_.lower() not in _NOT_ACTIONS


def _is_expected(verb: Token, modals: set[str]) -> bool:
    """An event stated as it will or can happen ("the course starts on 3 May", "it can take
    5 days"), not the time clause of another statement ("…when the library opens")."""
    if any(c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB") for c in verb.children):
        return False
    return verb.tag_ in {"VBZ", "VBP"} or (verb.tag_ == "VB" and bool(modals & _POSSIBILITY))


def _is_duty(verb: Token, lemma: str, subject: Token | None, modals: set[str]) -> bool:
    """A rule the reader must follow, stated of someone else or of a thing: "all staff
    must complete the module", "every parcel must be weighed", "drivers need to sign",
    "badges are required to be worn". Not "we must apologise" nor "it must be hard"."""
    if subject is None or subject.lower_ in _NOT_DUTY_BEARERS:
        return False
    if _is_perfect(verb):
        return False
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if "must" in modals:
        return lemma != "be" or passive
    step = _xcomp(verb)
    if lemma in {"need", "have"} and not modals and verb.tag_ in {"VBZ", "VBP"}:
        return step is not None and step.tag_ == "VB"
    if _customers_side(subject) and not passive:  # "your partner will need to bring…", "they should…"
        if lemma in {"need", "have"} and modals <= _FUTURE:
            return step is not None and step.tag_ == "VB"
        return bool(modals & {"should"}) and lemma not in _NOT_ACTIONS
    return lemma in {"require", "oblige"} and passive and step is not None


def _customers_side(subject: Token) -> bool:
    """Someone the reader speaks for: "your partner", or "they" after a sentence about them
    ("Your partner can be added at the desk. … they'll need to bring…")."""
    if subject.lower_ not in {"he", "she", "they"}:
        return _your_person(subject)
    doc, start = subject.doc, subject.sent.start
    before = doc[doc[start - 1].sent.start if start > 0 else start : subject.i]  # this sentence and the last
    return any(t.dep_ in {"nsubj", "nsubjpass"} and _your_person(t) for t in before)


def _your_person(noun: Token) -> bool:
    """ "your partner", "your son": a person of the reader's household or business."""
    return noun.lemma_.lower() in _PEOPLE and any(
        c.dep_ == "poss" and c.lower_ == "your" for c in noun.children
    )


_PEOPLE = frozenset(
    {"partner", "husband", "wife", "spouse", "son", "daughter", "child", "mother", "father", "mum",
     "mom", "dad", "parent", "brother", "sister", "grandmother", "grandfather", "friend", "relative",
     "guest", "passenger", "colleague", "employee", "staff", "team", "manager", "assistant",
     "accountant", "solicitor", "lawyer", "tenant", "landlord", "carer", "driver", "representative",
     "agent", "contractor", "builder", "installer", "engineer", "electrician", "plumber"}
)  # fmt: skip
"""People a customer writes for or sends in their place."""


def _second_person_kind(verb: Token, lemma: str, modals: set[str], unit: Span) -> ActionKind | None:
    if lemma in _PERCEPTION and modals & (_FUTURE | {"should"}):
        return ActionKind.COMPANY_STEP
    if modals & _POSSIBILITY and not _subordinate(verb):
        step = _xcomp(verb)
        if lemma in _DESIRE and step is not None and step.lemma_.lower() not in _NOT_ACTIONS:
            return ActionKind.CUSTOMER_INSTRUCTION  # "you may wish to re-send any vital messages"
        if _gives_an_address(verb):
            return ActionKind.CUSTOMER_INSTRUCTION  # "you can find the details at https://…"
    if span_text(unit).rstrip().endswith("?") and _INVITATION.search(span_text(unit)) is None:
        return ActionKind.CUSTOMER_INSTRUCTION
    if lemma in _NOT_ACTIONS or _is_perfect(verb):
        return None
    if lemma in {"need", "have"} and _xcomp(verb) is not None and verb.tag_ != "VBD":
        return ActionKind.CUSTOMER_INSTRUCTION  # "you'll need to sign"; not "you had to buy"
    if lemma == "be" and any(c.lemma_ in {"welcome", "able"} for c in verb.children):
        return ActionKind.CUSTOMER_INSTRUCTION if not modals & _FUTURE else ActionKind.COMPANY_STEP
    if modals & _FUTURE:
        return ActionKind.COMPANY_STEP if lemma != "be" or _state_predicate(verb) else None
    if modals & _OPTION_MODALS and lemma != "be" and not _subordinate(verb):
        return ActionKind.CUSTOMER_INSTRUCTION
    return None


def _subordinate(verb: Token) -> bool:
    """A clause that serves another: "(I've attached it) so you can compare it", "(the
    battery ran out) before you could return". Not a result after a comma ("the credit is
    there now, so you can reorder whenever you like"): that is the customer's next step,
    unless what it follows is something we did for it ("I've attached the report, with
    photos, so you can compare it")."""
    return any(c.dep_ == "mark" and not _result_so(c) for c in verb.children)


def _result_so(mark: Token) -> bool:
    if mark.lower_ != "so" or mark.i == 0 or mark.doc[mark.i - 1].text != ",":
        return False
    before = mark.doc[mark.sent.start : mark.i]
    return not any(t.dep_ == "nsubj" and t.lower_ in _FIRST_PERSON for t in before)


def _is_arranged(verb: Token, lemma: str, person: str, timed: bool) -> bool:
    """ "I've arranged for an engineer to visit", "we expect to have it fixed by Friday"."""
    if person not in _FIRST_PERSON:
        return False
    done = verb.tag_ in {"VBN", "VBD"}
    if lemma in _ARRANGE:
        return done
    follows = any(c.dep_ in {"xcomp", "ccomp"} for c in verb.children)
    if lemma in _INTEND:
        return timed and follows
    return done and timed and follows and lemma in _REQUEST


def _is_imperative(verb: Token, unit: Span) -> bool:
    """A bare verb with no subject or auxiliary that heads its clause."""
    if verb.tag_ not in {"VB", "VBP"} or _subject(verb) is not None or _own_aux(verb):
        return False
    lemma = _action_lemma(verb)
    if lemma in _NOT_ACTIONS or lemma == "be" or not _acts(verb, lemma) or _noun_read_as_verb(verb):
        return False
    head = _coordinated_head(verb)
    if head is not None:
        return _is_imperative(head, unit) or _clause_initial(verb, unit)
    return _heads_unit(verb, unit) or _clause_initial(verb, unit)


def _noun_read_as_verb(verb: Token) -> bool:
    """ "Refund eligibility … is determined by the organiser": the parser read a noun
    compound's first word as an imperative, and the sentence's real verb, finite and with no
    subject of its own, as its complement or its head."""
    later = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
    if verb.dep_ == "advcl" and verb.head.i > verb.i:
        later.append(verb.head)
    return any(
        _subject(c) is None
        and any(a.dep_ in {"aux", "auxpass"} and a.tag_ in {"VBZ", "VBP"} for a in c.children)
        for c in later
    )


def _action_lemma(verb: Token) -> str:
    """The verb's lemma, or the step it frames: "feel free to [keep]", "be sure to [call]"."""
    lemma = verb.lemma_.lower()
    if lemma in {"feel", "be", "make"} and any(
        c.dep_ in {"acomp", "ccomp"} and c.lower_ in {"free", "sure"} for c in verb.children
    ):
        step = next((t for t in verb.subtree if t.dep_ == "xcomp" and t.pos_ == "VERB"), None)
        return step.lemma_.lower() if step is not None else "make"
    return lemma


def _acts(verb: Token, lemma: str) -> bool:
    """Filters idioms that look imperative: "have a lovely trip", "let me explain"."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
    if lemma in {"have", "take"} and any(o.lemma_.lower() in _LEISURE_OBJECTS for o in objects):
        return False
    if lemma == "let":
        return any(t.lemma_.lower() == "know" for t in verb.subtree)
    if lemma == "allow":  # "allow me to explain" is not a step; "allow 5 days" is
        return not any(o.lower_ in {"me", "us"} for o in objects)
    return lemma != "do"


def _is_future(verb: Token, modals: set[str]) -> bool:
    if modals & _FUTURE:
        return True
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lemma_ == "go"
        and head.tag_ == "VBG"
        and any(c.dep_ == "aux" and c.lemma_ == "be" for c in head.children)
    )


def _is_step(verb: Token, lemma: str, timed: bool) -> bool:
    """A future predicate that describes an event rather than a feeling or quality."""
    if lemma in _NOT_ACTIONS:
        return False
    if lemma in _WEAK_STEPS:
        return timed
    if lemma == "do" and any(
        c.lower_ in {"everything", "all", "anything", "what", "best"} for c in verb.subtree
    ):
        return False
    if lemma == "be" and not any(c.dep_ == "auxpass" for c in verb.children):
        return timed or _state_predicate(verb)
    return True


def _state_predicate(verb: Token) -> bool:
    """ "be" followed by a state that is news: ready, back, with you, in touch."""
    for child in verb.children:
        if child.dep_ in {"acomp", "advmod"} and child.lemma_.lower() in _STATE_ADJECTIVES:
            return True
        if child.dep_ == "prep" and any(g.dep_ == "pobj" for g in child.children):
            return child.lower_ in {"in", "with", "on", "back"}
    return False


def _is_scheduled(verb: Token, lemma: str, person: str, timed: bool, modals: set[str]) -> bool:
    """ "Your meter is booked for 24 March", "it is on its way", "it should arrive tomorrow"."""
    if lemma in _SCHEDULED and verb.tag_ == "VBN" and not _is_perfect(verb):
        if lemma == "set" and not timed and not any(c.lower_ in {"for", "on"} for c in verb.children):
            return False  # "refunds are set by the promoter": decided, not scheduled
        return any(c.dep_ == "auxpass" and c.tag_ in {"VBZ", "VBP"} for c in verb.children)
    if lemma == "be" and any(
        c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ == "way" for g in c.children)
        for c in verb.children
    ):
        return True
    if "should" in modals and timed:
        return _subject(verb) is not None
    if not _is_progressive(verb) or lemma in _PERFORMATIVE:
        return False
    # "we are adding a check", "I'm sending you a voucher": work under way is what happens next
    if timed:
        return True
    if verb.dep_ == "relcl":
        return False  # "(the report covers) the changes we are making": what a thing is, not news
    return person in _FIRST_PERSON and lemma not in _UNDERGONE | _NOT_ACTIONS and not _habitual(verb)


def _habitual(verb: Token) -> bool:
    """An ongoing state, not a step under way: "we are always striving", "I'm managing many
    candidates at the moment"."""
    words = {t.lower_ for t in verb.subtree if t.head.i == verb.i or t.head.head.i == verb.i}
    return bool(words & _HABITUAL) or "moment" in words


def _gives_an_address(verb: Token) -> bool:
    """The clause names a link, an email address or a phone number to use."""
    return any(t.like_url or t.like_email or _PHONE.fullmatch(t.text) for t in verb.subtree)


def _is_progressive(verb: Token) -> bool:
    """Present progressive ("we are sending it on Monday"); not "has been saturating"."""
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    return verb.tag_ == "VBG" and any(a.tag_ in {"VBZ", "VBP"} and a.lemma_ == "be" for a in auxes)


# ---------------------------------------------------------------- follow-ups and handoffs
def _is_follow_up(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma not in _FOLLOW_UP_VERBS:
        return False
    particles = _FOLLOW_UP_PARTICLES.get(lemma)
    if particles is None:
        return True
    near = {t.lower_ for t in verb.subtree if abs(t.i - verb.i) <= 4}
    return bool(near & particles)


_HANDOFF_OBJECTS = frozenset(
    {
        "you",
        "call",
        "case",
        "query",
        "request",
        "ticket",
        "complaint",
        "claim",
        "detail",
        "email",
        "message",
        "enquiry",
        "inquiry",
        "issue",
        "this",
        "it",
        "information",
        "file",
        "matter",
        "problem",
        "concern",
        "account",
        "order",
        "application",
    }
)
_TRANSFER_VERBS = frozenset(
    {
        "transfer",
        "forward",
        "pass",
        "refer",
        "redirect",
        "hand",
        "connect",
        "route",
        "reassign",
        "put",
        "send",
    }
)
_VAGUE_RECIPIENTS = frozenset(
    {
        "someone",
        "somebody",
        "person",
        "people",
        "colleague",
        "department",
        "team",
        "staff",
        "agent",
        "them",
        "member",
        "specialist",
        "expert",
        "party",
        "one",
    }
)
_VAGUE_MODIFIERS = frozenset(
    {
        "the",
        "a",
        "an",
        "our",
        "relevant",
        "appropriate",
        "right",
        "correct",
        "another",
        "other",
        "concerned",
        "responsible",
        "specialist",
        "dedicated",
        "separate",
        "different",
        "more",
        "senior",
        "of",
    }
)
_PURPOSE_MARKS = frozenset({"so", "because", "as", "since", "order"})


def _handoff_type(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    if (
        lemma == "hold"
        and token.pos_ == "NOUN"
        and token.head.lower_ == "on"
        and (token.head.head.lemma_ in {"put", "place", "keep", "be"})
    ):
        return "hold"
    if lemma == "hold" and token.pos_ == "VERB":  # "please hold", "can you hold the line"
        objects = {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"}
        preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
        subject = _subject(token)
        asked = token.tag_ == "VB" and (subject is None or subject.lower_ in _SECOND_PERSON)
        on_hold = objects == {"line"} or (asked and not objects and not preps & {"to", "onto"})
        return "hold" if on_hold else None
    if lemma == "escalation" or (lemma == "escalate" and _subject(token) is not None):
        return "escalation"
    if lemma in _TRANSFER_VERBS and token.pos_ == "VERB":
        subject = _subject(token)
        if subject is None or subject.lower_ in _SECOND_PERSON:
            return None
        moved = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
        if not any(o.lemma_.lower() in _HANDOFF_OBJECTS for o in moved):
            return None
        targets = [c for c in token.children if c.dep_ in {"prep", "prt", "dative"}]
        if lemma in {"put", "send"} and not any(t.lower_ in {"through", "over"} for t in targets):
            return None
        if any(t.lower_ in {"to", "through", "over", "on"} for t in targets) or lemma in {
            "transfer",
            "escalate",
            "refer",
            "forward",
        }:
            return "transfer"
    return None


def _missing_parts(
    handoff: str, token: Token, unit: Span, following: Sequence[Span], timed: bool
) -> list[str]:
    missing: list[str] = []
    if handoff == "hold":
        return [] if timed else ["how long"]
    if not _specific_recipient(token):
        missing.append("to whom")
    if handoff == "transfer" and not _has_purpose(token, unit, following):
        missing.append("why")
    if handoff == "escalation" and not timed:
        missing.append("how long")
    return missing


def _specific_recipient(token: Token) -> bool:
    """Whether the handoff names who takes over: "to Maria", "to our billing team"."""
    anchor = token.head if token.pos_ == "NOUN" and token.dep_ != "ROOT" else token
    preps = [
        t for t in anchor.subtree if t.lower_ in {"to", "with"} and anchor.i in {t.head.i, t.head.head.i}
    ]
    for prep in preps:
        for target in (g for g in prep.children if g.dep_ == "pobj"):
            if target.pos_ == "PROPN":
                return True
            if target.lemma_.lower() not in _VAGUE_RECIPIENTS:
                return True
            if any(
                m.lower_ not in _VAGUE_MODIFIERS and m.dep_ in {"compound", "amod", "poss"}
                for m in target.children
            ):
                return True
    return any(c.dep_ == "pobj" and c.pos_ == "PROPN" for c in token.subtree)


def _has_purpose(token: Token, unit: Span, following: Sequence[Span]) -> bool:
    for node in token.subtree:
        if node.dep_ == "mark" and node.lower_ in _PURPOSE_MARKS:
            return True
        if node.dep_ == "relcl" or (node.dep_ == "prep" and node.lower_ == "for"):
            return True
        if node.dep_ in {"advcl", "xcomp"} and any(c.lower_ == "to" for c in node.children):
            return True
    for nxt in following:
        root = nxt.root
        subject = _subject(root)
        if subject is not None and subject.lower_ in {"they", "he", "she", "who"}:
            return True
    return any(t.lower_ == "so" for t in unit if t.i > token.i)


# ---------------------------------------------------------------- token helpers
def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return child
    head = _coordinated_head(verb)
    return _subject(head) if head is not None else None


def _modals(verb: Token) -> set[str]:
    found = {c.lower_ for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"}
    head = _coordinated_head(verb)
    own_subject = any(c.dep_ in _SUBJECTS for c in verb.children)
    if not found and head is not None and not own_subject:
        return _modals(head)
    return {"will" if m in {"'ll", "wo", "ll"} else m for m in found}


def _coordinated_head(verb: Token) -> Token | None:
    """The verb that ``verb`` is coordinated with, skipping a misattached noun."""
    if verb.dep_ != "conj":
        return None
    head = verb.head
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
        head = head.head
    return head if head.i != verb.i and head.pos_ in {"VERB", "AUX"} else None


def _own_aux(verb: Token) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} and c.tag_ in {"MD", "TO"} for c in verb.children)


def _xcomp(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "xcomp"), None)


def _is_perfect(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children)


def _has_please(verb: Token) -> bool:
    return any(c.lower_ in {"please", "kindly"} for c in verb.children)


def _is_conditional(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in verb.children)


def _heads_unit(verb: Token, unit: Span) -> bool:
    head = verb.head
    return head.i == verb.i or not unit.start <= head.i < unit.end


def _clause_initial(verb: Token, unit: Span) -> bool:
    """Nothing but adverbs like "just", list bullets or a fronted clause before ``verb``."""
    for token in reversed(unit[: verb.i - unit.start]):
        if token.is_space or token.lower_ in _LEADERS or token.text in {"-", "*", "•", "–"}:
            continue
        return bool(token.text in {",", ":", ";", "(", ")"} or token.like_num)
    return True


def _breaks_line(space: Token) -> bool:
    if space.text.count("\n") >= 2:
        return True
    doc = space.doc
    prev = doc[space.i - 1] if space.i > 0 else None
    nxt = doc[space.i + 1] if space.i + 1 < len(doc) else None
    if prev is None or nxt is None:
        return True
    continues = prev.is_alpha and nxt.text[:1].islower()
    return not continues


def _append_trimmed(doc: Doc, start: int, end: int, units: list[Span]) -> None:
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if start < end:
        units.append(doc[start:end])


def _frames_in(unit: Span, timeframes: Sequence[tuple[int, int]], starts: Sequence[int]) -> list[Span]:
    """The timeframes (sorted, with their ``starts``) that start in ``unit``."""
    frames: list[Span] = []
    first, last = bisect.bisect_left(starts, unit.start_char), bisect.bisect_left(starts, unit.end_char)
    for start, end in timeframes[first:last]:
        span = unit.doc.char_span(start, min(end, unit.end_char), alignment_mode="expand")
        if span is not None:
            frames.append(span)
    return frames


_TIME_PREPOSITIONS = frozenset({"within", "by", "before", "until", "till", "in"})


def _timed(verb: Token, frames: Sequence[Span]) -> bool:
    """Whether a timeframe modifies ``verb`` (not a noun, as in "the delay on 3 May"). A
    time adjunct that the parser hangs on the object of the verb's own preposition modifies
    the verb ("show on your statement within 5–10 days": the statement has no deadline)."""
    for frame in frames:
        node = frame.root
        adjunct = frame[0].lower_ in _TIME_PREPOSITIONS
        while node.i != verb.i and node.head.i != node.i:
            head = node.head
            nominal = head.pos_ in {"NOUN", "PROPN", "PRON"} and head.i != verb.i
            if nominal and not (adjunct and head.dep_ == "pobj"):
                break
            node = head
        if node.i == verb.i:
            return True
    return False
