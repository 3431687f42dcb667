"""Decide whether the agent's reply answers each customer question.

Each reply sentence is profiled once: its comparison keys (lemmas folded through the
synonym table and a light stemmer) and the answer types it can carry (a time, an
amount, a place, steps, a reason, an action taken or promised). A question is answered
when a sentence covers enough of its weighted focus terms and, where the question
calls for a kind of answer, that sentence or the next one carries it. A dated
commitment on the topic also answers, and so does a sentence that touches the topic
more lightly when it carries the fact the question calls for (a date for "when", an
amount for "how much", an action taken for a request) or, for a yes/no question, names
the thing asked about. Terms that the customer's message repeats elsewhere weigh less
than the ones new to the question, so a reply that only repeats the background does
not count as an answer. A request to pass word on ("put a note out to the packing
team") is met when the reply itself is addressed to those people.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from spacy.tokens import Doc, Token

from cscomm.conversation import lexicon as lx
from cscomm.conversation.answer_model import ANSWERED_AT as MODEL_ANSWERED_AT
from cscomm.conversation.answer_model import AnswerModel, answer_model
from cscomm.conversation.questions import Question
from cscomm.per_doc import doc_text, per_doc, span_tokens

ANSWERED_AT = 0.5
COMMITMENT_AT = 0.3
PARTIAL_AT = 0.25
_BACKGROUND = 0.5
_CONTEXT = 0.3
_CONTEXT_BUDGET = 1.5
_PAIR = 0.9
_PROMOTED = 0.7
_COURTESY_OPENERS = (
    "thank",
    "thanks",
    "many thanks",
    "sorry",
    "apologies",
    "i'm sorry",
    "i am sorry",
    "i hope",
    "we hope",
    "hope",
    "congratulations",
    "good luck",
    "best of luck",
)
_CUE_PATTERNS = (
    ("time", lx.TIME_CUE),
    ("amount", lx.AMOUNT_CUE),
    ("number", lx.NUMBER_CUE),
    ("place", lx.PLACE_CUE),
    ("person", lx.PERSON_CUE),
    ("method", lx.METHOD_CUE),
    ("reason", lx.REASON_CUE),
    ("action", lx.ACTION_CUE),
)
# Asking for word to be passed on to others: "put a note out to…", "let the drivers know",
# "tell the packers" (not "let me know", "tell us").
_RELAY = re.compile(
    r"\b(?:(?:note|notice|message|word|reminder|heads[- ]up|memo)\s+(?:out\s+|round\s+)?to"
    r"|(?:tell|inform|notify|remind|warn|brief)\s+(?!me\b|us\b)"
    r"|let\s+(?!me\b|us\b)(?:\w+\s+){1,4}know"
    r"|pass\w*\s+(?:\w+\s+)?on\s+to)\b",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"[a-z][a-z'-]{2,}")
_GENERIC_RECIPIENTS = frozenset(
    {"the", "and", "all", "our", "your", "team", "teams", "staff", "everyone", "everybody",
     "colleagues", "department", "dept", "unit", "group", "people", "members"}
)  # fmt: skip
_FACT_CUES = frozenset({"time", "amount", "number", "place", "reason", "action", "person"})
_NEEDS: dict[str, frozenset[str]] = {
    "time": frozenset({"time"}),
    "amount": frozenset({"amount"}),
    "place": frozenset({"place", "method"}),
    "method": frozenset({"method"}),
    "reason": frozenset({"reason"}),
    "action": frozenset({"action", "method"}),
    "person": frozenset({"person"}),
}


@dataclass(frozen=True, slots=True)
class Judgement:
    """Whether ``question`` is answered, with the reply sentence that answers it.

    ``signals`` are the evidence the verdict rests on (see :func:`signals`); ``confidence``
    is the learned model's probability that the question is answered, when a model judged
    it; ``closest`` is the reply sentence that comes nearest to answering it.
    """

    question: Question
    answered: bool
    evidence: tuple[int, int] | None
    reason: str
    signals: tuple[tuple[str, float], ...] = ()
    confidence: float | None = None
    closest: tuple[int, int] | None = None
    settled: bool = False
    """Decided by the message's structure (the reply goes to whom word was to be passed
    on to), not by judgement: the model does not weigh it."""
    unsure: bool = False
    """Judged without a model and without certainty (a language read by its pack's forms):
    an unanswered verdict is then at most a suggestion."""


@dataclass(frozen=True, slots=True)
class _Clause:
    """One reply sentence (or paragraph piece of one) as the judge needs it."""

    text: str
    imperative: bool


@dataclass(slots=True)
class _Sentence:
    """A reply sentence, or two in a row, with its comparison keys.

    The answer types it carries (``cues``) are found only when a question's terms
    already match, since most sentences never get that far.
    """

    start: int
    end: int
    keys: frozenset[str]
    clauses: tuple[_Clause, ...]
    _found_cues: frozenset[str] | None = None

    @property
    def cues(self) -> frozenset[str]:
        if self._found_cues is None:
            self._found_cues = frozenset().union(*(_cues(c) for c in self.clauses))
        return self._found_cues


def judge_answers(
    questions: Sequence[Question],
    customer_doc: Doc,
    reply_doc: Doc,
    addressees: Sequence[str] = (),
    *,
    use_model: bool = True,
) -> list[Judgement]:
    """Judge every question against the reply, in the order given.

    ``addressees`` are who the reply goes to (a memo's ``To:`` line, an email's
    recipients): a request to pass word on to them is met by sending the reply itself.
    With ``use_model`` (and a shipped model), the learned judge weighs the rules' signals
    and decides; otherwise the rules alone do.
    """
    if not questions:
        return []
    sentences = _profile(reply_doc)
    windows = _windows(sentences)
    counts = _term_counts(customer_doc)
    judged = [_judge(q, sentences, windows, counts) for q in questions]
    judged = [_relayed(j, addressees) if not j.answered else j for j in judged]
    judged = [_with_signals(j, sentences, windows, counts, len(questions)) for j in judged]
    model = answer_model() if use_model else None
    weighed = [_weighed(j, model) for j in judged] if model is not None else judged
    return _restated(weighed)


def _restated(judged: list[Judgement]) -> list[Judgement]:
    """A subject line that asks what a question in the message asks ("Subject: Where is my
    order?", then "Where is my parcel?": the same kind of answer, mostly the same words)
    is answered by the sentence that answers the message's question."""
    out = []
    for verdict in judged:
        twin = (
            None
            if verdict.answered
            else next((j for j in judged if j.answered and _restates(verdict.question, j.question)), None)
        )
        if twin is None:
            out.append(verdict)
            continue
        reason = f"the subject line asks what “{twin.question.text}” asks, which the reply answers"
        out.append(
            replace(verdict, answered=True, evidence=twin.evidence, reason=reason, confidence=twin.confidence)
        )
    return out


def _restates(subject: Question, asked: Question) -> bool:
    if not subject.in_subject or asked.in_subject or subject.answer_type != asked.answer_type:
        return False
    words_a, words_b = set(_WORD.findall(subject.text.lower())), set(_WORD.findall(asked.text.lower()))
    return bool(words_a and words_b) and len(words_a & words_b) / len(words_a | words_b) >= RESTATED_AT


RESTATED_AT = 0.5
"""Word overlap (Jaccard) at which a subject line's question restates one in the message."""
_WORD = re.compile(r"[\w']+")


def _weighed(verdict: Judgement, model: AnswerModel) -> Judgement:
    """The learned judge's verdict: answered when P(answered) reaches one half."""
    if verdict.settled:
        return verdict
    p = model.probability(dict(verdict.signals))
    answered = p >= MODEL_ANSWERED_AT
    if answered == verdict.answered:
        return replace(verdict, confidence=p)
    if answered:
        reason = f"judged answered ({p:.0%}) by the reply sentence closest to it"
        return replace(verdict, answered=True, evidence=verdict.closest, reason=reason, confidence=p)
    reason = f"{p:.0%} likely answered, although the closest sentence matches it ({verdict.reason})"
    return replace(verdict, answered=False, evidence=None, reason=reason, confidence=p)


def _share(terms: dict[str, float], keys: frozenset[str]) -> float:
    """The weighted share of ``terms`` found in ``keys`` (0 with no terms)."""
    total = sum(terms.values())
    return sum(w for k, w in terms.items() if k in keys) / total if total else 0.0


def _with_signals(
    verdict: Judgement,
    sentences: Sequence[_Sentence],
    windows: Sequence[tuple[_Sentence, float]],
    counts: Counter[str],
    asked: int,
) -> Judgement:
    found, closest = signals(verdict, sentences, windows, counts, asked)
    return replace(verdict, signals=tuple(found.items()), closest=closest)


_TYPES = ("time", "amount", "place", "method", "reason", "action", "person", "yes-no", "choice", "info")
_FORMS = ("direct", "indirect", "request")
_RULE_PATHS = (  # which of the rules' tests decided, by the start of its reason
    ("covers_terms", "covers "),
    ("commitment", "dated commitment"),
    ("polar_opener", "opens with a direct"),
    ("statement", "a statement about"),
    ("fact_on_topic", "gives a "),
    ("action_on_topic", "states or explains"),
    ("relayed", "the reply itself goes"),
    ("topic_without_kind", "the reply mentions the topic"),
    ("no_kind", "the reply gives no"),
)
_DONE = re.compile(
    r"\b(?:I|we)(?:'ve| have)\b|\b(?:has|have) been\b|\b(?:is|are) now\b|\balready\b", re.IGNORECASE
)
_REFUSAL = re.compile(
    r"\b(?:unable|cannot|can't|not able|not possible|afraid|unfortunately)\b", re.IGNORECASE
)


def signals(
    verdict: Judgement,
    sentences: Sequence[_Sentence],
    windows: Sequence[tuple[_Sentence, float]],
    counts: Counter[str],
    asked: int,
) -> tuple[dict[str, float], tuple[int, int] | None]:
    """The evidence on whether ``verdict.question`` is answered, as named numbers, and the
    reply sentence closest to answering it.

    Signals: how much of the question the best sentence covers (alone, and among
    sentences that carry the kind of answer asked for); whether any sentence carries that
    kind of answer at all; a dated commitment, a done or refused action, a direct yes/no,
    or an instruction near the topic; the things asked about named in the reply; the
    rule-based verdict; what the question asks for and how it is asked.
    """
    q = verdict.question
    terms = _weighted_terms(q, counts)
    needs = _needs(q)
    asked_about = _asked_about(q, counts)
    own = {k: w for k, w in q.terms if counts[k] <= 1}  # the words only this question uses
    scored = sorted(
        ((_share(terms, w.keys) * f, n, w) for n, (w, f) in enumerate(windows)), key=lambda r: (-r[0], r[1])
    )
    best = scored[0][0] if scored else 0.0
    near = [w for score, _, w in scored if score >= PARTIAL_AT]
    texts = [" ".join(c.text for c in w.clauses) for w in near]
    found = {
        "coverage": best,
        "coverage_with_kind": max((sc for sc, _, w in scored if not needs or needs & w.cues), default=0.0),
        "kind_anywhere": float(not needs or any(needs & s.cues for s in sentences)),
        "commitment_near": float(any("commit" in w.cues for w in near)),
        "done_near": float(any(_DONE.search(t) for t in texts)),
        "refusal_near": float(any(_REFUSAL.search(t) for t in texts)),
        "polar_near": float(any("polar" in w.cues for w in near)),
        "instruction_near": float(any(c.imperative for w in near for c in w.clauses)),
        "named": len(asked_about & scored[0][2].keys) / len(asked_about) if scored and asked_about else 0.0,
        "own_terms_covered": max((_share(own, w.keys) for _, _, w in scored[:3]), default=0.0),
        "rule_verdict": float(verdict.answered),
        "light_question": float(all(w <= lx.LIGHT_WEIGHT for w in terms.values())),
        "reply_sentences": min(len(sentences), 20) / 20,
        "questions_asked": min(asked, 8) / 8,
    }
    found.update({f"rule_{name}": float(verdict.reason.startswith(start)) for name, start in _RULE_PATHS})
    found.update({f"asks_{t}": float(q.answer_type == t) for t in _TYPES})
    found.update({f"form_{f}": float(q.form == f) for f in _FORMS})
    closest = (scored[0][2].start, scored[0][2].end) if scored and best > 0 else None
    return found, closest


def _relayed(verdict: Judgement, addressees: Sequence[str]) -> Judgement:
    """Answered when the question asks to pass a message to whom the reply is sent: the
    request names every specific word of an addressee ("the packing team" for "Packing
    team, Unit 4")."""
    q = verdict.question
    relay = _relay(q)
    if relay is None:
        return verdict
    asked = _specific_keys(q.text[relay.start() :])  # the recipient follows the verb
    for addressee in addressees:
        named = _specific_keys(addressee.split(",")[0])  # "Packing team, Unit 4"
        if named and named <= asked:
            return Judgement(q, True, None, f"the reply itself goes to {addressee}", settled=True)
    return verdict


def _relay(q: Question) -> re.Match[str] | None:
    """Where ``q`` asks for word to be passed on to others, if it does."""
    return _RELAY.search(q.text) if q.answer_type == "action" else None


def _specific_keys(text: str) -> set[str]:
    """Comparison keys of the words that name a group or person (not "team", "all")."""
    return {lx.term_key(w) for w in _NAME_WORD.findall(text.lower()) if w not in _GENERIC_RECIPIENTS}


@per_doc
def _term_counts(doc: Doc) -> Counter[str]:
    counts: Counter[str] = Counter()
    for sent in doc.sents:
        counts.update(lx.weighted_terms(span_tokens(sent)).keys())
    return counts


def _judge(
    q: Question,
    sentences: Sequence[_Sentence],
    windows: Sequence[tuple[_Sentence, float]],
    counts: Counter[str],
) -> Judgement:
    terms = _weighted_terms(q, counts)
    context = {lx.term_key(lemma): _CONTEXT for lemma in q.context}
    for key in terms:
        context.pop(key, None)
    needs = _needs(q)
    if not terms and not context:
        return _by_type(q, sentences, needs)
    # Only light words of its own ("How do I do that?"): what it leans on decides.
    light_only = all(w <= lx.LIGHT_WEIGHT for w in terms.values())
    if light_only:
        terms = dict.fromkeys(terms, _PROMOTED)
    own_total = sum(terms.values())
    with_context = own_total + min(sum(context.values()), _CONTEXT_BUDGET)

    def coverage(keys: frozenset[str]) -> float:
        hit = sum(w for k, w in terms.items() if k in keys)
        extra = sum(w for k, w in context.items() if k in keys)
        alone = hit / own_total if own_total else 0.0
        if light_only:
            return max(alone, 1.0 if extra else 0.0)
        return max(alone, min(hit + extra, with_context) / with_context)

    scored = sorted(
        ((coverage(w.keys) * factor, n, w) for n, (w, factor) in enumerate(windows)),
        key=lambda row: (-row[0], row[1]),
    )
    for score, _, w in scored:
        if score < ANSWERED_AT:
            break
        if not needs or needs & w.cues:
            return _yes(q, w, f"covers {score:.0%} of the question's terms")
    for score, _, w in scored:
        if score < COMMITMENT_AT:
            break
        if "commit" in w.cues:
            return _yes(q, w, "dated commitment on the topic")
    asked_about = _asked_about(q, counts)
    facts = needs & _FACT_CUES if _relay(q) is None else frozenset()  # a relay: who it goes to decides
    for score, _, w in scored:
        if score < PARTIAL_AT:
            break
        if q.answer_type in {"yes-no", "choice"} and (not asked_about or asked_about & w.keys):
            if "polar" in w.cues:
                return _yes(q, w, "opens with a direct answer on the topic")
            if asked_about and q.answer_type == "yes-no":
                return _yes(q, w, "a statement about what is asked")
        if facts & w.cues:
            return _yes(q, w, f"gives a {q.answer_type} answer on the topic")
        if q.predicate in w.keys and w.cues & _NEEDS["action"]:
            return _yes(q, w, f"states or explains the requested action ({q.predicate})")
    if light_only and needs:
        return _by_type(q, sentences, needs)
    best = scored[0][0] if scored else 0.0
    if best >= ANSWERED_AT:
        why = f"the reply mentions the topic but gives no {q.answer_type} answer"
    else:
        asked = ", ".join(q.focus[:3] or q.context[:3])
        why = f"no reply sentence covers what is asked ({asked}; best {best:.0%})"
    return Judgement(q, False, None, why)


def _weighted_terms(q: Question, counts: Counter[str]) -> dict[str, float]:
    """The question's terms, those the customer's message repeats elsewhere weighing less."""
    return {k: w * (_BACKGROUND if counts[k] > 1 else 1.0) for k, w in q.terms}


def _asked_about(q: Question, counts: Counter[str]) -> frozenset[str]:
    """The things the question asks about, those new to it first."""
    return frozenset(k for k in q.nouns if counts[k] <= 1) or frozenset(q.nouns)


def _needs(q: Question) -> frozenset[str]:
    if q.answer_type == "amount" and "how many" in q.text.lower():
        return frozenset({"number"})
    return _NEEDS.get(q.answer_type, frozenset())


def _by_type(q: Question, sentences: Sequence[_Sentence], needs: frozenset[str]) -> Judgement:
    """A question with nothing to match ("What should I do?") is judged by type alone."""
    for s in sentences:
        if not needs or needs & s.cues:
            return _yes(q, s, f"gives a {q.answer_type} answer")
    return Judgement(q, False, None, f"the reply gives no {q.answer_type} answer")


def _windows(sentences: Sequence[_Sentence]) -> list[tuple[_Sentence, float]]:
    """Each sentence alone, then each with the one after it (answers often span two)."""
    pairs = [
        (_Sentence(a.start, b.end, a.keys | b.keys, a.clauses + b.clauses), _PAIR)
        for a, b in pairwise(sentences)
    ]
    return [(s, 1.0) for s in sentences] + pairs


def _yes(q: Question, s: _Sentence, reason: str) -> Judgement:
    return Judgement(q, True, (s.start, s.end), reason)


# ----------------------------------------------------------------- reply profile
def _profile(doc: Doc) -> list[_Sentence]:
    out = []
    for sent in doc.sents:
        for part in _paragraph_parts(span_tokens(sent)):
            profile = _sentence(part)
            if profile is not None:
                out.append(profile)
    return out


def _paragraph_parts(tokens: list[Token]) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.is_space:
            if "\n\n" in tok.text and parts[-1]:
                parts.append([])
            continue
        parts[-1].append(tok)
    return [p for p in parts if p]


def _sentence(tokens: list[Token]) -> _Sentence | None:
    """Profile a reply sentence; None for headers, sign-offs, questions and courtesy."""
    if not _statement(tokens) or tokens[-1].text == "?":
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = doc_text(tokens[0].doc)[start:end]
    low = text.lower().replace("\u2019", "'")
    if low.startswith(_COURTESY_OPENERS) and not any(
        w in low for w in (" but ", " however", " unfortunately")
    ):
        return None
    clause = _Clause(text, _imperative(tokens))
    return _Sentence(start, end, frozenset(lx.weighted_terms(tokens)), (clause,))


STATEMENT_WORDS = 4
"""Words from which a line ending in a full stop is a statement, whatever its tags."""


def _statement(tokens: list[Token]) -> bool:
    """A clause with a verb, or words ending in a full stop: "A Carer's Pass costs £30 a
    year." is one though the tagger reads "costs" as a plural noun. Headers and sign-offs
    ("Reference: PS/2026/1", "Kind regards,") are neither."""
    if any(t.pos_ in {"VERB", "AUX"} for t in tokens):
        return True
    return tokens[-1].text == "." and sum(not t.is_punct for t in tokens) >= STATEMENT_WORDS


@functools.lru_cache(maxsize=512)
def _cues(clause: _Clause) -> frozenset[str]:
    """The answer types a reply sentence can carry (cached: each sentence is read alone
    and in the two pairs around it)."""
    text = clause.text
    cues = {name for name, pattern in _CUE_PATTERNS if pattern.search(text)}
    if clause.imperative:
        cues |= {"method", "action"}
    if lx.POLAR_OPENER.match(text):
        cues.add("polar")
    if "time" in cues and lx.COMMITMENT.search(text):
        cues.add("commit")
    return frozenset(cues)


def _imperative(tokens: Sequence[Token]) -> bool:
    i = 0
    while i < len(tokens) and (
        tokens[i].lower_ in {"please", "just", "simply", "then"} or tokens[i].is_punct
    ):
        i += 1
    if i >= len(tokens):
        return False
    tok = tokens[i]
    return tok.tag_ == "VB" and not any(c.dep_ == "nsubj" for c in tok.children)
