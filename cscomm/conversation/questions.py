"""Find the questions and requests in a customer's message.

The message is cut into units (spaCy sentences, further split at blank lines and
header lines). A unit is then read in one of five ways: direct questions (one span per
interrogative clause, so "When will it ship and can I change the address?" gives two),
indirect questions ("I'd like to know whether…"), inverted requests without a question
mark ("Could you send me a copy."), imperatives ("Please cancel my order") and wishes or
needs ("I'd like to keep my number", "I need a copy of my invoice"). Pleasantries,
rhetorical questions and anything quoted from an earlier company email are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice, pairwise

from spacy.tokens import Doc, Token

from cscomm.conversation import lexicon as lx
from cscomm.document import has_word_character
from cscomm.parsing import sign_off_start
from cscomm.per_doc import doc_text, doc_tokens, per_doc

_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
_FINITE_AUX_TAGS = frozenset({"MD", "VBZ", "VBP", "VBD"})
_SUBJECT_TAGS = frozenset({"PRP", "EX", "DT", "NNP", "NNPS", "NN", "NNS", "PRP$", "CD"})
_WH_SKIP_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "RB", "RBR", "DT", "IN"})
_CLAUSE_CONJ = frozenset({"and", "or", "but", "also", "so", "plus", "then"})
_BOUNDARY_PUNCT = frozenset({",", ";", ":", "-", "\u2013", "\u2014", "(", "...", "…"})
_LEADERS = frozenset(
    {
        "hi",
        "hello",
        "hey",
        "hiya",
        "morning",
        "also",
        "and",
        "so",
        "but",
        "oh",
        "ok",
        "okay",
        "well",
        "please",
        "kindly",
        "just",
        "then",
        "plus",
        "now",
        "anyway",
        "lastly",
        "finally",
        "first",
        "secondly",
    }
)
_SUBORDINATORS = frozenset({"if", "when", "once", "after", "before", "as", "since", "because", "unless"})
_ANAPHORS = frozenset({"it", "this", "that", "they", "them", "these", "those", "one"})
_FRAME_VERBS = frozenset({"like", "love", "want", "need", "wish", "mind", "prefer", "hope", "be"})
_SUBORDINATE_DEPS = frozenset({"advcl", "relcl", "acl", "pcomp"})
_THIN = 1.5
_MIN_WORDS = 3

_TIME_AMOUNT_WORDS = frozenset({"longer", "sooner", "days", "weeks", "hours", "months"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_PRICE_NOUNS = frozenset({"quote", "quotation", "estimate", "price", "cost"})


@dataclass(frozen=True, slots=True)
class Question:
    """One question or request, located in the customer message.

    ``focus`` lists the content lemmas of what is asked; ``terms`` are the weighted
    comparison keys the judge matches against the reply; ``context`` holds content
    lemmas of the text the question leans on ("How do I do that?"), and
    ``predicate`` the key of the action a request asks for; ``nouns`` the keys of
    the things it asks about; ``in_subject`` whether it is the message's subject line.
    """

    start: int
    end: int
    text: str
    form: str
    answer_type: str
    focus: tuple[str, ...]
    terms: tuple[tuple[str, float], ...] = ()
    context: tuple[str, ...] = ()
    predicate: str = ""
    nouns: tuple[str, ...] = ()
    in_subject: bool = False


@per_doc
def extract_questions(doc: Doc) -> tuple[Question, ...]:
    """Return the customer's questions and requests in document order."""
    units = list(_units(doc))
    topic = _topic(units)
    found: list[Question] = []
    previous: Sequence[Token] = ()
    for unit, is_subject in units:
        for start, end, form in _read_unit(unit, is_subject):
            if end <= start:
                continue
            prefix = unit[:start]
            lead = prefix if _word_count(prefix) >= _MIN_WORDS else previous
            found.append(_question(doc, unit[start:end], form, lead, topic, in_subject=is_subject))
        if _word_count(unit) >= _MIN_WORDS:
            previous = unit
    return tuple(found)


# ----------------------------------------------------------------- units
def _units(doc: Doc) -> Iterator[tuple[list[Token], bool]]:
    """Token runs to read one by one, each flagged when it is a subject line."""
    skip, subject = _line_filter(doc_text(doc))
    unit: list[Token] = []
    unit_is_subject = False
    for tok in doc_tokens(doc):
        idx = tok.idx
        if idx >= skip.cut or (skip.ranges and any(a <= idx < b for a, b in skip.ranges)):
            continue
        in_subject = subject is not None and subject[0] <= idx < subject[1]
        if unit and (
            (tok.is_space and "\n\n" in tok.text)
            or in_subject != unit_is_subject
            or (tok.is_sent_start and not _wrapped_line(tok))
        ):
            yield unit, unit_is_subject
            unit = []
        if tok.is_space:
            continue
        if not unit:
            unit_is_subject = in_subject
        unit.append(tok)
        if tok.text == "?" and not _next_is_question_mark(tok):
            yield unit, unit_is_subject
            unit = []
    if unit:
        yield unit, unit_is_subject


def _next_is_question_mark(tok: Token) -> bool:
    return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text in {"?", "!"}


def _wrapped_line(tok: Token) -> bool:
    """True when spaCy broke a sentence at a line wrap inside it."""
    if tok.i < 2 or not tok.text[:1].islower():
        return False
    gap, before = tok.doc[tok.i - 1], tok.doc[tok.i - 2]
    return gap.text == "\n" and before.text not in {".", "?", "!", ":"}


@dataclass(frozen=True, slots=True)
class _Skip:
    cut: int
    ranges: tuple[tuple[int, int], ...]


def _line_filter(text: str) -> tuple[_Skip, tuple[int, int] | None]:
    """Header lines to skip, where the message stops (its sign-off, or nested quoted
    mail), and the subject value."""
    nested, ranges, subject = _scan_lines(text)
    return _Skip(_before_sign_off(text, nested), ranges), subject


def own_message(text: str) -> str:
    """The customer's own message: ``text`` up to any nested quote of earlier mail (in a
    long thread most of the text, and none of it the customer's questions)."""
    return text[: _scan_lines(text)[0]]


def _scan_lines(text: str) -> tuple[int, tuple[tuple[int, int], ...], tuple[int, int] | None]:
    """Where nested quoted mail starts (else the text's end), the header lines above it
    and the subject value."""
    ranges: list[tuple[int, int]] = []
    subject: tuple[int, int] | None = None
    prose = False
    offset = 0
    lines = text.splitlines(keepends=True)
    for n, line in enumerate(lines):
        bare = line.rstrip("\r\n")
        end = offset + len(bare)
        if lx.NESTED_START.match(bare) or (
            prose and bare.startswith("From:") and _sent_line_follows(lines[n + 1 : n + 4])
        ):
            return offset, tuple(ranges), subject
        match = lx.SUBJECT_LINE.match(bare)
        if match and not prose and subject is None:
            ranges.append((offset, offset + match.end()))
            subject = (offset + match.end(), end)
        elif lx.HEADER_LINE.match(bare):
            ranges.append((offset, end))
        elif bare.strip():
            prose = True
        offset += len(line)
    return len(text), tuple(ranges), subject


def _before_sign_off(text: str, cut: int) -> int:
    """``cut``, or the start of the message's sign-off above it ("Speak soon, Jo")."""
    start = sign_off_start(text[:cut])
    return cut if start is None else start


def _sent_line_follows(lines: Sequence[str]) -> bool:
    return any(line.startswith(("Sent:", "Date:")) for line in lines)


# ----------------------------------------------------------------- reading a unit
def _read_unit(unit: list[Token], is_subject: bool) -> list[tuple[int, int, str]]:
    """(start, end, form) of each question in ``unit``; indices are into ``unit``."""
    if _word_count(unit) < _MIN_WORDS:
        return []
    text = _unit_text(unit)
    if lx.PLEASANTRY.search(text) or lx.RHETORICAL.search(text) or lx.OFFER.search(text):
        return []
    lead = _skip_leaders(unit, 0)
    asks = unit[-1].text == "?" or (unit[-1].is_punct and "?" in text)
    if asks or _opens_question(unit, lead):
        return _split_questions(unit, _question_starts(unit), asks)
    if is_subject:
        return []
    verb = _imperative_verb(unit, lead)
    if verb is not None:
        return _split_imperatives(unit, lead, verb)
    if _know_frame(unit) or _not_found_frame(unit):
        return _split_indirect(unit, lead)
    start = _wish_start(unit)
    if start is not None:
        return [(start, _trim_end(unit, start, len(unit)), "request")]
    if _conditional_request(unit):
        return [(lead, _trim_end(unit, lead, len(unit)), "request")]
    return []


def _unit_text(unit: Sequence[Token]) -> str:
    """The words of ``unit`` with one space wherever the text has any: a line wrapped in
    the middle of a question reads as one line (line breaks are not in the unit)."""
    gaps = [" " if b.idx > a.idx + len(a.text) else "" for a, b in pairwise(unit)]
    return "".join(t.text + gap for t, gap in zip(unit, [*gaps, ""], strict=True))


def _conditional_request(unit: Sequence[Token]) -> bool:
    """ "I'd be grateful if you could…", "It would be great if you could…"."""
    return any(_request_frame_at(unit, i) for i in range(len(unit)))


def _request_frame_at(unit: Sequence[Token], i: int) -> bool:
    """``unit[i]`` starts "if you could <verb>" after words of appreciation."""
    words = [t.lower_ for t in unit[i : i + 3]]
    if i + 3 >= len(unit) or words[:2] != ["if", "you"] or words[2] not in {"could", "can", "would"}:
        return False
    before = {t.lower_ for t in unit[:i]}
    return bool(lx.APPRECIATE & before or "appreciate" in before)


def _skip_leaders(unit: Sequence[Token], i: int) -> int:
    while i < len(unit) and (unit[i].lower_ in _LEADERS or unit[i].is_punct):
        i += 1
    return i


def _at_boundary(unit: Sequence[Token], i: int) -> bool:
    if i == 0 or _skip_leaders(unit, 0) >= i:
        return True
    prev = unit[i - 1]
    return prev.text in _BOUNDARY_PUNCT or prev.lower_ in _CLAUSE_CONJ


def _opens_question(unit: Sequence[Token], i: int) -> bool:
    """Whether an interrogative clause starts at ``unit[i]``."""
    if i >= len(unit):
        return False
    tok = unit[i]
    if tok.lower_ == "whether":
        return True
    if tok.tag_ in _WH_TAGS and tok.lower_ in lx.WH_WORDS:
        j = i + 1
        while j < min(i + 4, len(unit)) and unit[j].tag_ in _WH_SKIP_TAGS:
            j += 1
        if j >= len(unit):
            return False
        nxt = unit[j]
        return nxt.tag_ in _FINITE_AUX_TAGS or (nxt.tag_ == "TO" and j == i + 1)
    if tok.lemma_.lower() in lx.AUX_LEMMAS and tok.tag_ in _FINITE_AUX_TAGS:
        j = i + 1
        while j < len(unit) and unit[j].lower_ in {"n't", "not"}:
            j += 1
        return j < len(unit) and unit[j].tag_ in _SUBJECT_TAGS
    return False


def _question_starts(unit: Sequence[Token]) -> list[int]:
    starts = [i for i in range(len(unit)) if _at_boundary(unit, i) and _opens_question(unit, i)]
    if not starts:
        return [_skip_leaders(unit, 0)]
    first = starts[0]
    lead = _skip_leaders(unit, 0)
    if first > lead and unit[lead].lower_ in _SUBORDINATORS:
        starts[0] = lead
    return starts


def _split_questions(unit: list[Token], starts: list[int], asks: bool) -> list[tuple[int, int, str]]:
    """One span per interrogative clause; ``or`` keeps alternatives together."""
    spans: list[tuple[int, int]] = []
    for start in starts:
        if not spans:
            spans.append((start, len(unit)))
            continue
        prev_start = spans[-1][0]
        conj = _last_conjunction(unit, prev_start + 1, start)
        if conj is not None and unit[conj].lower_ == "or":
            continue
        cut = conj if conj is not None else start
        spans[-1] = (prev_start, cut)
        spans.append((start if conj is None else conj + 1, len(unit)))
    out = []
    for start, end in spans:
        start = _skip_leaders(unit, start) if unit[start].lower_ in _LEADERS else start
        end = _trim_end(unit, start, end)
        if _word_count(unit[start:end]) < _MIN_WORDS:
            continue
        part = unit[start:end]
        embedded = part[0].lower_ == "whether" or (
            part[0].lower_ == "if" and not any(t.text == "," for t in part)
        )
        form = "indirect" if embedded or _know_frame(part) else "direct"
        if not asks and form == "direct" and _is_action(part):
            form = "request"
        out.append((start, end, form))
    return out


def _last_conjunction(unit: Sequence[Token], lo: int, hi: int) -> int | None:
    for j in range(hi - 1, lo - 1, -1):
        if unit[j].lower_ in {"and", "or", "but", "plus"} and unit[j].tag_ == "CC":
            return j
    return None


def _trim_end(unit: Sequence[Token], start: int, end: int) -> int:
    """``end`` less trailing punctuation, conjunctions and a reason ("because…", or ", as
    I no longer drive"): the span from ``start`` is what is asked, not why. A reason
    before the ask ("Since we married, I need to…") is left alone."""
    for i in range(end - 1, start + 1, -1):  # the first reason, when there are two
        if unit[i].dep_ == "mark" and (
            unit[i].lower_ == "because" or (unit[i].lower_ in _REASON_MARKS and unit[i - 1].text == ",")
        ):
            end = i
    while end > start and (
        (unit[end - 1].is_punct and unit[end - 1].text != "?") or unit[end - 1].lower_ in _CLAUSE_CONJ
    ):
        end -= 1
    return end


_REASON_MARKS = frozenset({"as", "since"})  # a reason only after a comma ("since Monday" is not)


def _know_frame(part: Sequence[Token]) -> bool:
    """ "tell me whether", "I'd like to know when", "I was wondering if"…"""
    for i, tok in enumerate(part):
        if tok.lemma_.lower() not in lx.KNOW_VERBS or _negated(tok) or not _addressed(tok):
            continue
        j = _embedded_start(part, i)
        if j is not None:
            return not _musing(tok, part[j + 1 : j + 4])
    return False


def _not_found_frame(part: Sequence[Token]) -> bool:
    """ "I couldn't see anywhere on your website whether you still do…", "we can't find out
    when…": what the writer looked for and did not find, which asks it."""
    for tok in part:
        if tok.lemma_.lower() not in _LOOKED_FOR or not _negated(tok):
            continue
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ not in {"i", "we"}:
            continue
        for clause in tok.children:
            if clause.dep_ == "ccomp" and any(
                c.lower_ in {"whether", "if"} or (c.lower_ in lx.WH_WORDS and c.i < clause.i)
                for c in clause.children
            ):
                return True
    return False


_LOOKED_FOR = frozenset({"see", "find", "tell", "work", "figure"})


def _embedded_start(part: Sequence[Token], i: int) -> int | None:
    """Where the question embedded after the know-verb ``part[i]`` starts: "tell me
    *whether*…", "knowing by *when*…"."""
    j = i + 1
    while j < len(part) and part[j].lower_ in {"me", "us", "you", "out"}:
        j += 1
    if j + 1 < len(part) and part[j].tag_ == "IN" and part[j + 1].lower_ in lx.WH_WORDS:
        j += 1  # "knowing by when", "tell me for how long"
    if j < len(part) and part[j].lower_ in lx.WH_WORDS | {"if", "whether"}:
        return j
    return None


def _musing(verb: Token, following: Sequence[Token]) -> bool:
    """ "I wonder how other parents manage": thinking aloud, unlike "I was wondering
    whether…" or "I wonder if you could…", which ask."""
    if verb.lemma_.lower() != "wonder" or verb.tag_ != "VBP":
        return False
    return not any(a.tag_ == "MD" or a.lower_ in {"could", "can", "would"} for a in following)


def _addressed(verb: Token) -> bool:
    """The frame is the writer's or the reader's ("I wonder", "could you tell me")."""
    for tok in islice(chain((verb,), verb.ancestors), lx.MAX_DEPTH):
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return subj.lower_ in {"i", "we", "you", "me", "us"}
    return True


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _split_indirect(unit: list[Token], lead: int) -> list[tuple[int, int, str]]:
    cuts = [
        i
        for i in range(lead + 1, len(unit) - 1)
        if unit[i].lower_ == "and" and unit[i + 1].lower_ in lx.WH_WORDS | {"whether", "if"}
    ]
    bounds = [lead, *[c + 1 for c in cuts]]
    ends = [*cuts, len(unit)]
    return [
        (a, _trim_end(unit, a, b), "indirect")
        for a, b in zip(bounds, ends, strict=True)
        if _word_count(unit[a:b]) >= _MIN_WORDS
    ]


def _imperative_verb(unit: Sequence[Token], lead: int) -> Token | None:
    """The verb of an imperative unit ("Please cancel my order"), if it is one."""
    if lead >= len(unit):
        return None
    tok = unit[lead]
    if tok.tag_ not in {"VB", "VBP"} or _courtesy(unit, lead):
        return None
    first = unit[0].i
    if any(c.dep_ in {"nsubj", "nsubjpass", "expl"} and c.i >= first for c in tok.children):
        return None
    pleased = lead > 0 and unit[lead - 1].lower_ in {"please", "kindly"}
    return tok if pleased or tok.tag_ == "VB" else None


def _courtesy(unit: Sequence[Token], i: int) -> bool:
    """ "Thanks", "Have a good day", "Look forward to hearing from you"…"""
    nxt = unit[i + 1].lower_ if i + 1 < len(unit) else ""
    return unit[i].lemma_.lower() in lx.COURTESY_VERBS or (unit[i].lemma_.lower(), nxt) in lx.COURTESY_PHRASES


def _split_imperatives(unit: list[Token], lead: int, verb: Token) -> list[tuple[int, int, str]]:
    """Coordinated imperatives ("send the green one and tell me how…") split in two."""
    first = unit[0].i
    cuts = [
        c.i - first
        for c in verb.conjuncts
        if c.i > verb.i
        and c.tag_ == "VB"
        and c.i - first < len(unit)
        and not any(g.dep_ == "nsubj" for g in c.children)
    ]
    bounds = [lead - 1 if lead and unit[lead - 1].lower_ == "please" else lead]
    ends: list[int] = []
    for cut in cuts:
        conj = cut - 1 if unit[cut - 1].lower_ in {"and", "also"} else cut
        ends.append(conj)
        bounds.append(cut)
    ends.append(len(unit))
    out = []
    for a, b in zip(bounds, ends, strict=True):
        b = _trim_end(unit, a, b)
        if _word_count(unit[a:b]) >= _MIN_WORDS:
            out.append((a, b, "indirect" if _know_frame(unit[a:b]) else "request"))
    return out


def _wish_start(unit: Sequence[Token]) -> int | None:
    """Start of a wish or need clause ("I'd like to…", "I need a…"), if any."""
    first = unit[0].i
    for tok in unit:
        lemma = tok.lemma_.lower()
        if lemma not in {"like", "love", "want", "wish", "need", "prefer"}:
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ not in {"i", "we"} or _negated(tok):
            continue
        if tok.dep_ in _SUBORDINATE_DEPS or any(c.dep_ == "mark" for c in tok.children):
            continue
        modals = {c.lemma_.lower() for c in tok.children if c.tag_ == "MD"}
        if modals & {"may", "might"}:  # a possibility ("we may need to…"), not a request
            continue
        modal = "would" in modals
        if lemma in {"like", "love", "prefer"} and not modal:
            continue
        if _wants_something(tok):
            start = min([subj.i, *(c.i for c in tok.children if c.dep_ == "aux")]) - first
            return start if _at_boundary(unit, start) else 0
    return None


def _wants_something(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "xcomp" and child.tag_ == "VB":
            return child.lemma_.lower() not in lx.REMARK_VERBS
        if child.dep_ == "ccomp" and any(g.lower_ == "you" for g in child.children):
            return True
        if child.dep_ == "dobj":
            if verb.lemma_.lower() != "need":
                return True
            wanted = any(d.lower_ in {"a", "an", "another", "some"} for d in child.children)
            return wanted or any(c.lower_ == "back" for c in verb.children)  # "I need it back"
    return False


def _is_action(part: Sequence[Token]) -> bool:
    """ "Can/Could/Would you <do something>", "(I wonder) if you could <do something>"
    asks for an action."""
    for i, tok in enumerate(part[:-1]):
        asked = part[i + 1].lower_ == "you" or (
            i >= 2 and part[i - 1].lower_ == "you" and part[i - 2].lower_ in {"if", "whether"}
        )
        if tok.tag_ == "MD" and asked:
            verb = next((t for t in part[i + 1 :] if t.pos_ == "VERB"), None)
            return verb is not None and verb.lemma_.lower() not in lx.KNOW_VERBS
    return False


def _word_count(tokens: Sequence[Token]) -> int:
    return sum(1 for t in tokens if has_word_character(t.text))


# ----------------------------------------------------------------- classification
def _question(
    doc: Doc,
    span: Sequence[Token],
    form: str,
    previous: Sequence[Token],
    topic: tuple[str, ...],
    *,
    in_subject: bool,
) -> Question:
    start, end = span[0].idx, span[-1].idx + len(span[-1].text)
    answer_type = _answer_type(span, form)
    asked = _asked_part(span)
    focus = tuple(dict.fromkeys(lx.content_lemmas(asked)))
    terms = lx.weighted_terms(asked)
    context: tuple[str, ...] = ()
    if focus and all(lemma in lx.PROGRESS_NOUNS for lemma in focus):
        terms, context = {}, topic
    elif previous and (
        any(t.lower_ in _ANAPHORS and t.dep_ != "det" for t in span)  # "this", not "this order"
        or sum(w for w in terms.values() if w > lx.LIGHT_WEIGHT) < _THIN
    ):
        context = tuple(dict.fromkeys(lx.content_lemmas(previous)))
    verb = _requested_verb(asked) if answer_type == "action" else None
    predicate = lx.term_key(verb.lemma_.lower()) if verb is not None else ""
    return Question(
        start,
        end,
        doc_text(doc)[start:end],
        form,
        answer_type,
        focus,
        tuple(terms.items()),
        context,
        predicate,
        _noun_keys(asked),
        in_subject,
    )


def _noun_keys(span: Sequence[Token]) -> tuple[str, ...]:
    """Comparison keys of the content nouns in ``span``: the things a question asks about."""
    keys = (lx.term_key(t.lemma_.lower()) for t in span if t.pos_ in _NOUNS and lx.is_content(t))
    return tuple(dict.fromkeys(keys))


def _requested_verb(span: Sequence[Token]) -> Token | None:
    """The action a request asks for: "Would you mind *sending*…", "I'd like to *switch*…"."""
    first, last = span[0].i, span[-1].i
    verb = next((t for t in span if not first <= t.head.i <= last or t.head == t), None)
    while verb is not None and verb.lemma_.lower() in _FRAME_VERBS:
        verb = next(
            (c for c in verb.children if c.dep_ in {"xcomp", "ccomp"} and c.pos_ == "VERB"),
            None,
        )
    return verb if verb is not None and lx.is_content(verb) else None


def _asked_part(span: Sequence[Token]) -> Sequence[Token]:
    """For "Could you tell me whether X", the tokens of X; otherwise the whole span.

    A question that asks how to find something out ("How do I check whether…")
    keeps its whole span.
    """
    for i, tok in enumerate(span):
        if tok.lower_ in lx.WH_WORDS:
            return span
        if _request_frame_at(span, i):
            return span[i + 3 :]  # "I'd be grateful if you could | send me a valuation"
        if tok.lemma_.lower() in lx.KNOW_VERBS and not _negated(tok):
            j = _embedded_start(span, i)
            if j is not None and j < len(span) - 1:
                return span[j:]
    return span


def _topic(units: Sequence[tuple[list[Token], bool]]) -> tuple[str, ...]:
    """Lemmas of the subject line and of words the message repeats across sentences."""
    seen: dict[str, int] = {}
    subject: list[str] = []
    for unit, is_subject in units:
        lemmas = set(lx.content_lemmas(unit))
        if is_subject:
            subject.extend(lemmas)
        for lemma in lemmas:
            seen[lemma] = seen.get(lemma, 0) + 1
    return tuple(dict.fromkeys([*subject, *(k for k, n in seen.items() if n > 1)]))


def _answer_type(span: Sequence[Token], form: str) -> str:
    words = [t.lower_ for t in span]
    lemmas = [t.lemma_.lower() for t in span]
    for i, word in enumerate(words):
        if word not in lx.WH_WORDS or not _interrogative_wh(span, i):
            continue
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word == "how":
            if nxt in {"much", "many"}:
                # "how much longer", "how many more days": a time, not an amount
                later = set(words[i + 2 : i + 4])
                return "time" if later & _TIME_AMOUNT_WORDS else "amount"
            if nxt in {"long", "soon", "quickly"}:
                return "time"
            if nxt == "come":
                return "reason"
            return "method"
        if word == "when":
            return "time"
        if word == "where":
            return "place"
        if word == "why":
            return "reason"
        if word in {"who", "whom", "whose"}:
            return "person"
        if word in {"what", "which"}:
            rest = set(lemmas[i + 1 : i + 4])
            if rest & {"time", "date", "day"}:
                return "time"
            if rest & {"basis", "ground", "reason"} or (word == "what" and _asks_cause(span, i)):
                return "reason"
            if rest & {
                "cost",
                "price",
                "fee",
                "charge",
                "maximum",
                "minimum",
                "limit",
                "amount",
                "rate",
                "much",
                "bill",
                "quote",
                "estimate",
                "total",
            }:
                return "amount"
            if "step" in rest or any(t.lemma_ == "do" and t.dep_ != "aux" for t in span[i + 1 :]):
                return "method"
            return "choice" if word == "which" else "info"
    if "or" in words[1:-1] and not _know_frame(span):
        return "choice"
    if form == "request" and any(t.pos_ == "NOUN" and t.lemma_.lower() in _PRICE_NOUNS for t in span):
        return "amount"  # "I'd like a rough quote", "please send me an estimate"
    if form == "request" or (form in {"direct", "indirect"} and _is_action(span)):
        return "action"  # "Can you send…", "I wonder if you could send…"
    return "yes-no"


def _asks_cause(span: Sequence[Token], i: int) -> bool:
    """ "What is causing this?", "what's holding it up?", "what went wrong?": asks why."""
    what = span[i]
    if what.dep_ == "nsubj" and what.head.lemma_.lower() in _CAUSE_VERBS:
        return True
    return bool({t.lemma_.lower() for t in span[i + 1 : i + 4]} & _FAULT_WORDS)


_CAUSE_VERBS = frozenset({"cause", "hold", "delay", "stop", "prevent", "block", "trigger", "slow"})
_FAULT_WORDS = frozenset({"wrong", "problem", "issue", "fault", "matter"})


def _interrogative_wh(span: Sequence[Token], i: int) -> bool:
    """A wh-word that asks ("When will…", "tell me where…"), not "when I checked in"."""
    if i == 0 or _opens_question(span, i):
        return True
    if i == 1 and span[0].pos_ == "ADP":  # "On what basis?", "By when?"
        return True
    prev = span[i - 1]
    if prev.pos_ == "ADP" and i >= 2:  # "knowing by when", "tell me for how long"
        prev = span[i - 2]
    return prev.lemma_.lower() in lx.KNOW_VERBS or prev.lower_ in {"me", "us", "and"}
