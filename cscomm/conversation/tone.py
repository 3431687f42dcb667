"""Honest, respectful tone: blame, over-promising, rudeness, canned phrases, empathy.

Guidelines G1, G5, G6, P6 and P7. The parse finds the grammatical shapes ("you should
have checked", "obviously you didn't", "I guarantee ...", "this will never happen
again", "as we have already said"); fixed phrases come from a YAML lexicon
(``rules/tone/lexicon/en.yml``). Spans cover the offending phrase or clause, with
offsets into ``doc.text``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import yaml
from spacy.tokens import Doc, Span, Token

from cscomm.casefold import FoldedPattern
from cscomm.conversation.next_action import clause_bounds, sentence_units
from cscomm.conversation.offensive import offensive_spans
from cscomm.conversation.timeframes import find_timeframes
from cscomm.errors import RulePackError
from cscomm.language_packs import expand, named_lists
from cscomm.per_doc import doc_text, span_tokens
from cscomm.resources import SAFE_LOADER, rules_dir

DEFAULT_LEXICON = rules_dir() / "tone" / "lexicon" / "en.yml"


class ToneType(StrEnum):
    """The kinds of tone problem this module reports."""

    BLAME = "blame"
    OVER_PROMISE = "over-promise"
    RUDE = "rude"
    CANNED = "canned"


@dataclass(frozen=True, slots=True)
class ToneIssue:
    """One tone problem; offsets into ``doc.text``."""

    start: int
    end: int
    type: ToneType
    suggestion: str | None


@dataclass(frozen=True, slots=True)
class ToneLexicon:
    """Compiled phrase lists from the YAML lexicon."""

    phrases: tuple[tuple[ToneType, FoldedPattern], ...]
    suggestions: tuple[tuple[ToneType, str], ...]
    empathy: FoldedPattern
    complaint_strong: FoldedPattern
    complaint_problem: FoldedPattern
    customer_roles: frozenset[str]

    def suggestion(self, kind: ToneType) -> str | None:
        return next((text for k, text in self.suggestions if k is kind), None)


@functools.lru_cache(maxsize=8)
def load_lexicon(path: Path = DEFAULT_LEXICON, pack: str | None = None) -> ToneLexicon:
    """Read and compile a tone lexicon; a language ``pack``'s lexicon may name its lists
    (``{you}``: the ways of addressing the customer, ``cscomm.language_packs``).

    Raises:
        RulePackError: the file is missing, is not a mapping, or has a bad pattern.
    """
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise RulePackError(f"{path}: cannot read tone lexicon: {exc}") from exc
    if not isinstance(data, dict):
        raise RulePackError(f"{path}: a tone lexicon must be a mapping")
    lists = named_lists(pack) if pack else {}
    phrases = tuple((kind, _compile(path, kind.value, data, lists)) for kind in ToneType)
    raw_suggestions = data.get("suggestions") or {}
    return ToneLexicon(
        phrases=phrases,
        suggestions=tuple(
            (kind, str(raw_suggestions[kind.value])) for kind in ToneType if kind.value in raw_suggestions
        ),
        empathy=_compile(path, "empathy", data),
        complaint_strong=_compile(path, "complaint-strong", data),
        complaint_problem=_compile(path, "complaint-problem", data),
        customer_roles=frozenset(str(r).lower() for r in data.get("customer-roles") or ()),
    )


def find_tone_issues(doc: Doc, lexicon: ToneLexicon | None = None) -> list[ToneIssue]:
    """Blame, over-promises, rudeness and canned phrases in an agent reply.

    Overlapping findings of the same type are merged; results are in text order.
    """
    lex = lexicon if lexicon is not None else load_lexicon()
    spans: list[tuple[int, int, ToneType]] = []
    text = doc_text(doc)
    for kind, pattern in lex.phrases:
        spans.extend((start, end, kind) for start, end in pattern.spans(text))
    for unit in sentence_units(doc):
        spans.extend(_parse_issues(unit, lex))
        spans.extend((start, end, ToneType.RUDE) for start, end in offensive_spans(unit))
    return _merge(spans, lex)


def find_phrase_issues(text: str, lexicon: ToneLexicon) -> list[ToneIssue]:
    """The tone issues a lexicon's phrases find in ``text``: what is checked in languages with
    a tone lexicon but no parse patterns (``rules/<lang>/tone.yml``)."""
    spans = [(start, end, kind) for kind, pattern in lexicon.phrases for start, end in pattern.spans(text)]
    return _merge(spans, lexicon)


@functools.cache
def language_lexicon(code: str) -> ToneLexicon | None:
    """The tone lexicon of a language pack, if it has one."""
    path = rules_dir() / code / "tone.yml"
    return load_lexicon(path, code) if path.is_file() else None


def missing_empathy(customer_doc: Doc, reply_doc: Doc, lexicon: ToneLexicon | None = None) -> bool:
    """Whether the customer complains and the reply never acknowledges it (G5, P7).

    A complaint has two cues, strong (anger, disappointment, repeated contact) or
    problem words (broken, missing, overcharged), in any mix. Acknowledgement is an
    apology, "I understand", "I can imagine", "that's not the experience ...".
    """
    lex = lexicon if lexicon is not None else load_lexicon()
    text = doc_text(customer_doc)
    cues = len(lex.complaint_strong.spans(text)) + len(lex.complaint_problem.spans(text))
    return cues >= 2 and not lex.empathy.search(doc_text(reply_doc))


# ---------------------------------------------------------------- parse-based checks
_SECOND_PERSON = frozenset({"you", "u"})
_FIRST_PERSON = frozenset({"i", "we"})
_DUTY_MODALS = frozenset({"should", "ought", "must", "could"})
_HAPPENED_TO_YOU = frozenset(
    {
        "be",
        "receive",
        "get",
        "see",
        "notice",
        "hear",
        "feel",
        "find",
        "wonder",
        "experience",
        "go",
        "have",
        "know",
        "mean",
        "want",
        "like",
    }
)
_DILIGENCE = frozenset(
    {
        "read",
        "check",
        "follow",
        "confirm",
        "complete",
        "provide",
        "include",
        "attach",
        "enter",
        "update",
        "submit",
        "select",
        "click",
        "tick",
        "fill",
        "sign",
        "save",
        "contact",
        "call",
        "reply",
        "respond",
        "answer",
        "tell",
        "inform",
        "ask",
        "look",
        "notice",
        "pay",
        "return",
        "keep",
        "register",
        "activate",
        "verify",
        "refuse",
        "reject",
        "decline",
        "cancel",
        "report",
        "request",
        "choose",
        "wait",
        "use",
        "press",
        "review",
        "pack",
        "label",
        "insert",
        "put",
    }
)
_ASSUMING_ADVERBS = frozenset({"probably", "presumably", "likely", "apparently", "maybe"})
_CONDESCENDING_ADVERBS = frozenset({"obviously", "clearly", "evidently", "plainly", "surely"})
_FAULT_NOUNS = frozenset(
    {
        "responsibility",
        "fault",
        "mistake",
        "error",
        "oversight",
        "negligence",
        "duty",
        "obligation",
        "failure",
    }
)
_MISSES = frozenset({"miss", "misunderstand", "misread", "ignore", "overlook", "forget", "disregard"})
_CERTAINTY = frozenset({"definitely", "certainly", "absolutely", "surely", "undoubtedly"})
# Past forms too: the lemmatiser leaves a mis-tagged "forgot" as it is.
_FAILURE_VERBS = frozenset({"fail", "neglect", "forget", "forgot", "omit", "refuse"})
_PROMISE_VERBS = frozenset({"guarantee", "promise", "swear", "assure", "pledge"})
_MULTI_STEP = frozenset(
    {
        "fix",
        "resolve",
        "repair",
        "sort",
        "solve",
        "replace",
        "refund",
        "process",
        "investigate",
        "correct",
        "restore",
        "reconnect",
        "reinstate",
        "deliver",
        "arrive",
        "compensate",
        "credit",
        "reimburse",
        "rectify",
        "complete",
        "approve",
        "settle",
        "pay",
    }
)
_IMMEDIATE = frozenset({"immediately", "instantly", "instantaneously"})
_IMMEDIATE_PAIRS = frozenset({("right", "away"), ("straight", "away"), ("at", "once")})
_EVENT_LINKS = frozenset({"after", "once", "when", "upon", "on", "as", "if"})
_OUTCOMES = _MULTI_STEP | {"be", "work", "reach", "receive", "get", "happen", "sort"}
_POLICY_WORDS = frozenset({"policy", "law", "terms", "regulation", "regulations", "legislation"})
_COMMUNICATION = frozenset(
    {"say", "explain", "state", "mention", "tell", "inform", "advise", "point", "write", "outline", "clarify"}
)
_ENSURING = frozenset({"ensure", "make", "promise", "guarantee", "assure"})
_REPEAT_ADVERBS = frozenset({"already", "previously", "repeatedly", "before", "again"})
_RECURRENCE = frozenset({"happen", "occur", "recur", "repeat", "arise"})
_ON_EVENT = frozenset({"as", "once", "when", "after", "until"})
"""Marks of a clause that a promised outcome waits on ("as soon as", "once", "when")."""


def _parse_issues(unit: Span, lex: ToneLexicon) -> Iterator[tuple[int, int, ToneType]]:
    for token in span_tokens(unit):
        kind = _token_issue(token, lex)
        if kind is not None:
            start, end = _issue_bounds(token, unit)
            yield start, end, kind


def _token_issue(token: Token, lex: ToneLexicon) -> ToneType | None:
    if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"aux", "auxpass"}:
        return _verb_issue(token)
    if token.lemma_.lower() in _FAULT_NOUNS and _owned_by_customer(token, lex):
        return ToneType.BLAME
    return None


def _verb_issue(verb: Token) -> ToneType | None:
    lemma = verb.lemma_.lower()
    subject = _subject(verb)
    person = subject.lower_ if subject is not None else ""
    auxes: set[str] = set()
    adverbs: set[str] = set()
    marks: set[str] = set()
    for child in verb.children:  # one pass: spaCy makes a new object per child visited
        dep = child.dep_
        if dep in {"aux", "auxpass"}:
            auxes.add(child.lower_)
        elif dep in {"advmod", "neg"}:
            adverbs.add(child.lower_)
        elif dep == "mark":
            marks.add(child.lower_)
        elif dep == "npadvmod" and _counted_times(child):
            adverbs.add("repeatedly")  # "many times", "three times": said before, more than once
    if verb.dep_ == "xcomp" and verb.head.lower_ == "ought":
        auxes.add("ought")
    negated = bool(adverbs & {"not", "n't", "never"})
    if person in _SECOND_PERSON and (
        not marks & {"if", "unless", "whether"} or _counterfactual(verb, lemma, auxes)
    ):
        kind = _second_person_issue(verb, lemma, auxes, adverbs, negated)
        if kind is not None:
            return kind
    if lemma in _PROMISE_VERBS and not negated and _promises(verb, lemma, person):
        return ToneType.OVER_PROMISE
    if "again" in adverbs and _future(auxes) and "never" in adverbs:
        return ToneType.OVER_PROMISE
    if lemma in _RECURRENCE and "again" in adverbs and negated and (_future(auxes) or _ensured(verb)):
        return ToneType.OVER_PROMISE
    if (
        adverbs & _CERTAINTY
        and _future(auxes)
        and lemma in _OUTCOMES
        and person not in _FIRST_PERSON
        and not negated
    ):
        return ToneType.OVER_PROMISE
    if lemma in _MULTI_STEP and _future(auxes) and person not in _SECOND_PERSON and (_immediate(verb)):
        return ToneType.OVER_PROMISE
    if lemma in _COMMUNICATION and adverbs & _REPEAT_ADVERBS and person not in _SECOND_PERSON:
        reader = any(
            t.lower_ in {"you", "this", "that", "it"}
            for t in verb.children
            if t.dep_ in {"dobj", "dative", "iobj"}
        )
        if "as" in marks or (person in _FIRST_PERSON and reader):
            return ToneType.RUDE
    return None


def _counted_times(noun: Token) -> bool:
    """ "many times", "several times", "three times": a count of times, not "at times"."""
    return noun.lemma_.lower() == "time" and any(c.dep_ in {"amod", "nummod"} for c in noun.children)


def _promises(verb: Token, lemma: str, person: str) -> bool:
    """ "I guarantee ...", "we promise ...", "I assure you it will ...", "is guaranteed to"."""
    if person in _FIRST_PERSON:
        if _hedged_outcome(verb) or (lemma == "guarantee" and _for_a_period(verb)):
            return False
        if lemma == "assure":
            return any(t.lower_ in {"will", "'ll", "wo"} for t in verb.subtree)
        steps = [c for c in verb.children if c.dep_ == "xcomp"]
        if steps:  # "I promise to keep you updated" commits to a step, not an outcome
            return any(t.lemma_.lower() in _MULTI_STEP for s in steps for t in s.subtree)
        return True
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    by_policy = any(t.lower_ in _POLICY_WORDS for t in verb.subtree)
    outcome = any(c.dep_ == "xcomp" for c in verb.children) or _by_a_date(verb)
    return lemma == "guarantee" and passive and not by_policy and outcome


def _by_a_date(verb: Token) -> bool:
    """ "is guaranteed by Friday 27 March", "within two days": a deadline, not who guarantees."""
    for child in verb.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in {"by", "within", "before"}:
            phrase = child.doc[child.i : child.right_edge.i + 1].text
            if find_timeframes(phrase):
                return True
    return False


_PERIODS = frozenset({"day", "week", "month", "year", "lifetime", "life"})


def _for_a_period(verb: Token) -> bool:
    """ "guarantee their work for 12 months": a warranty over a period, not a promised outcome."""
    return any(
        c.dep_ == "prep" and c.lower_ == "for" and any(t.lemma_.lower() in _PERIODS for t in c.subtree)
        for t in (verb, *(o for o in verb.children if o.dep_ == "dobj"))
        for c in t.children
    )


def _second_person_issue(
    verb: Token, lemma: str, auxes: set[str], adverbs: set[str], negated: bool
) -> ToneType | None:
    """Blame aimed at the reader: "you should have", "obviously you didn't"."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    perfect = bool(auxes & {"have", "'ve"})
    if (
        perfect
        and auxes & _DUTY_MODALS
        and verb.tag_ == "VBN"
        and not passive
        and lemma not in _HAPPENED_TO_YOU
        and ("could" not in auxes or lemma in _DILIGENCE)
    ):
        return ToneType.BLAME
    past = verb.tag_ in {"VBD", "VBN"} or "did" in auxes
    if adverbs & _CONDESCENDING_ADVERBS and (negated or lemma in _MISSES or _wrong_choice(verb)):
        return ToneType.BLAME
    if past and (lemma in _MISSES - {"miss", "forget"} or _wrong_choice(verb)):
        return ToneType.BLAME
    if _counterfactual(verb, lemma, auxes):
        return ToneType.BLAME
    if past and adverbs & _ASSUMING_ADVERBS and lemma not in _HAPPENED_TO_YOU:
        return ToneType.BLAME
    if lemma in _FAILURE_VERBS and any(c.dep_ == "xcomp" for c in verb.children):
        return ToneType.BLAME
    if past and negated and lemma in _DILIGENCE and not passive and not adverbs & {"yet", "before"}:
        # "you didn't pay"; not "you won't be paid" (done to you), "you haven't paid yet" (still
        # to come) or "you had not used it before" (something new, not a failure)
        return ToneType.BLAME
    return None


def _owned_by_customer(noun: Token, lex: ToneLexicon) -> bool:
    """ "your responsibility", "the passenger's fault"; not "it's not your fault"."""
    verb = noun.head
    if any(c.dep_ == "neg" for c in verb.children) or noun.dep_ == "pobj":
        return False
    for child in noun.children:
        if child.dep_ != "poss":
            continue
        if child.lower_ in {"your", "yours"}:
            return True
        words = " ".join(t.lower_ for t in child.subtree if t.dep_ != "case" and t.tag_ != "DT")
        if child.lemma_.lower() in lex.customer_roles or words in lex.customer_roles:
            return True
    return False


def _wrong_choice(verb: Token) -> bool:
    """ "you chose the wrong size", "you entered an incorrect code"; not "you got the wrong
    order", which was done to the reader."""
    if verb.lemma_.lower() in _HAPPENED_TO_YOU:
        return False
    return any(
        c.dep_ == "dobj"
        and c.lower_ not in {"nothing", "anything"}
        and any(m.lower_ in {"wrong", "incorrect"} for m in c.children)
        for c in verb.children
    )


def _counterfactual(verb: Token, lemma: str, auxes: set[str]) -> bool:
    """ "If you had read ...", "Had you contacted us ...": the reader's omitted duty, named
    by a verb of diligence or by what it would have spared ("had you walked round the car,
    we would not be having this conversation")."""
    had = "had" in auxes and verb.tag_ in {"VBN", "VBD"}  # the parser may tag it past
    if not (had or (auxes & _CONTRACTED and _unreal_consequence(verb))):
        return False  # "if you'd read it" is "had" only before "…you'd know", "…could have"
    if not _conditional(verb):
        return False  # "you had already paid": a fact, not a reproach
    return lemma in _DILIGENCE or any(_spared(t) for t in (verb.head, *verb.conjuncts))


def _unreal_consequence(verb: Token) -> bool:
    """The rest of the sentence is an unreal past or what the reader would know: "this could
    have been avoided if you'd read…", "if you'd read the slip, you'd know…" (not the polite
    request "if you'd read the form and sign it, we can proceed")."""
    condition = {t.i for t in verb.subtree}
    for token in verb.sent:
        if token.i in condition or token.pos_ not in {"VERB", "AUX"}:
            continue
        auxes = {c.lower_ for c in token.children if c.dep_ == "aux"}
        if auxes & _UNREAL_MODALS and ("have" in auxes or token.lemma_.lower() in _KNOWING):
            return True
    return False


_CONTRACTED = frozenset({"'d", "’d"})
_UNREAL_MODALS = frozenset({"would", "could", "might", "'d", "’d"})
_KNOWING = frozenset({"know", "see", "realise", "realize", "understand", "notice", "find"})


def _conditional(verb: Token) -> bool:
    """ "If you had …" or "Had you …" (the auxiliary before its subject)."""
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in verb.children):
        return True
    had = [c for c in verb.children if c.dep_ == "aux" and c.lower_ == "had"]
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return bool(had and subjects and had[0].i < subjects[0].i)


def _spared(consequence: Token) -> bool:
    """ "we would not be having this conversation", "this would not have happened" (the
    parser may hang that clause on the condition as a conjunct)."""
    children = {c.lower_ for c in consequence.children if c.dep_ in {"aux", "neg"}}
    return bool(children & {"would", "'d"}) and bool(children & {"not", "n't", "never"})


def _ensured(verb: Token) -> bool:
    """ "(I'll) make sure this never happens again": the recurrence is the promised outcome;
    not "to make sure it does not happen again, we are adding a check" (the purpose of a step)."""
    head = verb.head
    while head.i != head.head.i and head.dep_ in {"ccomp", "xcomp", "acomp"}:
        head = head.head
    purpose = any(c.dep_ == "aux" and c.tag_ == "TO" for c in head.children) or any(
        c.dep_ == "mark" and c.lower_ == "so" for c in verb.children
    )  # "to make sure …", "the changes we are making so that …": why a step is taken
    return head.i != verb.i and head.lemma_.lower() in _ENSURING and not purpose


def _hedged_outcome(verb: Token) -> bool:
    """A promised outcome that waits on an event ("restored as soon as the work is done") or
    is an aim, not a result ("we will be better")."""
    for token in verb.subtree:
        if token.i == verb.i:
            continue
        if token.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _ON_EVENT for m in token.children):
            return True
        if token.dep_ == "acomp" and token.tag_ == "JJR":
            return True
    return False


def _immediate(verb: Token) -> bool:
    """ "immediately", "right away", "at once" - unless tied to an event ("immediately after")."""
    words = [t.lower_ for t in verb.subtree]
    for i, word in enumerate(words):
        pair = (word, words[i + 1] if i + 1 < len(words) else "")
        size = 1 if word in _IMMEDIATE else 2 if pair in _IMMEDIATE_PAIRS else 0
        if size and (words[i + size] if i + size < len(words) else "") not in _EVENT_LINKS:
            return True
    return False


def _issue_bounds(token: Token, unit: Span) -> tuple[int, int]:
    """The clause around ``token``; for a fault noun, the clause of its verb."""
    anchor = token
    while anchor.pos_ not in {"VERB", "AUX"} and anchor.head.i != anchor.i:
        anchor = anchor.head
    return clause_bounds(anchor, unit)


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    if verb.dep_ in {"conj", "xcomp"} and verb.head.i != verb.i:
        return _subject(verb.head)
    return None


def _future(auxes: set[str]) -> bool:
    return bool(auxes & {"will", "'ll", "shall", "wo"})


# ---------------------------------------------------------------- lexicon helpers
def _compile(
    path: Path, key: str, data: Mapping[str, object], lists: dict[str, list[str]] | None = None
) -> FoldedPattern:
    entries = data.get(key) or []
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        raise RulePackError(f"{path}: '{key}' must be a list of patterns")
    if not entries:
        return FoldedPattern(r"(?!x)x")
    if lists:
        entries = [expand(e, lists, path, key) for e in entries]
    parts = [e.replace("'", "['’]").replace(" ?", r"\s*").replace(" ", r"\s+") for e in entries]
    # Thai writes no spaces between words, so its forms match anywhere ("word-bounded: false")
    before, after = (r"(?<!\w)", r"(?!\w)") if data.get("word-bounded", True) else ("", "")
    try:
        return FoldedPattern(before + "(?:" + "|".join(parts) + ")" + after)
    except re.error as exc:
        raise RulePackError(f"{path}: bad pattern under '{key}': {exc}") from exc


def _merge(spans: list[tuple[int, int, ToneType]], lex: ToneLexicon) -> list[ToneIssue]:
    issues: list[ToneIssue] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[2].value, s[0], -s[1])):
        last = issues[-1] if issues else None
        if last is not None and last.type is kind and start < last.end:
            issues[-1] = ToneIssue(last.start, max(last.end, end), kind, last.suggestion)
        else:
            issues.append(ToneIssue(start, end, kind, lex.suggestion(kind)))
    return sorted(issues, key=lambda i: (i.start, i.end))
